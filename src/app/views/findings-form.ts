/**
 * The findings form, in steps (one card that turns into the next, key `task:<id>:findings`):
 *
 * 1. 检查事项: the inspection date and 符合 / 不符合 / 不涉及 for each check item;
 * 2. 不符合说明 (only when an item is 不符合): what was found, one field per such item;
 * 3. 隐患清单: the hazards listed so far and a small form to add one more (description, location,
 *    check item, 一般 / 重大, 立即 or 限期 with its date), repeated as often as needed;
 * 4. 处理与签字: the declaration 是否发现重大事故隐患 (checked against the list), the measures
 *    ordered, the result category, 立案查处 with its case number, and the signature or its refusal.
 *
 * Why steps: a card form has a fixed set of fields (Feishu: at most 200 components in a card and
 * 30 KB; DingTalk's form template: 20 fields), so a form cannot grow a row per hazard, and ten
 * check items with a note each and five hazards of six fields each would not fit one card on any
 * platform. Each step is small, is checked when submitted (errors named under their field), and
 * is kept server-side as a draft (findings_drafts), so the officer can stop on site and go on
 * later, either officer of the team can continue it, and the way back to an earlier step shows
 * what was entered. Nothing is part of the record until 提交检查结果 checks the whole.
 */
import { RESULT_CATEGORIES } from '../../domain/catalog/result-categories';
import { NO_ITEM, NOTE_MAX, HAZARD_TEXT_MAX, LOCATION_MAX } from '../../domain/findings/steps';
import { HAZARD_LEVEL_TEXT, HAZARD_RECTIFICATION_TEXT, ITEM_RESULTS, MEASURES, type FindingsDraft, type Hazard } from '../../domain/findings/types';
import type { TaskRow } from '../ports/store';
import type { CardButton, CardSection, CardView, FormField } from './card-view';
import type { CheckItemView } from './task-cards';

export type FindingsStep = 'items' | 'notes' | 'hazards' | 'conclusion';

export function findingsCardKey(taskId: number): string {
  return `task:${taskId}:findings`;
}

const YES_NO = [
  { value: '否', label: '否' },
  { value: '是', label: '是' },
];

function errorSection(errors: string[]): CardSection[] {
  return errors.length ? [{ type: 'list', title: '请修改后重新提交', items: errors }] : [];
}

function frame(task: TaskRow, step: string, errors: string[], sections: CardSection[]): Omit<CardView, 'form'> {
  return {
    key: findingsCardKey(task.id),
    title: `填报检查结果（${step}）：${task.enterpriseName}`,
    tone: errors.length ? 'danger' : 'info',
    sections: [...errorSection(errors), ...sections],
  };
}

const step = (taskId: number, to: FindingsStep, label: string, style?: CardButton['style']): CardButton => ({
  label,
  ...(style ? { style } : {}),
  action: 'task.findings_step',
  payload: { taskId: String(taskId), step: to },
});

/** “1. [重大事故隐患] 二号车间除尘器：…（CI03；限期整改，2026-03-20 前）” */
export function hazardLine(h: Hazard, items: CheckItemView[]): string {
  const item = h.itemCode ? `${h.itemCode} ${items.find((i) => i.code === h.itemCode)?.title ?? ''}`.trim() : '其他';
  const when = h.due ? `${HAZARD_RECTIFICATION_TEXT.deadline}，${h.due} 前` : HAZARD_RECTIFICATION_TEXT.immediate;
  return `${h.no}. 【${HAZARD_LEVEL_TEXT[h.level]}】${h.location ? `${h.location}：` : ''}${h.description}（${item}；${when}）`;
}

