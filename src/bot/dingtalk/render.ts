/**
 * CardView -> the `cardParamMap` of our DingTalk card templates.
 *
 * DingTalk cards are templates built in its card platform; a message only fills the template's
 * variables, and every value in `cardParamMap` must be a STRING (research §6.3; the official
 * Python SDK and LangBot's client stringify structured values the same way). So every view is
 * mapped onto two general templates whose variables are listed in docs/dingtalk-templates/:
 * - `general`: title, tone colour, one markdown body, up to {@link DINGTALK_MAX_BUTTONS} buttons;
 * - `form`: the same, plus {@link DINGTALK_MAX_FORM_FIELDS} form slots (input or select) and a submit button.
 * What does not fit is degraded visibly, never dropped: tables and charts become markdown lists,
 * extra buttons and fields are named in a note, and without a form template the form is described.
 */
import type { CardButton, CardSection, CardView, FormField } from '../../app/views/card-view';
import type { InboundReply } from '../inbound-sink';

export const DINGTALK_MAX_BUTTONS = 4;
export const DINGTALK_MAX_FORM_FIELDS = 20;
/** Our cap on the markdown body. DingTalk documents no limit we could find; this keeps cards readable. */
export const DINGTALK_MAX_MARKDOWN_CHARS = 6000;

export type DingtalkTemplate = 'general' | 'form';
export interface DingtalkCard {
  template: DingtalkTemplate;
  params: Record<string, string>;
}

const TONE_COLOR: Record<CardView['tone'], string> = {
  info: '#0089FF',
  success: '#00B042',
  warning: '#FF9200',
  danger: '#FF5219',
  neutral: '#8F959E',
};
const TOAST_MARK = { success: '✅', info: 'ℹ️', warning: '⚠️', error: '❌' } as const;

