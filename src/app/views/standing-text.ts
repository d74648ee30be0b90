import type { DueState } from '../../domain/reminders';

/**
 * Where a deadline stands, in working days counted from today (excluded) to the deadline
 * (included), as every card says it: “还剩 3 个工作日”, “今天到期”, “已逾期 2 个工作日”. A
 * deadline on a day off reads “还剩 0 个工作日（… 到期）” before it and “已于 … 到期” after it
 * while no working day has passed: never “已到” or “逾期” before the date.
 */
export function standingText(state: DueState, due: string, workdaysLeft: number): string {
  if (state === 'today') return '今天到期';
  if (state === 'overdue') return workdaysLeft < 0 ? `已逾期 ${-workdaysLeft} 个工作日` : `已于 ${due} 到期`;
  return workdaysLeft > 0 ? `还剩 ${workdaysLeft} 个工作日` : `还剩 0 个工作日（${due} 到期）`;
}

/** The state of a deadline on `today`. */
export function dueState(today: string, due: string): DueState {
  return due === today ? 'today' : due < today ? 'overdue' : 'upcoming';
}
