/**
 * The plain data of the daily reminders (督办): what the selection reads from the database and
 * what it returns. No platform, no I/O: the app layer turns a plan into messages.
 */
import type { IsoDate } from '../model';

/**
 * What can be due for an officer:
 * - `confirm`: a drawn officer has not yet confirmed the task (or declared 回避);
 * - `window`: the inspection window (检查期) closes within the reminder horizon;
 * - `findings`: the window is over and no findings were submitted;
 * - `publication`: the result must be published within 5 working days of the result date
 *   (偃应急〔2023〕18号: “自检查结果产生之日起5个工作日内 … 录入抽查结果，并及时向社会公示”);
 * - `recheck`: a 限期整改 deadline has been reached and the 复查 result is not recorded;
 * - `recusal`: an officer's 回避 awaits the agency head's decision (行政处罚法 第四十三条). Nobody
 *   chases the officer for it: the leaders' digest lists it until it is decided, and the
 *   officer's /deadlines shows it as awaiting approval. Due: the first day of the 检查期.
 */
export const REMINDER_KINDS = ['confirm', 'window', 'findings', 'publication', 'recheck', 'recusal'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Where a deadline stands today: not yet reached, reached today, or past. */
export type DueState = 'upcoming' | 'today' | 'overdue';

export interface ReminderOfficer {
  personId: number;
  name: string;
  status: 'pending' | 'confirmed' | 'awaiting_recusal' | 'recused' | 'released';
}

export interface ReminderFindings {
  rectification: 'none' | 'immediate' | 'deadline';
  rectificationDue: IsoDate | null;
  /** `rectified` / `not_rectified` once the 复查 is recorded; null before. */
  recheckResult: string | null;
}

/** One inspection task as the reminders see it. */
export interface ReminderTask {
  id: number;
  agencyId: number;
  drawNo: string;
  /** 0-based group number within the draw. */
  ordinal: number;
  enterpriseName: string;
  status: 'assigned' | 'inspected' | 'published' | 'cancelled';
  windowFrom: IsoDate;
  windowTo: IsoDate;
  publicationDue: IsoDate | null;
  /** The publication deadline was computed into a year with no holiday schedule. */
  publicationDueProvisional: boolean;
  officers: ReminderOfficer[];
  findings: ReminderFindings | null;
}

/** Tunable values; the defaults are {@link DEFAULT_REMINDER_POLICY}. */
export interface ReminderPolicy {
  /** An upcoming deadline is reminded when at most this many working days are left. */
  soonWorkdays: number;
  /** Calendar days after a 限期整改 deadline within which the 复查 should be recorded. */
  recheckGraceDays: number;
}

/**
 * - `soonWorkdays: 2`: the issue's “≤ 2 working days left”; with the 5-working-day publication
 *   limit of 偃应急〔2023〕18号 this reminds on day 3, 4 and 5.
 * - `recheckGraceDays: 10`: 复查 within 10 days of the rectification deadline, the period
 *   commonly applied under 《安全生产违法行为行政处罚办法》(原国家安全监管总局令第15号); the
 *   article was not verified for this project, so it is a policy value an agency may change.
 */
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = { soonWorkdays: 2, recheckGraceDays: 10 };

/** One thing due for one task. */
export interface DeadlineItem {
  kind: ReminderKind;
  taskId: number;
  agencyId: number;
  drawNo: string;
  ordinal: number;
  enterpriseName: string;
  /** The deadline this item runs to (for `recheck`: the rectification deadline + grace days). */
  due: IsoDate;
  /** True when the deadline or the count to it depends on a year with no holiday schedule. */
  provisional: boolean;
  /** Working days in (today, due]; negative when overdue (working days in (due, today]). */
  workdaysLeft: number;
  state: DueState;
  /** `recheck` only: the 整改期限 (reached, or in /deadlines still ahead). */
  rectificationDue?: IsoDate;
  /** `recheck` only: the 整改期限 is today or past (before it, /deadlines shows the 复查 as coming). */
  rectificationReached?: boolean;
  /** Who is responsible (for the leader's view, grouped by officer). */
  officers: Array<{ personId: number; name: string }>;
}

/** A reminder entry: the item and its unique key (day, kind, task, recipient). */
export interface ReminderEntry {
  key: string;
  item: DeadlineItem;
}

export type DigestAudience = 'officer' | 'leader';

/** One person's digest for the day: everything due that is theirs, or (leaders) overdue in the agency. */
export interface Digest {
  audience: DigestAudience;
  personId: number;
  agencyId: number;
  entries: ReminderEntry[];
  /**
   * Leaders: the one key of the whole digest (day, `overdue-digest`, leader), so a leader gets
   * exactly one escalation a day, and its entries carry that same key. Officers: absent, each
   * entry is claimed by its own key, so something that falls due later the same day can still
   * be sent (once).
   */
  digestKey?: string;
}

/** Tells an administrator, once a day, which years have no holiday schedule. */
export interface HolidayNotice {
  personId: number;
  agencyId: number;
  key: string;
  missingYears: number[];
}

/** The day's reminders, computed purely from the database state, today and the calendar. */
export interface ReminderPlan {
  day: IsoDate;
  /** Reminders go out on working days only (调休 Saturdays included, holidays excluded). */
  isWorkday: boolean;
  /** True when today's own year has no schedule (whether today is a working day is a guess). */
  dayProvisional: boolean;
  digests: Digest[];
  notices: HolidayNotice[];
  /** Years without a schedule that today's deadlines depend on. */
  missingYears: number[];
}
