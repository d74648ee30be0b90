/**
 * What is due for one task, and for whom. Pure: today and the calendar are passed in.
 *
 * Deadlines and who answers for them:
 * - confirm (due: first day of the 检查期): the officers still `pending`;
 * - window (due: last day of the 检查期) and findings (after it): the `confirmed` officers;
 * - publication (due: `publicationDue`, 5 个工作日 from the result date, 偃应急〔2023〕18号
 *   §二(三), “谁检查、谁录入、谁公开”): the `confirmed` officers;
 * - recheck (from the 整改期限 on, due `recheckGraceDays` later): the `confirmed` officers;
 * - recusal (an officer `awaiting_recusal`, due: first day of the 检查期): nobody is chased; the
 *   leaders see it in their digest, the officer in /deadlines. An officer awaiting the decision
 *   answers for nothing else on the task meanwhile.
 */
import type { IsoDate } from '../model';
import { addDays, type WorkdayCalendar, type WorkdayCount } from '../workdays';
import type { DeadlineItem, DueState, ReminderKind, ReminderOfficer, ReminderPolicy, ReminderTask } from './types';

/** Today, the calendar and memoized counts, shared by every task of one selection. */
export interface DueContext {
  today: IsoDate;
  calendar: WorkdayCalendar;
  policy: ReminderPolicy;
  /** Deadlines strictly before this day have at most `soonWorkdays` working days left. */
  soonLimit: IsoDate;
  /** Signed working days from today to `due` (see {@link DeadlineItem.workdaysLeft}), memoized. */
  count(due: IsoDate): WorkdayCount;
}

export function createDueContext(today: IsoDate, calendar: WorkdayCalendar, policy: ReminderPolicy): DueContext {
  const memo = new Map<IsoDate, WorkdayCount>();
  return {
    today,
    calendar,
    policy,
    // The (soon+1)-th working day after today is the first deadline with more than `soon` left.
    soonLimit: calendar.addWorkdays(today, policy.soonWorkdays + 1).date,
    count(due) {
      let c = memo.get(due);
      if (!c) {
        c = calendar.workdaysBetween(today, due);
        memo.set(due, c);
      }
      return c;
    },
  };
}

/** `due`: what must be reminded today; `all`: every open deadline (for /deadlines). */
export type ItemScope = 'due' | 'all';

export interface AddressedItem {
  item: DeadlineItem;
  /** Officers who receive this item in their own digest (may be empty: the leader still sees it). */
  recipients: number[];
  /** Officers who see it in /deadlines without being reminded of it (a 回避 awaiting the head). */
  viewers?: number[];
}

function stateOf(today: IsoDate, due: IsoDate): DueState {
  return due === today ? 'today' : due < today ? 'overdue' : 'upcoming';
}

function addressed(
  task: ReminderTask,
  ctx: DueContext,
  kind: ReminderKind,
  due: IsoDate,
  who: ReminderOfficer[],
  recipients: ReminderOfficer[],
  provisional = false,
  rectificationDue?: IsoDate,
): AddressedItem {
  const counted = ctx.count(due);
  const item: DeadlineItem = {
    kind,
    taskId: task.id,
    agencyId: task.agencyId,
    drawNo: task.drawNo,
    ordinal: task.ordinal,
    enterpriseName: task.enterpriseName,
    due,
    provisional: counted.provisional || provisional,
    workdaysLeft: counted.count,
    state: stateOf(ctx.today, due),
    // Shared, read-only: an officer object carries personId and name (and its status).
    officers: who,
  };
  if (rectificationDue) {
    item.rectificationDue = rectificationDue;
    item.rectificationReached = rectificationDue <= ctx.today;
  }
  return { item, recipients: recipients.map((o) => o.personId) };
}

/** Every open deadline of `task` (scope `all`) or those due today (scope `due`), with recipients. */
export function taskItems(task: ReminderTask, ctx: DueContext, scope: ItemScope): AddressedItem[] {
  if (task.status === 'cancelled') return [];
  const { today } = ctx;
  const pending: ReminderOfficer[] = [];
  const confirmed: ReminderOfficer[] = [];
  const awaiting: ReminderOfficer[] = [];
  for (const o of task.officers) {
    if (o.status === 'pending') pending.push(o);
    else if (o.status === 'confirmed') confirmed.push(o);
    else if (o.status === 'awaiting_recusal') awaiting.push(o);
  }
  const responsible = confirmed.length ? confirmed : pending;
  const all = scope === 'all';
  const out: AddressedItem[] = [];

  if (task.status === 'assigned') {
    if (awaiting.length) out.push({ ...addressed(task, ctx, 'recusal', task.windowFrom, awaiting, []), viewers: awaiting.map((o) => o.personId) });
    // Unconfirmed tasks are reminded every working day until answered.
    if (pending.length) out.push(addressed(task, ctx, 'confirm', task.windowFrom, pending, pending));
    if (today > task.windowTo) out.push(addressed(task, ctx, 'findings', task.windowTo, responsible, confirmed));
    else if (all || task.windowTo < ctx.soonLimit) out.push(addressed(task, ctx, 'window', task.windowTo, responsible, confirmed));
  }
  const due = task.publicationDue;
  if (task.status === 'inspected' && due && (all || due < ctx.soonLimit)) {
    out.push(addressed(task, ctx, 'publication', due, responsible, confirmed, task.publicationDueProvisional));
  }
  const f = task.findings;
  if (
    f &&
    f.rectification === 'deadline' &&
    f.rectificationDue &&
    f.recheckResult === null &&
    (task.status === 'inspected' || task.status === 'published') &&
    (all || f.rectificationDue <= today)
  ) {
    const recheckDue = addDays(f.rectificationDue, ctx.policy.recheckGraceDays);
    out.push(addressed(task, ctx, 'recheck', recheckDue, responsible, confirmed, false, f.rectificationDue));
  }
  return out;
}

/**
 * The earliest and latest dates the answers about `tasks` depend on (window, publication and
 * rectification deadlines), or undefined when there are none.
 */
export function dateSpan(tasks: readonly ReminderTask[]): { from: IsoDate; to: IsoDate } | undefined {
  let from: IsoDate | undefined;
  let to: IsoDate | undefined;
  const see = (d: IsoDate) => {
    if (from === undefined || d < from) from = d;
    if (to === undefined || d > to) to = d;
  };
  for (const t of tasks) {
    if (t.status === 'assigned') {
      see(t.windowFrom);
      see(t.windowTo);
    }
    if (t.status === 'inspected' && t.publicationDue) see(t.publicationDue);
    if (t.findings?.rectificationDue && t.findings.recheckResult === null && t.status !== 'cancelled') see(t.findings.rectificationDue);
  }
  return from === undefined || to === undefined ? undefined : { from, to };
}
