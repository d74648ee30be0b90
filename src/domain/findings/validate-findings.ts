import { RESULT_CATEGORIES, findResultCategory } from '../catalog/result-categories';
import type { IsoDate } from '../model';
import { isIsoDate } from '../workdays/dates';

export const ITEM_RESULTS = ['符合', '不符合', '不涉及'] as const;
export type ItemResult = (typeof ITEM_RESULTS)[number];

export interface ValidFindings {
  inspectionDate: IsoDate;
  itemResults: Record<string, ItemResult>;
  hazards: Array<{ description: string; major: boolean }>;
  majorHazard: boolean;
  rectification: 'none' | 'immediate' | 'deadline';
  rectificationDue: IsoDate | null;
  resultCategory: string;
  responsiblePerson: string | null;
  refusedToSign: boolean;
  notes: string | null;
}

/**
 * Checks a submitted findings form and returns the record, or every problem in Chinese naming
 * the field. Minimum record of 安全生产法 第六十八条: time, content, problems found and their
 * handling, signed by the enterprise's responsible person or the refusal recorded.
 */
export function validateFindings(
  values: Record<string, string | undefined>,
  ctx: { itemCodes: string[]; today: IsoDate; windowFrom: IsoDate },
): { ok: true; findings: ValidFindings } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const v = (k: string) => values[k]?.trim() || undefined;

  const inspectionDate = v('inspectionDate');
  if (!isIsoDate(inspectionDate)) errors.push('「检查日期」无效：请选择实际检查的日期（YYYY-MM-DD）。');
  else if (inspectionDate > ctx.today) errors.push(`「检查日期」${inspectionDate} 晚于今天 ${ctx.today}：只能填报已完成的检查。`);

  const itemResults: Record<string, ItemResult> = {};
  for (const code of ctx.itemCodes) {
    const r = v(`item_${code}`);
    if (!r) errors.push(`「${code}」未填写：请选择 符合 / 不符合 / 不涉及。`);
    else if (!(ITEM_RESULTS as readonly string[]).includes(r)) errors.push(`「${code}」的结果“${r}”无效：只能是 符合 / 不符合 / 不涉及。`);
    else itemResults[code] = r as ItemResult;
  }

  const hazards = (v('hazards') ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const major = /^(\[?重大\]?[:：]?|【重大】)/.test(line);
      return { description: line.replace(/^(\[重大\]|【重大】|重大[:：])\s*/, ''), major };
    });
  const majorFlag = v('majorHazard');
  if (majorFlag !== '是' && majorFlag !== '否') errors.push('「是否发现重大事故隐患」未选择：请选 是 或 否。');
  const majorHazard = majorFlag === '是' || hazards.some((h) => h.major);
  if (majorHazard && hazards.length === 0) errors.push('选择了发现重大事故隐患，但「隐患描述」为空：请逐行写明隐患（重大隐患以“重大：”开头）。');

  const rect = v('rectification');
  const rectification = rect === 'none' || rect === 'immediate' || rect === 'deadline' ? rect : undefined;
  if (!rectification) errors.push('「整改要求」未选择：请选 无需整改 / 立即整改 / 限期整改。');
  const due = v('rectificationDue');
  let rectificationDue: IsoDate | null = null;
  if (rectification === 'deadline') {
    if (!isIsoDate(due)) errors.push('选择了限期整改，但「整改期限」未填写或无效：请选择整改完成的日期。');
    else if (inspectionDate && due <= inspectionDate) errors.push(`「整改期限」${due} 应晚于检查日期 ${inspectionDate}。`);
    else rectificationDue = due;
  }
  const failing = Object.values(itemResults).includes('不符合');
  if ((failing || hazards.length > 0) && rectification === 'none') errors.push('有“不符合”事项或隐患时，「整改要求」不能是“无需整改”。');

  const category = v('resultCategory');
  const cat = category ? findResultCategory(category) : undefined;
  if (!cat) errors.push(`「检查结果」未选择或无效：可选 ${RESULT_CATEGORIES.map((c) => c.label).join('、')}。`);
  else if (cat.code === 'no_problem' && (failing || hazards.length > 0)) errors.push('有“不符合”事项或隐患时，「检查结果」不能是“未发现问题”。');

  const refusedToSign = v('refusedToSign') === '是';
  const responsiblePerson = v('responsiblePerson') ?? null;
  if (!refusedToSign && !responsiblePerson)
    errors.push('「企业负责人」未填写：请填写签字的负责人姓名；负责人拒绝签字的，请在「负责人拒绝签字」选“是”（安全生产法 第六十八条）。');

  const notes = v('notes') ?? null;
  if (notes && notes.length > 1000) errors.push(`「备注」超过 1000 字（现为 ${notes.length} 字）。`);

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    findings: {
      inspectionDate: inspectionDate!,
      itemResults,
      hazards,
      majorHazard,
      rectification: rectification!,
      rectificationDue,
      resultCategory: cat!.code,
      responsiblePerson,
      refusedToSign,
      notes,
    },
  };
}
