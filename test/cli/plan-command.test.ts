/** `plan` from the shell: the chat's form rules, every problem named, nothing half-saved, progress as text. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planCommand } from '../../src/cli/plan-command';
import { describeEachDb } from '../support/test-db';
import { demoDatabase, runCli } from './cli-harness';

describeEachDb('plan CLI', (kind) => {
  let t: Awaited<ReturnType<typeof demoDatabase>>;
  const plan = (...args: string[]) => runCli(planCommand, args, t.ctx);
  const plans = () => t.query<{ doc_no: string | null; is_default: boolean }>(sql`select doc_no, is_default from plans order by id`);

  beforeAll(async () => {
    t = await demoDatabase(kind);
  });
  afterAll(() => t?.database.close());

  it('refuses a plan with problems, naming each, and saves nothing', async () => {
    const bad = await plan(
      'create',
      '--no',
      '偃应急2026-18',
      '--year',
      '2026',
      '--name',
      '计划',
      '--batches',
      '第一批 2026-04-01至2026-06-30 化工5家；第二批 2026-06-01至2026-09-30',
    );
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toMatch(/^未保存任何内容：\n {2}- 「文号」/);
    expect(bad.err.join('\n')).toContain('「文号」“偃应急2026-18”写法不对');
    expect(bad.err.join('\n')).toContain('「批次安排」第 1 行');
    expect(await plans()).toEqual([]);
    const overlap = await plan(
      'create',
      '--no',
      '偃应急〔2026〕18号',
      '--year',
      '2026',
      '--name',
      '计划',
      '--batches',
      '第一批 4月1日-6月30日；第二批 6月1日-9月30日',
    );
    expect(overlap.err.join('\n')).toContain('第二批：开始日期 2026-06-01 须晚于上一批的结束日期 2026-06-30');
    expect(await plans()).toEqual([]);
  });

  it('creates a plan as the year’s default, lists it, shows its progress and edits it', async () => {
    const created = await plan(
      'create',
      '--no',
      '偃应急〔2026〕18号',
      '--year',
      '2026',
      '--name',
      '2026年双随机抽查计划',
      '--items',
      '1-3',
      '--batches',
      '第一批 2026-04-01至2026-06-30 机械5家 建材10%；第二批 2026-07-01至2026-09-30 冶金2家',
    );
    expect(created).toEqual({ code: 0, out: ['偃应急〔2026〕18号 已录入（2026 年默认计划）。查看进度：npm run cli -- plan show 偃应急〔2026〕18号'], err: [] });
    expect(await plans()).toEqual([{ doc_no: '偃应急〔2026〕18号', is_default: true }]);
    expect((await plan('list')).out).toEqual(['2026  偃应急〔2026〕18号  2026年双随机抽查计划  （默认）  2 个批次']);
    const shown = await plan('show', '偃应急〔2026〕18号');
    expect(shown.code).toBe(0);
    const text = shown.out.join('\n');
    expect(text).toContain('【抽查计划进度：偃应急〔2026〕18号】');
    expect(text).toMatch(/第一批\s+机械\s+机械 5 家\s+5\s+0\s+0\s+0\s+0%/);
    expect(text).toContain('3. 应急预案、应急救援组织与应急物资');
    expect(text).not.toContain('4. ');
    expect((await plan('show')).out.join('\n')).toContain('【抽查计划进度：偃应急〔2026〕18号】');

    const edited = await plan('edit', '偃应急〔2026〕18号', '--batches', '无');
    expect(edited.out).toEqual(['偃应急〔2026〕18号 已保存修改（2026 年默认计划）。查看进度：npm run cli -- plan show 偃应急〔2026〕18号']);
    expect((await plan('show', '2026')).out.join('\n')).toContain('批次：不分批次');
    expect((await plan('show', '2025')).err[0]).toMatch(/^没有2025 年的默认计划。本单位的计划：2026 年 偃应急〔2026〕18号。/);
    expect(await t.query(sql`select action from audit_log where action like 'plan.%' order by id`)).toEqual([
      { action: 'plan.created' },
      { action: 'plan.default_set' },
      { action: 'plan.updated' },
    ]);
  });
});
