/**
 * The whole findings record, checked once more when it is submitted: the steps collected in the
 * draft (they may have been entered days apart, by either officer of the team) and the
 * conclusion typed last. Every problem is returned at once, each naming its field; nothing is
 * saved until there is none.
 */
import { RESULT_CATEGORIES, findResultCategory } from '../catalog/result-categories';
import type { IsoDate } from '../model';
import { validateItemsStep, validateNotesStep } from './steps';
import { HAZARD_LEVEL_TEXT, MEASURES, type FindingsDraft, type Measure, type Rectification, type ValidFindings } from './types';

export { ITEM_RESULTS, type ItemResult, type ValidFindings } from './types';

export const CASE_NO_MAX = 60;
export const REFUSAL_NOTE_MAX = 500;
export const NOTES_MAX = 1000;

export interface FindingsContext {
  items: Array<{ code: string; title: string }>;
  today: IsoDate;
}

/** The conclusion step's fields: what was decided on site and who signed. */
export const CONCLUSION_FIELDS = [
  'majorHazard',
  ...MEASURES.map((m) => `measure_${m.code}`),
  'resultCategory',
  'caseFiled',
  'caseNo',
  'responsiblePerson',
  'refusedToSign',
  'refusalNote',
  'notes',
] as const;

/** The task-level rectification: a dated one when any hazard has a date (the latest date is when the 复查 falls due). */
export function rectificationOf(hazards: ValidFindings['hazards']): { rectification: Rectification; rectificationDue: IsoDate | null } {
  const dates = hazards.flatMap((h) => (h.due ? [h.due] : [])).sort();
  if (dates.length) return { rectification: 'deadline', rectificationDue: dates.at(-1)! };
  return { rectification: hazards.length ? 'immediate' : 'none', rectificationDue: null };
}

function yesNo(values: Record<string, string | undefined>, name: string, label: string, errors: string[]): boolean | undefined {
  const v = values[name]?.trim();
  if (v === '是') return true;
  if (v === '否') return false;
  errors.push(`「${label}」未选择：请选 是 或 否。`);
  return undefined;
}

/**
 * Checks a findings draft and its conclusion and returns the record, or every problem in Chinese.
 *
 * - 安全生产法 第六十八条: the record is signed by the enterprise's responsible person, or his refusal
 *   is recorded with the inspectors' note of it.
 * - The declaration 「是否发现重大事故隐患」 must agree with the hazards listed (either way).
 * - 安全生产法 第六十五条第一款第三项: a 重大事故隐患 is ordered removed, and where that cannot be done
 *   safely the workers withdrawn or the work or equipment stopped: at least one measure is recorded.
 * - A 重大事故隐患 cannot end in a category that closes the matter (第九十条第四项: not handling a major
 *   hazard found is a breach of duty): not 未发现问题 or any category of no problem, and 发现问题已责令
 *   改正 only with a dated rectification that a 复查 will follow.
 * - 立案查处 is recorded with its case number.
 */
