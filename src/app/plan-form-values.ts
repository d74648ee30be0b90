/**
 * The plan form's values (strings) → a plan's content. Creating, every required field must be
 * there; editing, a blank field keeps the plan's value (`无` clears the batches). Each problem
 * names its field as the form labels it (「批次安排」), so the local page shows it there.
 */
import { CHECK_ITEMS } from '../domain/catalog/check-items';
import { docNoExample, type PlanContent, readBatchLines, readCheckItems, readDocNo } from '../domain/plan';
import type { PlanRow } from './ports/store';
import { PLAN_FIELD_LABELS } from './views/plan-cards';

export type PlanFormResult = { ok: true; content: PlanContent; makeDefault: boolean | undefined } | { ok: false; problems: string[] };

const named = (field: keyof typeof PLAN_FIELD_LABELS, text: string) => `「${PLAN_FIELD_LABELS[field]}」${text}`;

/** Reads the form: a new plan when `existing` is undefined. `thisYear` is the year of the examples in its problems. */
export function readPlanForm(values: Readonly<Record<string, string>>, existing: PlanRow | undefined, thisYear: number): PlanFormResult {
  const v = (k: string) => (values[k] ?? '').trim();
  const problems: string[] = [];

  let docNo: string | null = existing?.docNo ?? null;
  if (v('docNo')) {
    const read = readDocNo(v('docNo'));
    if (read) docNo = read;
    else problems.push(named('docNo', `“${v('docNo')}”写法不对，应写成“${docNoExample(thisYear)}”（简称、〔年份〕、序号、号）。`));
  } else if (!existing) problems.push(named('docNo', `请填写计划的文号，如 ${docNoExample(thisYear)}。`));

  let year = existing?.year ?? 0;
  if (v('year')) {
    if (/^(19|20)\d{2}$/.test(v('year').normalize('NFKC'))) year = Number(v('year').normalize('NFKC'));
    else problems.push(named('year', `“${v('year')}”不是年份，请写四位年份，如 ${thisYear}。`));
  } else if (!existing) problems.push(named('year', `请填写计划年度，如 ${thisYear}。`));

  const title = v('title') || existing?.title || '';
  if (!title) problems.push(named('title', '请填写计划名称。'));

  let checkItems = existing?.checkItems ?? CHECK_ITEMS.map((c) => c.code);
  if (v('checkItems')) {
    const read = readCheckItems(v('checkItems'));
    if (read.ok) checkItems = read.value;
    else problems.push(...read.errors.map((e) => named('checkItems', e)));
  }

  let batches = existing?.batches ?? [];
  if (v('batches') === '无') batches = [];
  else if (v('batches') && year) {
    const read = readBatchLines(v('batches'), year);
    if (read.ok) batches = read.value;
    else problems.push(...read.errors.map((e) => named('batches', e)));
  }
  const isDefault = v('isDefault');
  if (isDefault && isDefault !== '是' && isDefault !== '否') problems.push(named('isDefault', '请选择“是”或“否”。'));
  if (problems.length) return { ok: false, problems };
  return { ok: true, content: { docNo, year, title, checkItems, batches }, makeDefault: isDefault === '' ? undefined : isDefault === '是' };
}
