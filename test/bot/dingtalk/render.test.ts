import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../src/app/views/card-view';
import { DINGTALK_MAX_MARKDOWN_CHARS, noticeText, renderDingtalkCard } from '../../../src/bot/dingtalk/render';
import { normalizeCardCallback } from '../../../src/bot/dingtalk/normalize';

const spec = (name: string) =>
  JSON.parse(readFileSync(`docs/dingtalk-templates/${name}.json`, 'utf8')) as { variables: Array<{ name: string; private: boolean }> };
const publicVars = (name: string) =>
  new Set(
    spec(name)
      .variables.filter((v) => !v.private)
      .map((v) => v.name),
  );

const view: CardView = {
  key: 'draw:1',
  title: '抽取结果',
  tone: 'success',
  sections: [
    { type: 'fields', fields: [{ label: '编号', value: '偃应急抽〔2026〕1号' }] },
    { type: 'table', columns: ['企业', '人员'], rows: [['甲*公司', '张三、李四']] },
    { type: 'chart', chart: { kind: 'bar', title: '按行业', data: [{ label: '机械', value: 4 }] } },
  ],
  actions: ['一', '二', '三', '四', '五'].map((label) => ({ label, action: 'task.confirm' as const, payload: { taskId: '1' } })),
};

describe('DingTalk card rendering', () => {
  it('fills exactly the variables of the shipped template specs, all strings', () => {
    const general = renderDingtalkCard({ ...view, actions: [] }, { formTemplate: true });
    const withForm = renderDingtalkCard(
      {
        ...view,
        form: {
          name: 'f',
          fields: [{ type: 'input', name: 'reason', label: '理由', required: true }],
          submit: { label: '提交', action: 'task.recuse', payload: { taskId: '1' } },
        },
      },
      { formTemplate: true },
    );
    expect(general.template).toBe('general');
    expect(withForm.template).toBe('form');
    const keys = new Set([...Object.keys(withForm.params), 'space']);
    expect(keys).toEqual(publicVars('form'));
    for (const v of publicVars('general')) expect(keys.has(v)).toBe(true);
    expect(Object.values(withForm.params).every((v) => typeof v === 'string')).toBe(true);
  });

  it('shows text to copy on lines of its own (no copy button in DingTalk cards), escaped', () => {
    const { params } = renderDingtalkCard({ ...view, sections: [{ type: 'copy', label: '录入内容', text: '检查对象：甲*公司\n检查结果：未发现问题' }] });
    expect(params['markdown']).toContain('**录入内容**  \n> 检查对象：甲\\*公司  \n> 检查结果：未发现问题');
  });
  it('degrades visibly: tables and charts as markdown, buttons beyond four named, user text escaped', () => {
    const { params } = renderDingtalkCard(view);
    expect(params['markdown']).toContain('**企业 ｜ 人员**\n- 甲\\*公司 ｜ 张三、李四');
    expect(params['markdown']).toContain('- 机械：4 ▇▇▇▇▇▇▇▇▇▇');
    expect(params['markdown']).toContain('另有操作未能显示：五');
    expect([params['btn4_text'], params['btn4_visible']]).toEqual(['四', 'true']);
    expect(params['toneColor']).toMatch(/^#[0-9A-F]{6}$/);
  });

  it('without a form template the form is described, never silently dropped', () => {
    const card = renderDingtalkCard(
      {
        ...view,
        form: {
          name: 'f',
          fields: [{ type: 'input', name: 'reason', label: '回避理由', required: true }],
          submit: { label: '提交回避申请', action: 'task.recuse', payload: {} },
        },
      },
      { formTemplate: false },
    );
    expect(card.template).toBe('general');
    expect(card.params['markdown']).toContain('回避理由');
    expect(card.params['markdown']).toContain('DINGTALK_FORM_TEMPLATE_ID');
    expect(card.params['submit_visible']).toBe('false');
  });

  it('long lists are cut with a note to stay under the markdown cap', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => [`企业${i}`, '某某某、某某某']);
    const { params } = renderDingtalkCard({ key: 'k', title: 't', tone: 'info', sections: [{ type: 'table', columns: ['企业', '人员'], rows }] });
    expect(params['markdown']!.length).toBeLessThanOrEqual(DINGTALK_MAX_MARKDOWN_CHARS);
    expect(params['markdown']).toMatch(/共 2000 项，仅显示前 \d+ 项/);
  });

  it('a form submit round-trips: slots back to field names, selects from {index, value}, date pickers from ms', () => {
    const { params } = renderDingtalkCard(
      {
        key: 'k',
        title: 't',
        tone: 'info',
        sections: [],
        form: {
          name: 'findings',
          fields: [
            { type: 'date', name: 'inspectionDate', label: '检查日期', required: true },
            { type: 'select', name: 'majorHazard', label: '重大隐患', required: true, options: [{ value: '否', label: '否' }] },
          ],
          submit: { label: '提交', action: 'task.findings', payload: { taskId: '7' } },
        },
      },
      { formTemplate: true },
    );
    const content = JSON.stringify({
      cardPrivateData: { params: { value: params['submit_value'], space: 'user:s1', f1: '1772380800000', f2: '{"index":0,"value":"否"}' } },
    });
    expect(normalizeCardCallback({ outTrackId: 'o', userId: 's1', content }, 'k1')).toMatchObject({
      type: 'form',
      action: 'task.findings',
      payload: { taskId: '7' },
      values: { inspectionDate: '2026-03-02', majorHazard: '否' },
      chat: { id: 'user:s1', kind: 'direct' },
    });
    expect(noticeText({ kind: 'warning', text: '注意' })).toBe('⚠️ 注意');
  });
});