export function validateFindings(
  draft: FindingsDraft,
  values: Record<string, string | undefined>,
  ctx: FindingsContext,
): { ok: true; findings: ValidFindings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const v = (k: string) => values[k]?.trim() || undefined;

  const items = validateItemsStep(
    { inspectionDate: draft.inspectionDate, ...Object.fromEntries(Object.entries(draft.itemResults ?? {}).map(([k, r]) => [`item_${k}`, r])) },
    ctx,
  );
  if (!items.ok) errors.push(...items.errors.map((e) => `${e}（请点“返回修改检查事项”）`));
  const itemResults = items.ok ? items.value.itemResults : {};
  const failing = ctx.items.filter((i) => itemResults[i.code] === '不符合');
  const notes = validateNotesStep(Object.fromEntries(Object.entries(draft.itemNotes ?? {}).map(([k, n]) => [`note_${k}`, n])), failing);
  if (!notes.ok) errors.push(...notes.errors.map((e) => `${e}（请点“返回修改检查事项”）`));
  const inspectionDate = items.ok ? items.value.inspectionDate : undefined;

  const hazards = draft.hazards;
  for (const h of hazards) {
    if (h.due && inspectionDate && h.due <= inspectionDate) errors.push(`「隐患清单」第 ${h.no} 条的整改期限 ${h.due} 应晚于检查日期 ${inspectionDate}。`);
  }
  const majors = hazards.filter((h) => h.level === 'major');
  const declared = yesNo(values, 'majorHazard', '是否发现重大事故隐患', errors);
  if (declared === false && majors.length) {
    errors.push(
      `「是否发现重大事故隐患」选了“否”，但隐患清单第 ${majors.map((h) => h.no).join('、')} 条是${HAZARD_LEVEL_TEXT.major}：请改选“是”，或在隐患清单中更正该条的等级。`,
    );
  }
  if (declared === true && !majors.length) {
    errors.push('「是否发现重大事故隐患」选了“是”，但隐患清单中没有重大事故隐患：请在隐患清单中添加（或更正等级），或改选“否”。');
  }

  const measures: Measure[] = [];
  for (const m of MEASURES) if (v(`measure_${m.code}`) === '是') measures.push(m.code);
  if (majors.length && !measures.length) {
    errors.push(`「${MEASURES[0].label}」等处理措施均未选择：发现重大事故隐患，应至少责令一项措施（安全生产法 第六十五条第一款第三项）。`);
  }
  if (measures.length && !hazards.length) errors.push('没有登记隐患，却选择了处理措施：请先在隐患清单中添加隐患，或把措施改为“否”。');

  const { rectification, rectificationDue } = rectificationOf(hazards);
  const problems = failing.length > 0 || hazards.length > 0;
  const cat = findResultCategory(v('resultCategory') ?? '');
  if (!cat) errors.push(`「检查结果」未选择或无效：可选 ${RESULT_CATEGORIES.map((c) => c.label).join('、')}。`);
  else if (problems && !cat.problemFound)
    errors.push(`有“不符合”事项或隐患时，「检查结果」不能是“${cat.label}”：请选“发现问题待后续处理”或“发现问题已责令改正”。`);
  else if (majors.length && cat.code === 'corrected' && rectification !== 'deadline') {
    errors.push(
      '发现重大事故隐患时，「检查结果」不能是“发现问题已责令改正”而不限期复查：重大事故隐患须限期整改并复查（请在隐患清单中给出整改期限），或选“发现问题待后续处理”。',
    );
  }

  const caseFiled = yesNo(values, 'caseFiled', '立案查处', errors);
  const caseNo = v('caseNo') ?? null;
  if (caseFiled && !caseNo) errors.push('选择了立案查处，但「案件编号」未填写：请填写立案审批表上的案件编号，例如“偃应急立〔2026〕12号”。');
  else if (caseFiled && caseNo && (caseNo.length < 3 || caseNo.length > CASE_NO_MAX))
    errors.push(`「案件编号」应为 3 至 ${CASE_NO_MAX} 个字（现为 ${caseNo.length} 个字）。`);
  else if (caseFiled === false && caseNo) errors.push(`「案件编号」已填写（${caseNo}），但「立案查处」选了“否”：请改选“是”，或清空案件编号。`);
  if (caseFiled && cat && !cat.problemFound) errors.push(`立案查处时，「检查结果」不能是“${cat.label}”。`);

  const refusedToSign = yesNo(values, 'refusedToSign', '负责人拒绝签字', errors);
  const responsiblePerson = v('responsiblePerson') ?? null;
  const refusalNote = v('refusalNote') ?? null;
  if (refusedToSign === false && !responsiblePerson) {
    errors.push('「企业负责人」未填写：请填写签字的负责人姓名；负责人拒绝签字的，请在「负责人拒绝签字」选“是”并写明情况（安全生产法 第六十八条）。');
  }
  if (responsiblePerson && responsiblePerson.length > 50) errors.push(`「企业负责人」不超过 50 字（现为 ${responsiblePerson.length} 字）。`);
  if (refusedToSign && (!refusalNote || refusalNote.length < 4)) {
    errors.push('负责人拒绝签字时，「拒绝签字情况」必须写明（至少 4 个字）：谁拒绝、何时、有无见证人（安全生产法 第六十八条：将情况记录在案）。');
  }
  if (refusalNote && refusalNote.length > REFUSAL_NOTE_MAX) errors.push(`「拒绝签字情况」不超过 ${REFUSAL_NOTE_MAX} 字（现为 ${refusalNote.length} 字）。`);
  if (refusedToSign === false && refusalNote) errors.push('「负责人拒绝签字」选了“否”，「拒绝签字情况」应留空。');

  const remarks = v('notes') ?? null;
  if (remarks && remarks.length > NOTES_MAX) errors.push(`「备注」超过 ${NOTES_MAX} 字（现为 ${remarks.length} 字）。`);

  if (errors.length || !items.ok || !notes.ok || !cat) return { ok: false, errors };
  return {
    ok: true,
    findings: {
      inspectionDate: items.value.inspectionDate,
      itemResults,
      itemNotes: notes.value,
      hazards,
      majorHazard: majors.length > 0,
      measures,
      rectification,
      rectificationDue,
      resultCategory: cat.code,
      caseFiled: caseFiled === true,
      caseNo: caseFiled ? caseNo : null,
      responsiblePerson,
      refusedToSign: refusedToSign === true,
      refusalNote: refusedToSign ? refusalNote : null,
      notes: remarks,
    },
  };
}