/** Step 1: the date and a result per check item (prefilled from the draft). */
export function itemsStepCard(task: TaskRow, items: CheckItemView[], draft: FindingsDraft, today: string, errors: string[] = []): CardView {
  return {
    ...frame(task, '1/4 检查事项', errors, [
      { type: 'text', text: `检查期 ${task.windowFrom} 至 ${task.windowTo}。请逐项选择检查结果；“不符合”的事项下一步写明发现的问题，隐患在第 3 步逐条登记。` },
    ]),
    form: {
      name: 'findings_items',
      fields: [
        {
          type: 'date',
          name: 'inspectionDate',
          label: `检查日期（今天 ${today}）`,
          required: true,
          ...(draft.inspectionDate ? { initial: draft.inspectionDate } : {}),
        },
        ...items.map(
          (i): FormField => ({
            type: 'select',
            name: `item_${i.code}`,
            label: `${i.code} ${i.title}`,
            required: true,
            options: ITEM_RESULTS.map((r) => ({ value: r, label: r })),
            ...(draft.itemResults?.[i.code] ? { initial: draft.itemResults[i.code] } : {}),
          }),
        ),
      ],
      submit: { label: '下一步', style: 'primary', action: 'task.findings_items', payload: { taskId: String(task.id) } },
    },
  };
}

/** Step 2: what was found, for each 不符合 item. */
export function notesStepCard(task: TaskRow, items: CheckItemView[], draft: FindingsDraft, errors: string[] = []): CardView {
  const failing = items.filter((i) => draft.itemResults?.[i.code] === '不符合');
  return {
    ...frame(task, '2/4 不符合说明', errors, [{ type: 'text', text: '请写明每个“不符合”事项发现的问题（将写入现场检查记录）。' }]),
    actions: [step(task.id, 'items', '返回修改检查事项')],
    form: {
      name: 'findings_notes',
      fields: failing.map(
        (i): FormField => ({
          type: 'input',
          name: `note_${i.code}`,
          label: `${i.code} ${i.title}`,
          required: true,
          multiline: true,
          maxLength: NOTE_MAX,
          placeholder: '发现的问题，如：配电箱未可靠接地',
          ...(draft.itemNotes?.[i.code] ? { initial: draft.itemNotes[i.code] } : {}),
        }),
      ),
      submit: { label: '下一步', style: 'primary', action: 'task.findings_notes', payload: { taskId: String(task.id) } },
    },
  };
}

/** Step 3: the hazards so far, and one more to add. */
export function hazardsStepCard(task: TaskRow, items: CheckItemView[], draft: FindingsDraft, errors: string[] = []): CardView {
  const hasFailing = items.some((i) => draft.itemResults?.[i.code] === '不符合');
  const actions: CardButton[] = [step(task.id, 'conclusion', draft.hazards.length ? '下一步：处理与签字' : '未发现隐患，下一步', 'primary')];
  if (draft.hazards.length) {
    actions.push({
      label: `删除第 ${draft.hazards.length} 条`,
      style: 'danger',
      action: 'task.hazard_remove',
      payload: { taskId: String(task.id), no: String(draft.hazards.length) },
    });
  }
  actions.push(step(task.id, hasFailing ? 'notes' : 'items', '返回上一步'));
  return {
    ...frame(task, '3/4 隐患清单', errors, [
      {
        type: 'list',
        title: `已登记隐患 ${draft.hazards.length} 条`,
        items: draft.hazards.length ? draft.hazards.map((h) => hazardLine(h, items)) : ['（尚未登记隐患）'],
      },
      { type: 'text', text: '每次添加一条隐患；全部添加后点“下一步”。重大事故隐患按《工贸企业重大事故隐患判定标准》判定。' },
    ]),
    actions,
    form: {
      name: 'hazard',
      fields: [
        {
          type: 'input',
          name: 'description',
          label: '隐患描述',
          required: true,
          multiline: true,
          maxLength: HAZARD_TEXT_MAX,
          placeholder: '如：除尘系统未设置泄爆装置',
        },
        { type: 'input', name: 'location', label: '隐患部位', required: true, maxLength: LOCATION_MAX, placeholder: '如：二号车间除尘器' },
        {
          type: 'select',
          name: 'itemCode',
          label: '对应检查事项',
          required: true,
          options: [...items.map((i) => ({ value: i.code, label: `${i.code} ${i.title}` })), { value: NO_ITEM, label: '其他（不属于上述事项）' }],
        },
        {
          type: 'select',
          name: 'level',
          label: '隐患等级',
          required: true,
          options: [
            { value: 'general', label: HAZARD_LEVEL_TEXT.general },
            { value: 'major', label: HAZARD_LEVEL_TEXT.major },
          ],
        },
        {
          type: 'select',
          name: 'rectification',
          label: '整改方式',
          required: true,
          options: [
            { value: 'immediate', label: HAZARD_RECTIFICATION_TEXT.immediate },
            { value: 'deadline', label: HAZARD_RECTIFICATION_TEXT.deadline },
          ],
        },
        { type: 'date', name: 'due', label: '整改期限（限期整改时必填）', required: false },
      ],
      submit: { label: '添加隐患', style: 'primary', action: 'task.hazard_add', payload: { taskId: String(task.id) } },
    },
  };
}

