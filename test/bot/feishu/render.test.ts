import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../src/app/views/card-view';
import {
  FEISHU_CARD_MAX_BYTES,
  FEISHU_CARD_TARGET_BYTES,
  cardByteSize,
  countComponents,
  fitCardSize,
  escapeMd,
  renderFeishuCard,
  renderFeishuCardRaw,
  truncationNote,
  type FeishuElement,
} from '../../../src/bot/feishu/render';

const full: CardView = {
  key: 'draw:1',
  title: '2024年第二季度 冶金行业 双随机抽查',
  tone: 'warning',
  sections: [
    { type: 'text', text: '**抽取结果**已生成' },
    {
      type: 'fields',
      fields: [
        { label: '行业', value: '冶金' },
        { label: '企业 <A>', value: '10 家' },
      ],
    },
    { type: 'list', title: '执法人员', items: ['张三', '李四'] },
    { type: 'divider' },
    { type: 'table', columns: ['企业', '乡镇'], rows: [['甲钢铁', '城关镇'], ['乙铸造']] },
    { type: 'chart', chart: { kind: 'bar', title: '各乡镇', data: [{ label: '城关镇', value: 3 }] } },
    {
      type: 'chart',
      chart: {
        kind: 'pie',
        title: '风险等级',
        data: [
          { label: '高', value: 1 },
          { label: '低', value: 9 },
        ],
      },
    },
  ],
  actions: [
    { label: '确认', style: 'primary', action: 'draw.execute', payload: { drawId: '1' } },
    { label: '申请回避', style: 'danger', action: 'draw.abandon', payload: { drawId: '1' } },
  ],
  form: {
    name: 'finding_form',
    fields: [
      { type: 'input', name: 'finding', label: '检查发现', required: true, multiline: true, maxLength: 1000 },
      {
        type: 'select',
        name: 'result',
        label: '结论',
        required: true,
        options: [
          { value: 'pass', label: '合格' },
          { value: 'fail', label: '不合格' },
        ],
        initial: 'fail',
      },
      { type: 'date', name: 'publish_by', label: '公示日期', required: false, initial: '2026-03-09' },
      { type: 'input', name: 'signer', label: '签字人', required: false, initial: '王经理' },
    ],
    submit: { label: '提交', action: 'task.findings', payload: { taskId: '42' } },
  },
};

function walk(v: unknown, out: FeishuElement[] = []): FeishuElement[] {
  if (Array.isArray(v)) for (const x of v) walk(x, out);
  else if (v && typeof v === 'object') {
    if (typeof (v as FeishuElement)['tag'] === 'string') out.push(v as FeishuElement);
    for (const x of Object.values(v)) walk(x, out);
  }
  return out;
}

