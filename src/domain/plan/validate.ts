import { CHECK_ITEMS } from '../catalog/check-items';
import { batchLabel } from './plan-text';
import type { PlanContent } from './types';

/** Largest count target of one industry in a batch (a district has a few thousand enterprises). */
export const MAX_TARGET_COUNT = 100_000;
export const MAX_TITLE_LENGTH = 100;
export const MAX_BATCHES = 24;

/** Which part of the plan a problem is about (the form names the field). */
export type PlanField = 'docNo' | 'year' | 'title' | 'checkItems' | 'batches';
export interface PlanProblem {
  field: PlanField;
  text: string;
}

/**
 * Every problem of a plan, in Chinese (empty: the plan may be saved). Batches lie in the plan's
 * year, in order and without overlap (a draw's window then names at most one batch); within a
 * batch an industry has one target, a count of 1 to 100 000 or a share above 0% and at most
 * 100%. A plan lists at least one check item (“法律法规规章没有规定的，一律不得擅自开展检查”:
 * 国办发〔2015〕58号).
 */
export function planProblems(plan: PlanContent): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (field: PlanField) => (text: string) => void problems.push({ field, text });
  const year = add('year');
  const titled = add('title');
  const batch = add('batches');
  if (!Number.isInteger(plan.year) || plan.year < 2000 || plan.year > 2099) year(`年度“${plan.year}”无效，请写四位年份，如 2026。`);
  const title = plan.title.trim();
  if (title === '') titled('请填写计划名称，如“2026年“双随机、一公开”监管工作实施方案”。');
  if (title.length > MAX_TITLE_LENGTH) titled(`计划名称不超过 ${MAX_TITLE_LENGTH} 字（现为 ${title.length} 字）。`);
  if (plan.checkItems.length === 0) add('checkItems')(`请至少选择一项抽查事项（1-${CHECK_ITEMS.length}）。`);
  if (plan.batches.length > MAX_BATCHES) batch(`批次不超过 ${MAX_BATCHES} 个（现为 ${plan.batches.length} 个）。`);
  let previousEnd: string | undefined;
  for (const b of plan.batches) {
    const name = batchLabel(b.no);
    if (b.from > b.to) batch(`${name}：结束日期 ${b.to} 早于开始日期 ${b.from}。`);
    for (const d of [b.from, b.to]) {
      if (Number(d.slice(0, 4)) !== plan.year) batch(`${name}：日期 ${d} 不在 ${plan.year} 年内（批次须在计划年度内）。`);
    }
    if (previousEnd !== undefined && b.from <= previousEnd) {
      batch(`${name}：开始日期 ${b.from} 须晚于上一批的结束日期 ${previousEnd}（批次按时间先后排列，不能重叠）。`);
    }
    previousEnd = b.to;
    const seen = new Set<string>();
    for (const t of b.targets) {
      if (seen.has(t.industry)) batch(`${name}：${t.industry} 写了两次，每个行业只能有一个目标。`);
      seen.add(t.industry);
      const v = t.amount.value;
      if (t.amount.kind === 'count' && (!Number.isInteger(v) || v < 1 || v > MAX_TARGET_COUNT)) {
        batch(`${name}：${t.industry} 的家数应为 1 到 ${MAX_TARGET_COUNT} 的整数（现为 ${v}）。`);
      }
      if (t.amount.kind === 'percent' && !(v > 0 && v <= 100)) batch(`${name}：${t.industry} 的比例应大于 0% 且不超过 100%（现为 ${v}%）。`);
    }
  }
  return problems;
}