/** Step 4: the conclusion, measures, 立案 and the signature. */
export function conclusionStepCard(task: TaskRow, items: CheckItemView[], draft: FindingsDraft, errors: string[] = []): CardView {
  const typed = draft.conclusion ?? {};
  const failing = items.filter((i) => draft.itemResults?.[i.code] === '不符合');
  const majors = draft.hazards.filter((h) => h.level === 'major').length;
  const select = (name: string, label: string, options: Array<{ value: string; label: string }>, fallback?: string): FormField => {
    const initial = typed[name] ?? fallback;
    return { type: 'select', name, label, required: true, options, ...(initial ? { initial } : {}) };
  };
  const input = (name: string, label: string, maxLength: number, multiline = false, placeholder?: string): FormField => ({
    type: 'input',
    name,
    label,
    required: false,
    maxLength,
    ...(multiline ? { multiline } : {}),
    ...(placeholder ? { placeholder } : {}),
    ...(typed[name] ? { initial: typed[name] } : {}),
  });
  const measureFields = draft.hazards.length
    ? MEASURES.map((m) => select(`measure_${m.code}`, `${m.label}（${majors ? '重大事故隐患至少选一项' : '处理措施'}）`, YES_NO, majors ? undefined : '否'))
    : [];
  return {
    ...frame(task, '4/4 处理与签字', errors, [
      {
        type: 'fields',
        fields: [
          { label: '检查日期', value: draft.inspectionDate ?? '（未填写）' },
          { label: '不符合事项', value: failing.length ? failing.map((i) => i.code).join('、') : '无' },
          { label: '隐患', value: `${draft.hazards.length} 条${majors ? `，其中重大事故隐患 ${majors} 条` : ''}` },
        ],
      },
      ...(draft.hazards.length ? [{ type: 'list' as const, title: '隐患清单', items: draft.hazards.map((h) => hazardLine(h, items)) }] : []),
      { type: 'text', text: '企业负责人拒绝签字的，如实写明情况，由检查人员记录在案（安全生产法 第六十八条）。' },
    ]),
    actions: [step(task.id, 'hazards', '返回隐患清单'), step(task.id, 'items', '返回修改检查事项')],
    form: {
      name: 'findings',
      fields: [
        select('majorHazard', '是否发现重大事故隐患', YES_NO),
        ...measureFields,
        select(
          'resultCategory',
          '检查结果',
          RESULT_CATEGORIES.map((c) => ({ value: c.code, label: c.label })),
        ),
        select('caseFiled', '立案查处', YES_NO, '否'),
        input('caseNo', '案件编号（立案查处时必填）', 60, false, '如：偃应急立〔2026〕12号'),
        input('responsiblePerson', '企业负责人（签字人）', 50),
        select('refusedToSign', '负责人拒绝签字', YES_NO, '否'),
        input('refusalNote', '拒绝签字情况（拒绝签字时必填）', 500, true, '如：负责人王某拒绝签字，见证人：…'),
        input('notes', '备注', 1000, true),
      ],
      submit: { label: '提交检查结果', style: 'primary', action: 'task.findings', payload: { taskId: String(task.id) } },
    },
  };
}

/** The card of a step, from the draft. */
export function findingsStepCard(
  stepName: FindingsStep,
  ctx: { task: TaskRow; items: CheckItemView[]; draft: FindingsDraft; today: string },
  errors: string[] = [],
): CardView {
  const { task, items, draft, today } = ctx;
  switch (stepName) {
    case 'items':
      return itemsStepCard(task, items, draft, today, errors);
    case 'notes':
      return notesStepCard(task, items, draft, errors);
    case 'hazards':
      return hazardsStepCard(task, items, draft, errors);
    case 'conclusion':
      return conclusionStepCard(task, items, draft, errors);
  }
}