/** User data inside markdown: the characters that would format or link are escaped. */
export const escapeMd = (s: string) => s.replace(/([\\`*_[\]#|<>])/g, '\\$1');

/** The callback value a button carries: `{ action, ...payload }` as JSON (normalize.ts reads it back). */
export const buttonValue = (b: CardButton, extra: Record<string, string> = {}) => JSON.stringify({ ...b.payload, ...extra, action: b.action });

function listLines(items: string[]): string[] {
  return items.length ? items.map((i) => `- ${escapeMd(i)}`) : ['（无）'];
}

function sectionMarkdown(s: CardSection): string {
  switch (s.type) {
    case 'text':
      return s.text;
    case 'fields':
      return s.fields.map((f) => `**${escapeMd(f.label)}**：${escapeMd(f.value)}`).join('  \n');
    case 'list':
      return [...(s.title ? [`**${escapeMd(s.title)}**`] : []), ...listLines(s.items)].join('\n');
    case 'table': {
      // DingTalk's card markdown has no dependable table syntax: a header line and one item per row.
      const line = (cells: string[]) => cells.map(escapeMd).join(' ｜ ');
      return [`**${line(s.columns)}**`, ...s.rows.map((r) => `- ${line(r)}`)].join('\n');
    }
    case 'chart': {
      const max = Math.max(1, ...s.chart.data.map((d) => d.value));
      const bar = (v: number) => '▇'.repeat(Math.max(v > 0 ? 1 : 0, Math.round((v / max) * 10)));
      return [
        `**${escapeMd(s.chart.title)}**`,
        ...s.chart.data.map((d) => `- ${escapeMd(d.label)}${d.series ? ` ${escapeMd(d.series)}` : ''}：${d.value} ${bar(d.value)}`),
      ].join('\n');
    }
    case 'divider':
      return '---';
  }
}

function itemCount(s: CardSection): number {
  return s.type === 'table' ? s.rows.length : s.type === 'list' ? s.items.length : s.type === 'fields' ? s.fields.length : 0;
}

function capped(s: CardSection, cap: number): CardSection[] {
  const n = itemCount(s);
  if (n <= cap) return [s];
  const note: CardSection = { type: 'text', text: `（共 ${n} 项，仅显示前 ${cap} 项；完整内容请在公开页或导出文件查看）` };
  if (s.type === 'table') return [{ ...s, rows: s.rows.slice(0, cap) }, note];
  if (s.type === 'list') return [{ ...s, items: s.items.slice(0, cap) }, note];
  if (s.type === 'fields') return [{ ...s, fields: s.fields.slice(0, cap) }, note];
  return [s];
}

/** The markdown body, long lists and tables cut (with a note) until it fits the cap. */
export function bodyMarkdown(sections: CardSection[], extra: string[] = [], max = DINGTALK_MAX_MARKDOWN_CHARS): string {
  const join = (ss: CardSection[]) => [...ss.map(sectionMarkdown), ...extra].filter(Boolean).join('\n\n');
  let out = join(sections);
  let cap = Math.max(0, ...sections.map(itemCount));
  while (out.length > max && cap > 0) {
    cap = Math.floor(cap / 2);
    out = join(sections.flatMap((s) => capped(s, cap)));
  }
  return out.length > max ? `${out.slice(0, max - 40)}…\n\n（内容过长，已截断；完整内容请在公开页查看）` : out;
}

function buttonParams(actions: CardButton[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (let i = 0; i < DINGTALK_MAX_BUTTONS; i++) {
    const b = actions[i];
    const n = i + 1;
    params[`btn${n}_visible`] = b ? 'true' : 'false';
    params[`btn${n}_text`] = b?.label ?? '';
    params[`btn${n}_style`] = b?.style ?? 'default';
    params[`btn${n}_value`] = b ? buttonValue(b) : '';
  }
  return params;
}

function fieldParams(fields: FormField[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (let i = 0; i < DINGTALK_MAX_FORM_FIELDS; i++) {
    const f = fields[i];
    const n = `f${i + 1}`;
    const isSelect = f?.type === 'select';
    params[`${n}_visible`] = f ? 'true' : 'false';
    params[`${n}_kind`] = f?.type ?? '';
    params[`${n}_input_visible`] = f && !isSelect ? 'true' : 'false';
    params[`${n}_select_visible`] = isSelect ? 'true' : 'false';
    params[`${n}_label`] = f ? `${f.label}${f.required ? ' *' : ''}` : '';
    params[`${n}_placeholder`] = !f ? '' : f.type === 'date' ? 'YYYY-MM-DD' : f.type === 'input' ? (f.placeholder ?? '请输入') : '请选择';
    params[`${n}_options`] = JSON.stringify(isSelect ? f.options.map((o) => ({ value: o.value, text: { zh_CN: o.label } })) : []);
    params[`${n}_index`] = isSelect && f.initial !== undefined ? String(f.options.findIndex((o) => o.value === f.initial)) : '-1';
  }
  return params;
}

export interface DingtalkRenderOptions {
  /** Whether a form template is configured; without it a form is described, not shown. */
  formTemplate: boolean;
}

/** CardView -> template and string parameters (the union of both templates' variables). */
export function renderDingtalkCard(view: CardView, opts: DingtalkRenderOptions = { formTemplate: true }): DingtalkCard {
  const actions = view.actions ?? [];
  const notes: string[] = [];
  if (actions.length > DINGTALK_MAX_BUTTONS) {
    notes.push(
      `（另有操作未能显示：${actions
        .slice(DINGTALK_MAX_BUTTONS)
        .map((b) => b.label)
        .join('、')}）`,
    );
  }
  const form = view.form;
  const useForm = !!form && opts.formTemplate;
  if (form && !opts.formTemplate) {
    notes.push(
      `**${escapeMd(form.submit.label)}**：需要填写 ${form.fields.map((f) => escapeMd(f.label)).join('、')}。钉钉表单卡片模板尚未配置（DINGTALK_FORM_TEMPLATE_ID），请联系管理员。`,
    );
  }
  if (form && useForm && form.fields.length > DINGTALK_MAX_FORM_FIELDS) {
    notes.push(
      `（表单项过多，以下各项未能显示：${form.fields
        .slice(DINGTALK_MAX_FORM_FIELDS)
        .map((f) => escapeMd(f.label))
        .join('、')}）`,
    );
  }
  const shown = form?.fields.slice(0, DINGTALK_MAX_FORM_FIELDS) ?? [];
  return {
    template: useForm ? 'form' : 'general',
    params: {
      title: view.title,
      tone: view.tone,
      toneColor: TONE_COLOR[view.tone],
      markdown: bodyMarkdown(view.sections, notes),
      ...buttonParams(actions),
      form_visible: useForm ? 'true' : 'false',
      ...fieldParams(useForm ? shown : []),
      submit_visible: useForm ? 'true' : 'false',
      submit_text: useForm ? form.submit.label : '',
      submit_value: useForm ? buttonValue(form.submit, { _fields: shown.map((f) => f.name).join(',') }) : '',
    },
  };
}

/** A toast has no DingTalk equivalent: it becomes the clicker's private `notice` line. */
export function noticeText(toast: InboundReply['toast']): string {
  return toast ? `${TOAST_MARK[toast.kind]} ${toast.text}` : '';
}
