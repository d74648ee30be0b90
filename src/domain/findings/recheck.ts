/**
 * 整改复查: after the rectification deadline the inspectors go back and record, for each hazard,
 * whether it was rectified. 未整改 of a 重大事故隐患 is escalated to the leaders and needs a new
 * 整改期限 (安全生产法 第六十五条第一款第三项, 第一百零二条: a hazard not removed after an order is
 * ordered removed again, and refusing is punished).
 */
import type { IsoDate } from '../model';
import { isIsoDate } from '../workdays/dates';
import type { Hazard } from './types';

export type RecheckOutcome = 'rectified' | 'not_rectified';
export const RECHECK_OUTCOME_TEXT: Record<RecheckOutcome, string> = { rectified: '已整改', not_rectified: '未整改' };

export interface RecheckHazardResult {
  /** The hazard's number in the findings. */
  no: number;
  result: RecheckOutcome;
}

export interface ValidRecheck {
  recheckDate: IsoDate;
  results: RecheckHazardResult[];
  note: string | null;
  newDue: IsoDate | null;
}

export const RECHECK_NOTE_MAX = 1000;

/**
 * Checks a 复查 form over the hazards still open (those not found rectified by an earlier round).
 * The date is not before the inspection nor after today; a result for each hazard; a note when
 * anything is not rectified; a new 整改期限 after the 复查 date when a major hazard is not.
 */
export function validateRecheck(
  values: Record<string, string | undefined>,
  ctx: { open: Hazard[]; today: IsoDate; inspectionDate: IsoDate },
): { ok: true; recheck: ValidRecheck } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const v = (k: string) => values[k]?.trim() || undefined;
  const date = v('recheckDate');
  if (!isIsoDate(date)) errors.push('「复查日期」无效：请选择实际复查的日期（YYYY-MM-DD）。');
  else if (date > ctx.today) errors.push(`「复查日期」${date} 晚于今天 ${ctx.today}：只能登记已完成的复查。`);
  else if (date < ctx.inspectionDate) errors.push(`「复查日期」${date} 早于检查日期 ${ctx.inspectionDate}。`);
  const results: RecheckHazardResult[] = [];
  for (const h of ctx.open) {
    const r = v(`hazard_${h.no}`);
    if (r !== 'rectified' && r !== 'not_rectified') errors.push(`「隐患${h.no}」未选择复查结果：请选 已整改 或 未整改。`);
    else results.push({ no: h.no, result: r });
  }
  const note = v('note') ?? null;
  const notRectified = results.filter((r) => r.result === 'not_rectified');
  if (notRectified.length && (!note || note.length < 2)) errors.push('有隐患未整改时，「复查情况」必须写明现场情况（至少 2 个字）。');
  if (note && note.length > RECHECK_NOTE_MAX) errors.push(`「复查情况」不超过 ${RECHECK_NOTE_MAX} 字（现为 ${note.length} 字）。`);
  const majorOpen = ctx.open.filter((h) => h.level === 'major' && notRectified.some((r) => r.no === h.no));
  const due = v('newDue');
  let newDue: IsoDate | null = null;
  if (due) {
    if (!isIsoDate(due)) errors.push('「新的整改期限」无效：请选择日期。');
    else if (!notRectified.length) errors.push('所有隐患均已整改，「新的整改期限」应留空。');
    else if (isIsoDate(date) && due <= date) errors.push(`「新的整改期限」${due} 应晚于复查日期 ${date}。`);
    else newDue = due;
  } else if (majorOpen.length) {
    errors.push(`重大事故隐患（第 ${majorOpen.map((h) => h.no).join('、')} 条）未整改：请确定「新的整改期限」，到期再次复查（安全生产法 第一百零二条）。`);
  }
  if (errors.length || !isIsoDate(date)) return { ok: false, errors };
  return { ok: true, recheck: { recheckDate: date, results, note, newDue } };
}

/** Hazards still open after the rounds so far: not yet found rectified. */
export function openHazards(hazards: Hazard[], rounds: Array<{ results: RecheckHazardResult[] }>): Hazard[] {
  const done = new Set(rounds.flatMap((r) => r.results.filter((x) => x.result === 'rectified').map((x) => x.no)));
  return hazards.filter((h) => !done.has(h.no));
}
