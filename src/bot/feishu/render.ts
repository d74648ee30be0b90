/**
 * CardView -> Feishu card JSON 2.0.
 *
 * Rules the platform enforces (and the SDK does not check): `update_multi` must be true in 2.0;
 * a `form` and a `table` may sit only at the body root (a form may not contain a table or a
 * chart); every interactive component inside a form needs a `name` unique across the card
 * (200530 otherwise); buttons need a callback `value` object (200340 otherwise); at most 5 tables
 * and 200 tagged elements per card; the card body at most 30 KB (230025). Size and count limits
 * are met by {@link fitCardSize}, which {@link renderFeishuCard} always applies.
 */
import type { CardButton, CardForm, CardSection, CardView, FormField } from '../../app/views/card-view';
import { cardByteSize, countComponents, shrinkToFit } from './render-fit';

export { cardByteSize, countComponents, truncationNote } from './render-fit';

export type FeishuElement = Record<string, unknown>;
export interface FeishuCard {
  schema: '2.0';
  config: { update_multi: true; [k: string]: unknown };
  header: { title: { tag: 'plain_text'; content: string }; template: string };
  body: { elements: FeishuElement[] };
}

/** Feishu's documented body limit (230025 above it). */
export const FEISHU_CARD_MAX_BYTES = 30 * 1024;
/** What we aim for: the limit minus headroom for the request envelope. */
export const FEISHU_CARD_TARGET_BYTES = 28 * 1024;
export const FEISHU_CARD_MAX_COMPONENTS = 200;
export const FEISHU_CARD_MAX_TABLES = 5;
/** The chart docs advise at most five charts per card. */
export const FEISHU_CARD_MAX_CHARTS = 5;

const TEMPLATE: Record<CardView['tone'], string> = {
  info: 'blue',
  success: 'green',
  warning: 'orange',
  danger: 'red',
  neutral: 'grey',
};
const BUTTON_TYPE: Record<NonNullable<CardButton['style']>, string> = {
  primary: 'primary',
  default: 'default',
  danger: 'danger',
};

const plain = (content: string) => ({ tag: 'plain_text', content });
const md = (content: string): FeishuElement => ({ tag: 'markdown', content });
/**
 * User data inside markdown: `<`/`>` would open Feishu tags (`<at>`, `<font>`), `*`/`_`/`~`
 * etc. would format. Escaped with the numeric entities the rich-text docs list.
 */
const MD_ESCAPES: Record<string, string> = {
  '<': '&#60;',
  '>': '&#62;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&sim;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
};
export const escapeMd = (s: string) => s.replace(/[<>*_~`[\]\\]/g, (c) => MD_ESCAPES[c] ?? c);

/** The callback value carried by a button: `{ action, ...payload }` (normalize.ts reads it back). */
export function buttonValue(b: CardButton): Record<string, string> {
  return { ...b.payload, action: b.action };
}

function button(b: CardButton, name: string): FeishuElement {
  return {
    tag: 'button',
    name,
    text: plain(b.label),
    type: BUTTON_TYPE[b.style ?? 'default'],
    behaviors: [{ type: 'callback', value: buttonValue(b) }],
  };
}

function table(columns: string[], rows: string[][]): FeishuElement {
  return {
    tag: 'table',
    page_size: 10,
    row_height: 'low',
    header_style: { background_style: 'grey', bold: true },
    columns: columns.map((c, i) => ({ name: `c${i}`, display_name: c, data_type: 'text', width: 'auto' })),
    rows: rows.map((r) => Object.fromEntries(columns.map((_, i) => [`c${i}`, r[i] ?? '']))),
  };
}

function tableAsMarkdown(columns: string[], rows: string[][]): FeishuElement {
  const line = (cells: string[]) => cells.map((c) => escapeMd(c)).join(' ｜ ');
  return md([`**${line(columns)}**`, ...rows.map((r) => `- ${line(r)}`)].join('\n'));
}

/**
 * A VChart spec (the chart component's `chart_spec`). Bars with series are grouped: `xField`
 * `[label, series]` puts one bar per series side by side within each label, `seriesField` colours
 * them and names them in the legend.
 */
function chart(spec: Extract<CardSection, { type: 'chart' }>['chart']): FeishuElement {
  const grouped = spec.kind === 'bar' && spec.data.some((d) => d.series !== undefined);
  const values = spec.data.map((d) => ({ label: d.label, value: d.value, ...(grouped ? { series: d.series ?? '' } : {}) }));
  const common = { title: { text: spec.title }, data: { values } };
  const chartSpec =
    spec.kind === 'pie'
      ? {
          type: 'pie',
          ...common,
          valueField: 'value',
          categoryField: 'label',
          outerRadius: 0.9,
          label: { visible: true },
          legends: { visible: true, orient: 'bottom' },
        }
      : grouped
        ? // VChart's grouped bars: the x field lists the group, then the bar within it.
          { type: 'bar', ...common, xField: ['label', 'series'], yField: 'value', seriesField: 'series', legends: { visible: true, orient: 'bottom' } }
        : { type: 'bar', ...common, xField: 'label', yField: 'value', label: { visible: true } };
  return { tag: 'chart', aspect_ratio: spec.kind === 'pie' ? '4:3' : '16:9', chart_spec: chartSpec };
}

function section(s: CardSection, state: { tables: number; charts: number }): FeishuElement[] {
  switch (s.type) {
    case 'text':
      return [md(s.text)];
    case 'fields':
      return s.fields.length ? [md(s.fields.map((f) => `**${escapeMd(f.label)}**：${escapeMd(f.value)}`).join('\n'))] : [];
    case 'list': {
      const lines = s.items.map((i) => `- ${escapeMd(i)}`);
      return [md([...(s.title ? [`**${escapeMd(s.title)}**`] : []), ...(lines.length ? lines : ['（无）'])].join('\n'))];
    }
    case 'table':
      return state.tables++ < FEISHU_CARD_MAX_TABLES ? [table(s.columns, s.rows)] : [tableAsMarkdown(s.columns, s.rows)];
    case 'chart':
      if (state.charts++ < FEISHU_CARD_MAX_CHARTS) return [chart(s.chart)];
      return [
        md(
          [
            `**${escapeMd(s.chart.title)}**`,
            ...s.chart.data.map((d) => `- ${escapeMd(d.label)}${d.series ? `（${escapeMd(d.series)}）` : ''}：${d.value}`),
          ].join('\n'),
        ),
      ];
    case 'link':
      // A link opens only with a full address; a path on the bot's address is shown as text.
      return [md(/^https?:\/\//.test(s.url) ? `[${escapeMd(s.text)}](${s.url})` : `${escapeMd(s.text)}：${escapeMd(s.url)}`)];
    case 'copy':
      return [md(`**${escapeMd(s.label)}**\n${codeBlock(s.text)}`)];
    case 'divider':
      return [{ tag: 'hr' }];
  }
}

/**
 * Text to copy, as a fenced code block of the rich-text (markdown) component: shown verbatim in a
 * monospace box that is easy to select whole. Card JSON 2.0 has no copy-to-clipboard behaviour
 * for buttons (only callbacks, links and form actions), so this is the closest the card allows.
 * Backtick runs are broken up so the text cannot end the block early.
 */
function codeBlock(text: string): string {
  return `\`\`\`\n${text.replace(/`{3,}/g, (m) => m.split('').join('\u200b'))}\n\`\`\``;
}

