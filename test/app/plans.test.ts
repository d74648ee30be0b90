/**
 * Annual plans in the chat: a draw that names no plan goes to the year's default plan (made on
 * demand); an administrator enters the bureau's plan with the form card; draws outside its batch
 * windows or industries are refused with the batch and how to fix it; `/plan` shows the progress
 * against each target, checked here against figures counted by hand from the tasks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardSection } from '../../src/app/views/card-view';
import { planImport, writeImport } from '../../src/app/register-import';
import { fillFindings, goodFindings } from '../support/findings';
import { cardText, startTestRuntime, type TestRuntime } from '../support/test-runtime';

const PLAN_VALUES = {
  docNo: '偃应急〔2026〕18号',
  year: '2026',
  title: '2026年“双随机、一公开”监管工作实施方案',
  checkItems: '1-10',
  batches: '第一批 2026-03-02至2026-06-30 机械3家 建材10%\n第二批 2026-07-01至2026-09-30 冶金2家',
  isDefault: '是',
};

describe('annual plans', () => {
  let t: TestRuntime<'memory'>;
  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
  });
  afterAll(() => t?.close());

  const execute = async () => {
    const card = t.chat.lastCard(t.chat.group(), 'draw:');
    const { payload } = t.chat.button(card.card, '确认抽取');
    await t.chat.click('leader', card.id, 'draw.execute', payload);
    return Number(payload.drawId);
  };
  const table = (sections: CardSection[]) => sections.find((s): s is Extract<CardSection, { type: 'table' }> => s.type === 'table');

  it('puts a draw that names no plan into the year’s default plan, made on demand', async () => {
    expect(await t.data.auditCount('plan.created')).toBe(0);
    expect((await t.chat.say('leader', '/draw 机械 1家 3月2日-3月31日')).body.toast).toBeUndefined();
    const card = t.chat.lastCard(t.chat.group(), 'draw:').card;
    expect(cardText(card)).toContain('所属计划：“2026年度“双随机、一公开”抽查（默认计划）”');
    expect(await t.data.auditCount('plan.created')).toBe(1);
    await execute();
  });

  it('lets an administrator enter the plan with the form card, every problem named and nothing saved until it is right', async () => {
    await t.chat.say('admin', '/plan 新建', 'dm');
    const form = t.chat.lastCard(t.chat.dm('admin'), 'plan-form:new');
    expect(form.card.form?.fields.map((f) => f.label)).toEqual(['文号', '年度', '计划名称', '抽查事项', '批次安排', '设为本年度默认计划']);
    const bad = await t.chat.click(
      'admin',
      form.id,
      'plan.save',
      {},
      { ...PLAN_VALUES, docNo: '偃应急2026-18', batches: '第一批 2026-03-02至2026-06-30 化工5家' },
    );
    expect(bad.body.toast).toEqual({ kind: 'error', text: '有 2 处需要修改，未保存。' });
    const problems = cardText(t.chat.dm('admin').find((m) => m.id === form.id)!.card!);
    expect(problems).toContain('「文号」“偃应急2026-18”写法不对');
    expect(problems).toContain('「批次安排」第 1 行');
    expect(await t.data.auditCount('plan.created')).toBe(1);

    const good = await t.chat.click('admin', form.id, 'plan.save', {}, PLAN_VALUES);
    expect(good.body.toast).toEqual({ kind: 'success', text: '偃应急〔2026〕18号 已录入，为 2026 年默认计划。' });
    const progress = t.chat.dm('admin').find((m) => m.id === form.id)!.card!;
    expect(progress.title).toBe('抽查计划进度：偃应急〔2026〕18号');
    // A second click of the same form changes nothing.
    const again = await t.chat.click('admin', form.id, 'plan.save', {}, PLAN_VALUES);
    expect(again.body.toast).toEqual({ kind: 'info', text: '偃应急〔2026〕18号 内容没有变化，为 2026 年默认计划。' });
    expect(await t.data.auditCount('plan.created')).toBe(2);
    expect(await t.data.auditCount('plan.default_set')).toBe(1);
  });

  it('refuses draws outside the batch’s window or industries, saying which batch and how to fix it', async () => {
    const refused = async (text: string) => (await t.chat.say('leader', text)).body.toast;
    expect((await refused('/draw 冶金 2家 3月10日-3月20日'))?.text).toBe(
      '偃应急〔2026〕18号 第一批（2026-03-02 至 2026-06-30） 没有安排 冶金 的抽查（本批次行业：机械、建材）。请去掉 冶金，或由管理员用 /plan 在本批次加上该行业的目标。',
    );
    expect((await refused('/draw 第二批 冶金 2家 3月10日-3月20日'))?.text).toBe(
      '检查期 2026-03-10 至 2026-03-20 超出了 偃应急〔2026〕18号 第二批（2026-07-01 至 2026-09-30） 的时间。请把检查期改在 2026-07-01 至 2026-09-30 之内（如 7月1日-9月30日），或选择检查期所在的批次，或由管理员用 /plan 调整批次时间。',
    );
    expect((await refused('/draw 机械 2家 6月20日-7月10日'))?.text).toContain('不在 偃应急〔2026〕18号 的任何批次内');
    expect((await refused('/draw 计划 偃应急〔2026〕99号 机械 1家'))?.text).toContain(
      '没有文号为 偃应急〔2026〕99号 的抽查计划。已有的计划：偃应急〔2026〕18号。',
    );
    expect((await t.data.draws()).length).toBe(1);
  });

  it('shows the progress against each target, as counted by hand', async () => {
    expect((await t.chat.say('leader', '/draw 计划 偃应急〔2026〕18号 第一批 机械2家 建材1家 3月10日-3月31日')).body.toast).toBeUndefined();
    expect(cardText(t.chat.lastCard(t.chat.group(), 'draw:').card)).toContain('所属计划：偃应急〔2026〕18号 第一批');
    const drawId = await execute();
    const tasks = await t.data.tasks(drawId);
    expect(tasks.map((x) => x.industry).sort()).toEqual(['建材', '机械', '机械']);
    // One 机械 task inspected and published.
    const task = tasks.find((x) => x.industry === '机械')!;
    const officers = (await t.data.taskOfficers()).filter((o) => o.taskId === task.id).map((o) => o.localId!);
    const taskId = String(task.id);
    for (const o of officers) await t.chat.click(o, t.chat.lastCard(t.chat.dm(o), `task:${taskId}`).id, 'task.confirm', { taskId });
    const [a] = officers as [string];
    await t.chat.click(a, t.chat.lastCard(t.chat.dm(a), `task:${taskId}`).id, 'task.findings_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:findings`);
    t.clock.set('2026-03-10T02:00:00Z');
    expect((await fillFindings(t.chat.click, a, form.id, taskId, goodFindings('2026-03-10'))).body.toast?.kind).toBe('success');
    expect((await t.chat.click(a, form.id, 'task.publish', { taskId }, { reference: '豫公示-2026-018' })).body.toast?.kind).toBe('success');

    // By hand: 建材 10% of the eligible 建材 enterprises (在营, not 重点监管), rounded up.
    const eligible = (await t.data.directory()).filter((e) => e.industry === '建材' && e.status === '在营' && !e.keySupervision).length;
    const target = Math.ceil(eligible / 10);
    expect(eligible).toBeGreaterThan(10);

    await t.chat.say('leader', '/plan', 'dm');
    const card = t.chat.lastCard(t.chat.dm('leader'), 'plan:').card;
    expect(card.title).toBe('抽查计划进度：偃应急〔2026〕18号');
    expect(table(card.sections)?.rows).toEqual([
      ['第一批', '机械', '机械 3 家', '3', '2', '1', '1', '66%'],
      ['第一批', '建材', '建材 10%', String(target), '1', '0', '0', `${Math.floor(100 / target)}%`],
      ['第二批', '冶金', '冶金 2 家', '2', '0', '0', '0', '0%'],
    ]);
    const text = cardText(card);
    expect(text).toContain(`目标合计：${5 + target} 家`);
    expect(text).toContain(`已抽取：3 家`);
    expect(text).toContain('已检查：1 家');
    expect(text).toContain('已公示：1 家');
    expect(text).toContain('1. 安全生产条件、机构人员与责任制度（依据：《中华人民共和国安全生产法》');
    expect(text).toContain('2026 年 “2026年度“双随机、一公开”抽查（默认计划）”');
    const chart = card.sections.find((s) => s.type === 'chart');
    expect(chart?.type === 'chart' && chart.chart.data.filter((d) => d.label === '第一批 机械')).toEqual([
      { label: '第一批 机械', series: '目标', value: 3 },
      { label: '第一批 机械', series: '已抽取', value: 2 },
      { label: '第一批 机械', series: '已检查', value: 1 },
      { label: '第一批 机械', series: '已公示', value: 1 },
    ]);
    // Leaders see it without the edit button; officers may not see it.
    expect(card.actions).toBeUndefined();
    expect((await t.chat.say('officer-01', '/plan', 'dm')).body.toast?.text).toBe('只有局领导或管理员可以查看抽查计划。你的身份是执法人员。');
  });

  it('counts the plan’s targets met in the year-end assessment and its sheet, inspected reaching the target', async () => {
    await t.chat.say('leader', '/stats 2026 考评', 'dm');
    const card = t.chat.lastCard(t.chat.dm('leader'), 'stats:2026:assessment').card;
    const eligible = (await t.data.directory()).filter((e) => e.industry === '建材' && e.status === '在营' && !e.keySupervision).length;
    const target = Math.ceil(eligible / 10);
    // By hand: 第一批 机械 3 (1 inspected), 建材 10% (0), 第二批 冶金 2 (0): none met; 1 of 5 + target inspected.
    expect(cardText(card)).toContain(`计划目标：偃应急〔2026〕18号：完成 0/3 项；已检查 1/${5 + target} 家`);
    const targets = card.sections.filter((s): s is Extract<CardSection, { type: 'table' }> => s.type === 'table').find((s) => s.columns[0] === '计划');
    expect(targets?.rows).toEqual([
      ['偃应急〔2026〕18号', '第一批', '机械', '3', '2', '1', '否'],
      ['偃应急〔2026〕18号', '第一批', '建材', String(target), '1', '0', '否'],
      ['偃应急〔2026〕18号', '第二批', '冶金', '2', '0', '0', '否'],
    ]);
    // The default plan made on demand sets no target: not listed.
    expect(cardText(card)).not.toContain('默认计划）：完成');
  });

  it('lets an administrator edit the plan, a blank field keeping what it has', async () => {
    await t.chat.say('admin', '/plan 编辑', 'dm');
    const form = t.chat.lastCard(t.chat.dm('admin'), 'plan-form:');
    expect(cardText(form.card)).toContain('批次：第一批 2026-03-02至2026-06-30 机械3家 建材10%');
    const saved = await t.chat.click('admin', form.id, 'plan.save', t.chat.button(form.card, '保存修改').payload, {
      batches: '第一批 2026-03-02至2026-06-30 机械3家 建材10% 冶金1家\n第二批 2026-07-01至2026-09-30 冶金2家',
    });
    expect(saved.body.toast?.text).toBe('偃应急〔2026〕18号 已保存修改，为 2026 年默认计划。');
    expect(await t.data.auditCount('plan.updated')).toBe(1);
    expect((await t.chat.say('leader', '/draw 冶金 1家 4月1日-4月30日')).body.toast).toBeUndefined();
    expect(cardText(t.chat.lastCard(t.chat.group(), 'draw:').card)).toContain('所属计划：偃应急〔2026〕18号 第一批');
    expect((await t.chat.say('leader', '/plan 编辑', 'dm')).body.toast?.text).toBe('只有管理员可以录入或修改抽查计划。你的身份是局领导。');
  });

  it('counts a past year’s percentage targets against the directory as the year left it, not as it is since', async () => {
    const eligible = async () => (await t.data.directory()).filter((e) => e.industry === '建材' && e.status === '在营' && !e.keySupervision);
    const target = () => {
      const card = t.chat.lastCard(t.chat.dm('leader'), 'plan:').card;
      return table(card.sections)!.rows.find((r) => r[1] === '建材')![3];
    };
    const before = (await eligible()).length;
    // The first look after the year is over freezes the counts.
    t.clock.set('2027-01-05T02:00:00Z');
    await t.chat.say('leader', '/plan 2026', 'dm');
    expect(target()).toBe(String(Math.ceil(before / 10)));
    // Then 11 of the 建材 enterprises stop production (停产: no longer eligible).
    const stopped = (await eligible()).slice(0, 11).map((e) => e.uscc);
    await t.store.transaction(async (r) => {
      const rows = [...(await r.directory.enterprisesByUscc(1, stopped)).values()].map((e) => ({ ...e, status: '停产' as const }));
      await writeImport(r, 1, 'enterprises', (await planImport(r, 1, 'enterprises', rows, false)).diff, t.clock.now());
    });
    expect((await eligible()).length).toBe(before - 11);
    // 2026's target is what the year left; the year's 考评 agrees.
    await t.chat.say('leader', '/plan 2026', 'dm');
    expect(target()).toBe(String(Math.ceil(before / 10)));
    await t.chat.say('leader', '/stats 2026 考评', 'dm');
    const card = t.chat.lastCard(t.chat.dm('leader'), 'stats:2026:assessment').card;
    const targets = card.sections.filter((s): s is Extract<CardSection, { type: 'table' }> => s.type === 'table').find((s) => s.columns[0] === '计划');
    expect(targets?.rows.find((r) => r[2] === '建材')?.[3]).toBe(String(Math.ceil(before / 10)));
  });
});
