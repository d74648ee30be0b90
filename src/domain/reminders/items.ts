/**
 * What is due for one task, and for whom. Pure: today and the calendar are passed in.
 *
 * Deadlines and who answers for them:
 * - confirm (due: first day of the 检查期): the officers still `pending`;
 * - window (due: last day of the 检查期) and findings (after it): the `confirmed` officers;
 * - publication (due: `publicationDue`, 5 个工作日 from the result date, 偃应急〔2023〕18号
 *   §二(三), “谁检查、谁录入、谁公开”): the `confirmed` officers;
 * - recheck (from the 整改期限 on, due `recheckGraceDays` later): the `confirmed` officers.
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
}

function stateOf(today: IsoDate, due: IsoDate): DueState {
  return due === today ? 'today' : due < today ? 'overdue' : 'upcoming';
}

function people(list: ReminderOfficer[]) {
  return list.map((o) => ({ personId: o.personId, name: o.name }));
}

/** Every open deadline of `task` (scope `all`) or those due today (scope `due`), with recipients. */
export function taskItems(task: ReminderTask, ctx: DueContext, scope: ItemScope): AddressedItem[] {
  if (task.status === 'cancelled') return [];
  const { today } = ctx;
  const pending = task.officers.filter((o) => o.status === 'pending');
  const confirmed = task.officers.filter((o) => o.status === 'confirmed');
  const responsible = confirmed.length ? confirmed : pending;
  const out: AddressedItem[] = [];

  const add = (kind: ReminderKind, due: IsoDate, who: ReminderOfficer[], recipients: ReminderOfficer[], extra: Partial<DeadlineItem> = {}) => {
    const counted = ctx.count(due);
    out.push({
      item: {
        kind,
        taskId: task.id,
        agencyId: task.agencyId,
        drawNo: task.drawNo,
        ordinal: task.ordinal,
        enterpriseName: task.enterpriseName,
        due,
        provisional: counted.provisional || (extra.provisional ?? false),
        workdaysLeft: counted.count,
        state: stateOf(today, due),
        officers: people(who),
        ...(extra.rectificationDue ? { rectificationDue: extra.rectificationDue } : {}),
      },
      recipients: recipients.map((o) => o.personId),
    });
  };
  const soon = (due: IsoDate) => scope === 'all' || due < ctx.soonLimit;

  if (task.status === 'assigned') {
    // Unconfirmed tasks are reminded every working day until answered.
    if (pending.length) add('confirm', task.windowFrom, pending, pending);
    if (today > task.windowTo) add('findings', task.windowTo, responsible, confirmed);
    else if (soon(task.windowTo)) add('window', task.windowTo, responsible, confirmed);
  }
  if (task.status === 'inspected' && task.publicationDue && soon(task.publicationDue)) {
    add('publication', task.publicationDue, responsible, confirmed, { provisional: task.publicationDueProvisional });
  }
  const f = task.findings;
  if (
    f &&
    f.rectification === 'deadline' &&
    f.rectificationDue &&
    f.recheckResult === null &&
    (task.status === 'inspected' || task.status === 'published') &&
    (scope === 'all' || f.rectificationDue <= today)
  ) {
    add('recheck', addDays(f.rectificationDue, ctx.policy.recheckGraceDays), responsible, confirmed, { rectificationDue: f.rectificationDue });
  }
  return out;
}

/** Dates whose year must have a schedule for today's answers about `task` to be exact. */
export function datesOfTask(task: ReminderTask): IsoDate[] {
  const dates: IsoDate[] = [];
  if (task.status === 'assigned') dates.push(task.windowFrom, task.windowTo);
  if (task.status === 'inspected' && task.publicationDue) dates.push(task.publicationDue);
  if (task.findings?.rectificationDue && task.findings.recheckResult === null && task.status !== 'cancelled') {
    dates.push(task.findings.rectificationDue);
  }
  return dates;
}
