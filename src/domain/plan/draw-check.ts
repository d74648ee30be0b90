/**
 * A draw against its plan's batch: “必须要严格按照执法计划和‘双随机一公开’抽取的企业进行安全生产
 * 行政执法” (偃应急〔2023〕18号 §五(四)); a batch states its scope and time (“各批次抽查的范围、数量和
 * 时间安排”). A draw's window lies within its batch's window, and it draws only industries the batch
 * has targets for (when the batch has any).
 */
import type { Industry, IsoDate } from '../model';
import { batchLabel } from './plan-text';
import type { PlanBatch, PlanContent } from './types';

export interface DrawWindow {
  from: IsoDate;
  to: IsoDate;
}

/** Why a draw does not fit its plan: a stable code and the Chinese reason with how to fix it. */
export type PlanFailureCode = 'no-such-batch' | 'no-batch-for-window' | 'outside-batch-window' | 'industry-not-in-batch' | 'batch-over';
export interface PlanFailure {
  ok: false;
  code: PlanFailureCode;
  reason: string;
}

const fail = (code: PlanFailureCode, reason: string): PlanFailure => ({ ok: false, code, reason });

/** `偃应急〔2026〕18号` or, for a plan without a number, its name. */
export function planLabel(plan: Pick<PlanContent, 'docNo' | 'title'>): string {
  return plan.docNo ?? `“${plan.title}”`;
}

/** `第二批（2026-04-01 至 2026-06-30）`. */
export function batchText(b: PlanBatch): string {
  return `${batchLabel(b.no)}（${b.from} 至 ${b.to}）`;
}

function batchList(plan: PlanContent): string {
  return plan.batches.map(batchText).join('、');
}

/**
 * The batch a draw belongs to: the one named (`第二批`), else the one whose window holds the
 * draw's window, else — with no window given — the batch open on `today` or the next one.
 * A plan without batches gives null (no window or scope to check).
 */
export function chooseBatch(
  plan: PlanContent,
  wanted: { batch?: number; window?: DrawWindow; today: IsoDate },
): { ok: true; batch: PlanBatch | null } | PlanFailure {
  if (plan.batches.length === 0) {
    if (wanted.batch !== undefined) return fail('no-such-batch', `${planLabel(plan)} 没有分批次，请去掉“${batchLabel(wanted.batch)}”后重新发送。`);
    return { ok: true, batch: null };
  }
  if (wanted.batch !== undefined) {
    const batch = plan.batches.find((b) => b.no === wanted.batch);
    if (!batch) return fail('no-such-batch', `${planLabel(plan)} 没有${batchLabel(wanted.batch)}，它的批次为：${batchList(plan)}。`);
    if (batch.to < wanted.today) {
      return fail(
        'batch-over',
        `${planLabel(plan)} ${batchText(batch)} 已经结束（今天是 ${wanted.today}），不能再抽取。请选择其他批次（${batchList(plan)}），或由管理员用 /plan 调整批次时间。`,
      );
    }
    return { ok: true, batch };
  }
  const w = wanted.window;
  const found = w
    ? plan.batches.find((b) => b.from <= w.from && w.to <= b.to)
    : (plan.batches.find((b) => b.from <= wanted.today && wanted.today <= b.to) ?? plan.batches.find((b) => b.from > wanted.today));
  if (found) return { ok: true, batch: found };
  const how = `请把检查期写在某一批次的时间内，或写明批次（如 /draw ${batchLabel(plan.batches[0]!.no)} 机械 5家）。`;
  if (w) return fail('no-batch-for-window', `检查期 ${w.from} 至 ${w.to} 不在 ${planLabel(plan)} 的任何批次内（${batchList(plan)}）。${how}`);
  return fail('batch-over', `${planLabel(plan)} 的批次都已结束（${batchList(plan)}）。请用 /plan 调整批次，或写明另一计划。`);
}

/**
 * The window a draw in `batch` gets when it names none: from today (or the batch's start, if
 * later) to the batch's end.
 */
export function defaultWindowIn(batch: PlanBatch, today: IsoDate): DrawWindow {
  return { from: batch.from > today ? batch.from : today, to: batch.to };
}

/**
 * Refuses a draw whose window is not within its batch's, or that draws industries the batch has
 * no target for. `industries` null means every industry (no industry named in `/draw`).
 * A 定向 draw is held to the window only.
 */
export function checkDrawInBatch(
  plan: PlanContent,
  batch: PlanBatch,
  draw: { window: DrawWindow; industries: readonly Industry[] | null; directed?: boolean },
): PlanFailure | null {
  const name = `${planLabel(plan)} ${batchText(batch)}`;
  const { window: w } = draw;
  if (w.from < batch.from || w.to > batch.to) {
    const inside = `${Number(batch.from.slice(5, 7))}月${Number(batch.from.slice(8))}日-${Number(batch.to.slice(5, 7))}月${Number(batch.to.slice(8))}日`;
    return fail(
      'outside-batch-window',
      `检查期 ${w.from} 至 ${w.to} 超出了 ${name} 的时间。请把检查期改在 ${batch.from} 至 ${batch.to} 之内（如 ${inside}），或选择检查期所在的批次，或由管理员用 /plan 调整批次时间。`,
    );
  }
  // A 定向 draw names its enterprises (complaints, referrals): its window is the batch's, its scope its own list.
  if (batch.targets.length === 0 || draw.directed) return null;
  const planned = batch.targets.map((t) => t.industry);
  const outside = draw.industries === null ? null : draw.industries.filter((i) => !planned.includes(i));
  if (outside === null) {
    return fail(
      'industry-not-in-batch',
      `${name} 只安排了 ${planned.join('、')} 的抽查，请在 /draw 中写明行业，例如：/draw ${batchLabel(batch.no)} ${planned.join(' ')} 5家。`,
    );
  }
  if (outside.length > 0) {
    return fail(
      'industry-not-in-batch',
      `${name} 没有安排 ${outside.join('、')} 的抽查（本批次行业：${planned.join('、')}）。请去掉 ${outside.join('、')}，或由管理员用 /plan 在本批次加上该行业的目标。`,
    );
  }
  return null;
}