function formField(f: FormField): FeishuElement[] {
  const label = md(`**${escapeMd(f.label)}**${f.required ? " <font color='red'>*</font>" : ''}`);
  switch (f.type) {
    case 'input':
      return [
        {
          tag: 'input',
          name: f.name,
          required: f.required,
          width: 'fill',
          label: plain(f.label),
          input_type: f.multiline ? 'multiline_text' : 'text',
          max_length: Math.min(Math.max(f.maxLength ?? 1000, 1), 1000),
          ...(f.placeholder ? { placeholder: plain(f.placeholder) } : {}),
          ...(f.initial ? { default_value: f.initial } : {}),
        },
      ];
    case 'select':
      return [
        label,
        {
          tag: 'select_static',
          name: f.name,
          required: f.required,
          width: 'fill',
          placeholder: plain('请选择'),
          options: f.options.map((o) => ({ text: plain(o.label), value: o.value })),
          // `initial_index` (1-based) rather than `initial_option`, whose doc is ambiguous (label or value).
          ...(f.initial !== undefined && f.options.some((o) => o.value === f.initial)
            ? { initial_index: f.options.findIndex((o) => o.value === f.initial) + 1 }
            : {}),
        },
      ];
    case 'date':
      return [
        label,
        {
          tag: 'date_picker',
          name: f.name,
          required: f.required,
          width: 'fill',
          placeholder: plain('请选择日期'),
          ...(f.initial ? { initial_date: f.initial } : {}),
        },
      ];
  }
}

function form(f: CardForm): FeishuElement {
  const submit: FeishuElement = { ...button(f.submit, `${f.name}_submit`), form_action_type: 'submit', value: buttonValue(f.submit) };
  if (!f.submit.style) submit['type'] = 'primary_filled';
  return { tag: 'form', name: f.name, elements: [...f.fields.flatMap(formField), submit] };
}

function assertUniqueNames(elements: FeishuElement[]): void {
  const seen = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (!v || typeof v !== 'object') return;
    const el = v as Record<string, unknown>;
    if (typeof el['tag'] === 'string' && typeof el['name'] === 'string') {
      if (seen.has(el['name'])) throw new Error(`feishu card: duplicate component name "${el['name']}"`);
      seen.add(el['name']);
    }
    Object.values(el).forEach(visit);
  };
  visit(elements);
}

/** Renders without any size fitting. Prefer {@link renderFeishuCard}. */
export function renderFeishuCardRaw(view: CardView): FeishuCard {
  const state = { tables: 0, charts: 0 };
  const elements = view.sections.flatMap((s) => section(s, state));
  if (view.actions?.length) {
    elements.push({
      tag: 'column_set',
      flex_mode: 'flow',
      horizontal_spacing: '8px',
      columns: view.actions.map((b, i) => ({ tag: 'column', width: 'auto', elements: [button(b, `action_${i}`)] })),
    });
  }
  if (view.form) elements.push(form(view.form));
  assertUniqueNames(elements);
  return {
    schema: '2.0',
    config: { update_multi: true, width_mode: 'fill' },
    header: { title: plain(view.title) as FeishuCard['header']['title'], template: TEMPLATE[view.tone] },
    body: { elements },
  };
}

/** The view shrunk (see {@link shrinkToFit}) until its card fits `maxBytes` and the component limit. */
export function fitCardSize(view: CardView, maxBytes = FEISHU_CARD_TARGET_BYTES): CardView {
  return shrinkToFit(view, (v) => {
    const card = renderFeishuCardRaw(v);
    return cardByteSize(card) <= maxBytes && countComponents(card) <= FEISHU_CARD_MAX_COMPONENTS;
  });
}

/** CardView -> card JSON 2.0 that fits Feishu's size and component limits. */
export function renderFeishuCard(view: CardView): FeishuCard {
  return renderFeishuCardRaw(fitCardSize(view));
}
