/**
 * The steps of the findings form, each checked on its own as it is submitted, so that a mistake is
 * named where it is made: the check items (date and a result each), what was found for every item
 * that is 不符合, and each hazard as it is added. Errors are in Chinese and name the field as
 * 「label」, which the local chat uses to put the message under its field.
 */
import type { IsoDate } from '../model';
import { isIsoDate } from '../workdays/dates';
import { ITEM_RESULTS, type Hazard, type HazardLevel, type HazardRectification, type ItemResult } from './types';

export type StepResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export const NOTE_MAX = 500;
export const HAZARD_TEXT_MAX = 500;
export const LOCATION_MAX = 100;
/** More would not fit one record legibly; an inspection that finds more files a case. */
export const MAX_HAZARDS = 30;
/** The 「检查事项」 choice of a hazard that falls under no check item. */
export const NO_ITEM = '-';

const trimmed = (values: Record<string, string | undefined>, k: string) => values[k]?.trim() || undefined;

/** Step 1: the inspection date (not after today) and a result for every check item. */
export function validateItemsStep(
  values: Record<string, string | undefined>,
  ctx: { items: Array<{ code: string; title: string }>; today: IsoDate },
): StepResult<{ inspectionDate: IsoDate; itemResults: Record<string, ItemResult> }> {
  const errors: string[] = [];
  const inspectionDate = trimmed(values, 'inspectionDate');
  if (!isIsoDate(inspectionDate)) errors.push('「检查日期」无效：请选择实际检查的日期（YYYY-MM-DD）。');
  else if (inspectionDate > ctx.today) errors.push(`「检查日期」${inspectionDate} 晚于今天 ${ctx.today}：只能填报已完成的检查。`);
  const itemResults: Record<string, ItemResult> = {};
  for (const item of ctx.items) {
    const r = trimmed(values, `item_${item.code}`);
    if (!r) errors.push(`「${item.code} ${item.title}」未填写：请选择 符合 / 不符合 / 不涉及。`);
    else if (!(ITEM_RESULTS as readonly string[]).includes(r)) errors.push(`「${item.code} ${item.title}」的结果“${r}”无效：只能是 符合 / 不符合 / 不涉及。`);
    else itemResults[item.code] = r as ItemResult;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: { inspectionDate: inspectionDate!, itemResults } };
}

/** Step 2: for every 不符合 item, what was found (required: a 不符合 without it says nothing). */
export function validateNotesStep(
  values: Record<string, string | undefined>,
  failing: Array<{ code: string; title: string }>,
): StepResult<Record<string, string>> {
  const errors: string[] = [];
  const notes: Record<string, string> = {};
  for (const item of failing) {
    const note = trimmed(values, `note_${item.code}`);
    if (!note || note.length < 2) errors.push(`「${item.code} ${item.title}」为“不符合”，请写明发现的问题（至少 2 个字），例如“配电箱未接地”。`);
    else if (note.length > NOTE_MAX) errors.push(`「${item.code} ${item.title}」的问题说明不超过 ${NOTE_MAX} 字（现为 ${note.length} 字）。`);
    else notes[item.code] = note;
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: notes };
}

/** 添加隐患: one hazard, numbered after those already listed. */
export function validateHazard(
  values: Record<string, string | undefined>,
  ctx: { itemCodes: string[]; inspectionDate: IsoDate | undefined; existing: number },
): StepResult<Hazard> {
  const errors: string[] = [];
  if (ctx.existing >= MAX_HAZARDS) return { ok: false, errors: [`隐患已有 ${MAX_HAZARDS} 条，不能再添加：请合并同类隐患。`] };
  const description = trimmed(values, 'description');
  if (!description || description.length < 2) errors.push('「隐患描述」未填写：请写明隐患的具体情况（至少 2 个字），例如“粉尘涉爆除尘系统未设置泄爆装置”。');
  else if (description.length > HAZARD_TEXT_MAX) errors.push(`「隐患描述」不超过 ${HAZARD_TEXT_MAX} 字（现为 ${description.length} 字）。`);
  const location = trimmed(values, 'location');
  if (!location) errors.push('「隐患部位」未填写：请写明隐患所在的车间、部位或设备，例如“二号车间除尘器”。');
  else if (location.length > LOCATION_MAX) errors.push(`「隐患部位」不超过 ${LOCATION_MAX} 字（现为 ${location.length} 字）。`);
  const item = trimmed(values, 'itemCode');
  if (!item) errors.push('「对应检查事项」未选择：请选择隐患所属的检查事项（不属于任何事项时选“其他”）。');
  else if (item !== NO_ITEM && !ctx.itemCodes.includes(item)) errors.push(`「对应检查事项」“${item}”不是本次抽查的事项。`);
  const level = trimmed(values, 'level');
  if (level !== 'general' && level !== 'major') errors.push('「隐患等级」未选择：请选 一般事故隐患 或 重大事故隐患（工贸企业重大事故隐患判定标准）。');
  const rect = trimmed(values, 'rectification');
  if (rect !== 'immediate' && rect !== 'deadline') errors.push('「整改方式」未选择：请选 立即整改 或 限期整改。');
  const due = trimmed(values, 'due');
  let dueDate: IsoDate | null = null;
  if (rect === 'deadline') {
    if (!isIsoDate(due)) errors.push('选择了限期整改，但「整改期限」未填写或无效：请选择整改完成的日期。');
    else if (ctx.inspectionDate && due <= ctx.inspectionDate) errors.push(`「整改期限」${due} 应晚于检查日期 ${ctx.inspectionDate}。`);
    else dueDate = due;
  } else if (rect === 'immediate' && due) errors.push(`选择了立即整改，「整改期限」应留空（现为 ${due}）；需要期限时请选“限期整改”。`);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      no: ctx.existing + 1,
      description: description!,
      location: location!,
      itemCode: item === NO_ITEM ? null : item!,
      level: level as HazardLevel,
      rectification: rect as HazardRectification,
      due: dueDate,
    },
  };
}
