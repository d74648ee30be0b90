/**
 * The daily reminder plan (product step 8, “督办”): every working day at 09:00 Asia/Shanghai each
 * person gets ONE digest of what is theirs, leaders get one digest of everything overdue in
 * their agency and of the 回避 awaiting their decision, and administrators are told which years have no holiday schedule.
 *
 * Pure: computed from the database state (open tasks, staff), today and the calendar; the same
 * inputs give the same plan, and every officer entry carries a unique key (day, kind, task,
 * recipient) — a leader's digest one key (day, leader) — so claiming the keys with a unique
 * insert makes a rerun, a restart or a second instance send nothing twice.
 *
 * Working days follow the State Council schedule held by the calendar: no reminders on a
 * holiday or an ordinary weekend, reminders on a 调休 Saturday/Sunday. A year with no schedule
 * is never silently treated as Monday–Friday: items that depend on it are `provisional`, and
 * administrators get a notice every working day until the year is loaded.
 */
import type { IsoDate } from '../model';
import type { WorkdayCalendar } from '../workdays';
import { createDueContext, dateSpan, taskItems, type DueContext } from './items';
import {
  DEFAULT_REMINDER_POLICY,
  type DeadlineItem,
  type Digest,
  type HolidayNotice,
  type ReminderPlan,
  type ReminderPolicy,
  type ReminderTask,
} from './types';

/** A leader or an administrator of an agency. */
export interface StaffMember {
  personId: number;
  agencyId: number;
}

export interface ReminderInput {
  today: IsoDate;
  calendar: WorkdayCalendar;
  tasks: readonly ReminderTask[];
  leaders: readonly StaffMember[];
  admins: readonly StaffMember[];
  policy?: Partial<ReminderPolicy>;
}

/** The unique key of one reminder: (day, kind, task, recipient). */
export function reminderKey(day: IsoDate, kind: string, taskId: number, personId: number): string {
  return `${day}:${kind}:t${taskId}:p${personId}`;
}

/** Orders items by deadline, then draw and group, so digests read the same every day. */
export function compareItems(a: DeadlineItem, b: DeadlineItem): number {
  if (a.due !== b.due) return a.due < b.due ? -1 : 1;
  if (a.drawNo !== b.drawNo) return a.drawNo < b.drawNo ? -1 : 1;
  return a.ordinal - b.ordinal || a.kind.localeCompare(b.kind);
}

/**
 * Years without a schedule that today's answers depend on: every year between today and each
 * deadline (counting working days crosses them), so the union is the years of the span from the
 * earliest to the latest date, today included.
 */
function missingYearsOf(ctx: DueContext, tasks: readonly ReminderTask[]): number[] {
  const span = dateSpan(tasks);
  const from = span && span.from < ctx.today ? span.from : ctx.today;
  const to = span && span.to > ctx.today ? span.to : ctx.today;
  const years = new Set(ctx.calendar.missingYears(from, to));
  for (const t of tasks) {
    // A deadline stored as provisional stays so until recomputed (import-holidays does that).
    if (t.publicationDueProvisional && t.publicationDue && t.status === 'inspected') {
      const y = Number(t.publicationDue.slice(0, 4));
      if (!ctx.calendar.hasSchedule(y)) years.add(y);
    }
  }
  return [...years].sort((a, b) => a - b);
}

/**
 * Computes the day's digests. On a day that is not a working day the plan is empty (the
 * schedule still fires; it just has nothing to send).
 */
export function selectReminders(input: ReminderInput): ReminderPlan {
  const { today, calendar } = input;
  const policy = { ...DEFAULT_REMINDER_POLICY, ...input.policy };
  const dayProvisional = !calendar.hasSchedule(Number(today.slice(0, 4)));
  const isWorkday = calendar.isWorkday(today);
  if (!isWorkday) return { day: today, isWorkday, dayProvisional, digests: [], notices: [], missingYears: [] };

  const ctx = createDueContext(today, calendar, policy);
  const officerDigests = new Map<number, Digest>();
  const overdueByAgency = new Map<number, DeadlineItem[]>();
  for (const task of input.tasks) {
    for (const { item, recipients } of taskItems(task, ctx, 'due')) {
      for (const personId of recipients) {
        let d = officerDigests.get(personId);
        if (!d) {
          d = { audience: 'officer', personId, agencyId: task.agencyId, entries: [] };
          officerDigests.set(personId, d);
        }
        d.entries.push({ key: reminderKey(today, item.kind, item.taskId, personId), item });
      }
      // Leaders see what is overdue, and every 回避 waiting for their decision.
      if (item.state === 'overdue' || item.kind === 'recusal') {
        const list = overdueByAgency.get(task.agencyId) ?? [];
        list.push(item);
        overdueByAgency.set(task.agencyId, list);
      }
    }
  }

  const digests: Digest[] = [...officerDigests.values()].sort((a, b) => a.personId - b.personId);
  for (const leader of [...input.leaders].sort((a, b) => a.personId - b.personId)) {
    const overdue = overdueByAgency.get(leader.agencyId);
    if (!overdue?.length) continue;
    const digestKey = `${today}:overdue-digest:p${leader.personId}`;
    digests.push({
      audience: 'leader',
      personId: leader.personId,
      agencyId: leader.agencyId,
      digestKey,
      entries: overdue.map((item) => ({ key: digestKey, item })),
    });
  }
  for (const d of digests) d.entries.sort((a, b) => compareItems(a.item, b.item));

  const missingYears = missingYearsOf(ctx, input.tasks);
  const notices: HolidayNotice[] = missingYears.length
    ? [...input.admins]
        .sort((a, b) => a.personId - b.personId)
        .map((a) => ({ personId: a.personId, agencyId: a.agencyId, key: `${today}:holidays-missing:${missingYears.join(',')}:p${a.personId}`, missingYears }))
    : [];
  return { day: today, isWorkday, dayProvisional, digests, notices, missingYears };
}

/**
 * One person's deadlines, soonest first, without keys: every open one (`all`, the /deadlines
 * view; no horizon), or what today's digest holds (`due`, e.g. to re-render it after a click).
 */
export function personDeadlines(
  tasks: readonly ReminderTask[],
  personId: number,
  today: IsoDate,
  calendar: WorkdayCalendar,
  options: { scope?: 'due' | 'all'; policy?: Partial<ReminderPolicy> } = {},
): DeadlineItem[] {
  const scope = options.scope ?? 'all';
  const ctx = createDueContext(today, calendar, { ...DEFAULT_REMINDER_POLICY, ...options.policy });
  const items: DeadlineItem[] = [];
  for (const task of tasks) {
    for (const { item, recipients, viewers } of taskItems(task, ctx, scope)) {
      if (recipients.includes(personId) || (scope === 'all' && viewers?.includes(personId))) items.push(item);
    }
  }
  return items.sort(compareItems);
}

/** The leader's view: overdue items grouped by responsible officer (an item of two officers is under both). */
export function groupByOfficer(items: readonly DeadlineItem[]): Array<{ personId: number; name: string; items: DeadlineItem[] }> {
  const groups = new Map<number, { personId: number; name: string; items: DeadlineItem[] }>();
  for (const item of items) {
    const who = item.officers.length ? item.officers : [{ personId: 0, name: '（未分配）' }];
    for (const o of who) {
      let g = groups.get(o.personId);
      if (!g) {
        g = { personId: o.personId, name: o.name, items: [] };
        groups.set(o.personId, g);
      }
      g.items.push(item);
    }
  }
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length || a.personId - b.personId);
}