describe('renderFeishuCard', () => {
  const card = renderFeishuCard(full);
  const els = card.body.elements;
  it('is a shared card JSON 2.0 with a coloured header', () => {
    expect(card.schema).toBe('2.0');
    expect(card.config.update_multi).toBe(true);
    expect(card.header).toEqual({ title: { tag: 'plain_text', content: full.title }, template: 'orange' });
  });
  it('renders every section kind at the body root, in order', () => {
    expect(els.map((e) => e['tag'])).toEqual(['markdown', 'markdown', 'markdown', 'hr', 'table', 'chart', 'chart', 'column_set', 'form']);
    expect(els[1]?.['content']).toBe('**行业**：冶金\n**企业 &#60;A&#62;**：10 家');
    expect(els[2]?.['content']).toBe('**执法人员**\n- 张三\n- 李四');
    expect(els[4]).toMatchObject({
      columns: [
        { name: 'c0', display_name: '企业', data_type: 'text' },
        { name: 'c1', display_name: '乡镇' },
      ],
      rows: [
        { c0: '甲钢铁', c1: '城关镇' },
        { c0: '乙铸造', c1: '' },
      ],
    });
    expect(els[5]?.['chart_spec']).toMatchObject({ type: 'bar', xField: 'label', yField: 'value', data: { values: [{ label: '城关镇', value: 3 }] } });
    expect(els[6]?.['chart_spec']).toMatchObject({ type: 'pie', categoryField: 'label', valueField: 'value' });
  });
  it('draws bars naming a series in groups, with a legend (VChart: x field lists the group then the bar)', () => {
    const grouped = renderFeishuCard({
      key: 'stats',
      title: '统计',
      tone: 'info',
      sections: [
        {
          type: 'chart',
          chart: {
            kind: 'bar',
            title: '各行业',
            data: [
              { label: '机械', series: '任务', value: 3 },
              { label: '机械', series: '已检查', value: 2 },
            ],
          },
        },
      ],
    });
    const chart = walk(grouped).find((e) => e['tag'] === 'chart');
    expect(chart?.['chart_spec']).toEqual({
      type: 'bar',
      title: { text: '各行业' },
      data: {
        values: [
          { label: '机械', series: '任务', value: 3 },
          { label: '机械', series: '已检查', value: 2 },
        ],
      },
      xField: ['label', 'series'],
      yField: 'value',
      seriesField: 'series',
      legends: { visible: true, orient: 'bottom' },
    });
  });

  it('shows text to copy verbatim in a code block, which the text cannot close early', () => {
    const copy = renderFeishuCard({ ...full, sections: [{ type: 'copy', label: '录入内容（可复制）', text: '检查对象：甲*公司\n备注：```结束```' }] });
    expect(copy.body.elements[0]?.['content']).toBe('**录入内容（可复制）**\n```\n检查对象：甲*公司\n备注：`\u200b`\u200b`结束`\u200b`\u200b`\n```');
  });
  it('escapes markdown syntax in user data with the documented entities', () => {
    expect(escapeMd('<at id=all></at> *甲*_乙_ [x](y) ~~z~~ \\')).toBe(
      '&#60;at id=all&#62;&#60;/at&#62; &#42;甲&#42;&#95;乙&#95; &#91;x&#93;(y) &sim;&sim;z&sim;&sim; &#92;',
    );
  });
  it('gives every button a callback value carrying the action and its payload', () => {
    const buttons = walk(card).filter((e) => e['tag'] === 'button');
    expect(buttons).toHaveLength(3);
    for (const b of buttons) {
      const behaviors = b['behaviors'] as Array<{ type: string; value: Record<string, string> }>;
      expect(behaviors[0]?.type).toBe('callback');
      expect(typeof behaviors[0]?.value['action']).toBe('string');
    }
    expect(buttons[0]?.['behaviors']).toEqual([{ type: 'callback', value: { action: 'draw.execute', drawId: '1' } }]);
    expect(buttons[1]?.['type']).toBe('danger');
  });
  it('renders the form with named fields and a submit button with a value', () => {
    const form = els[8] as FeishuElement;
    const children = form['elements'] as FeishuElement[];
    const named = children.filter((e) => typeof e['name'] === 'string');
    expect(named.map((e) => [e['tag'], e['name']])).toEqual([
      ['input', 'finding'],
      ['select_static', 'result'],
      ['date_picker', 'publish_by'],
      ['input', 'signer'],
      ['button', 'finding_form_submit'],
    ]);
    // A form shown again shows what was entered before.
    expect(named[2]).toMatchObject({ initial_date: '2026-03-09' });
    expect(named[3]).toMatchObject({ default_value: '王经理' });
    expect(named[1]).toMatchObject({ required: true, initial_index: 2, options: [{ text: { content: '合格' }, value: 'pass' }, { value: 'fail' }] });
    expect(named[0]).toMatchObject({ input_type: 'multiline_text', max_length: 1000, required: true });
    const submit = named[4] as FeishuElement;
    expect(submit['form_action_type']).toBe('submit');
    expect(submit['value']).toEqual({ action: 'task.findings', taskId: '42' });
    expect(children.some((e) => e['tag'] === 'table' || e['tag'] === 'chart')).toBe(false);
  });
  it('keeps names unique and refuses duplicates', () => {
    const names = walk(card)
      .map((e) => e['name'])
      .filter((n) => typeof n === 'string');
    expect(new Set(names).size).toBe(names.length);
    const dup: CardView = { ...full, form: { ...full.form!, fields: [full.form!.fields[0]!, full.form!.fields[0]!] } };
    expect(() => renderFeishuCard(dup)).toThrow(/duplicate component name "finding"/);
  });
  it('renders at most 5 tables as table components; the rest as markdown', () => {
    const view: CardView = {
      key: 'k',
      title: 't',
      tone: 'info',
      sections: Array.from({ length: 7 }, () => ({ type: 'table' as const, columns: ['a'], rows: [['1']] })),
    };
    const tags = renderFeishuCard(view).body.elements.map((e) => e['tag']);
    expect(tags.filter((t) => t === 'table')).toHaveLength(5);
    expect(tags.filter((t) => t === 'markdown')).toHaveLength(2);
  });
});

describe('fitCardSize', () => {
  const rows = Array.from({ length: 2000 }, (_, i) => [`某某市某某区第${i}号钢铁有限责任公司`, `91410300MA44XXXX${String(i).padStart(2, '0')}`, '城关镇']);
  const big: CardView = {
    key: 'k',
    title: '抽取结果',
    tone: 'info',
    sections: [
      { type: 'text', text: '共 2000 家' },
      { type: 'table', columns: ['企业', '信用代码', '乡镇'], rows },
    ],
  };
  it('shrinks a 2,000-row table under 30 KB and says what was left out', () => {
    const card = renderFeishuCard(big);
    const size = cardByteSize(card);
    expect(size).toBeLessThan(FEISHU_CARD_MAX_BYTES);
    const table = card.body.elements.find((e) => e['tag'] === 'table') as FeishuElement;
    const shown = (table['rows'] as unknown[]).length;
    expect(shown).toBeGreaterThan(50);
    expect(shown).toBeLessThan(2000);
    expect(card.body.elements.at(-1)?.['content']).toBe(`（共 2000 项，仅显示前 ${shown} 项；完整内容请在公开页或导出文件查看）`);
    // It keeps as many rows as fit: one more row would not have fitted the target.
    const oneMore: CardView = {
      ...big,
      sections: [
        big.sections[0]!,
        { type: 'table', columns: ['企业', '信用代码', '乡镇'], rows: rows.slice(0, shown + 1) },
        { type: 'text', text: truncationNote(2000, shown + 1) },
      ],
    };
    expect(cardByteSize(renderFeishuCardRaw(oneMore))).toBeGreaterThan(FEISHU_CARD_TARGET_BYTES);
  });
  it('leaves a small view untouched', () => {
    expect(fitCardSize(full)).toBe(full);
  });
  it('keeps the component count at or under 200', () => {
    const many: CardView = {
      key: 'k',
      title: 't',
      tone: 'neutral',
      sections: Array.from({ length: 300 }, (_, i) => ({ type: 'text' as const, text: `第${i}段` })),
    };
    const card = renderFeishuCard(many);
    expect(countComponents(card)).toBeLessThanOrEqual(200);
    expect(String(card.body.elements.at(-1)?.['content'])).toMatch(/内容过多/);
  });
});
