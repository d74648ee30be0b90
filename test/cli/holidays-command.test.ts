import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command';
import type { CliContext } from '../../src/cli/commands';
import { holidaysCommand, workdaysWithDatabase } from '../../src/cli/holidays-command';
import { rowsOf, type Database } from '../../src/db/client';
import { describeEachDb, openTestDatabase } from '../support/test-db';
import { TEST_DRAW_KEY } from '../support/draw-key';

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  return { io, out, err };
}

describeEachDb('holidays CLI', (kind) => {
  let database: Database;
  let ctx: CliContext;
  const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    ctx = { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => database };
  });
  afterAll(() => database?.close());

  const run = async (cmd: typeof holidaysCommand, args: string[]) => {
    const c = collect();
    return { code: await cmd.run(args, c.io, ctx), out: c.out, err: c.err };
  };

  it('refuses a bad file with every error, and imports a good one', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, '年份,2027\n日期,类型,名称\n2027-01-01,放假,\n2027-02-08,上班,春节调休\n');
    const refused = await run(holidaysCommand, ['import', bad]);
    expect(refused.code).toBe(1);
    expect(refused.err.join('\n')).toMatch(/第 3 行：放假日期缺少名称[\s\S]*第 4 行：2027-02-08 是星期一/);

    const good = join(dir, 'good.csv');
    writeFileSync(good, '# source: 国办发明电〔2026〕X号\n年份,2027\n日期,类型,名称\n2027-01-01,放假,元旦\n2027-01-02,放假,元旦\n2027-01-03,放假,元旦\n');
    expect(await run(holidaysCommand, ['import', good])).toEqual({
      code: 0,
      out: ['已导入 2027 年放假安排：3 个日期（来源：国办发明电〔2026〕X号）。'],
      err: [],
    });
    // The CLI operator runs the chat's use case: the same audit entry, recorded as `cli`.
    const audit = rowsOf(await database.db.execute(sql`select agency_id, actor, subject from audit_log where action = 'holidays.imported'`));
    expect(audit).toEqual([{ agency_id: null, actor: 'cli', subject: 'holidays:2027' }]);
    const list = await run(holidaysCommand, ['list']);
    expect(list.out).toEqual([
      '内置年份：2023、2024、2025、2026',
      '导入年份：2027',
      '已载入：2023、2024、2025、2026、2027',
      '  2027-01-01 放假 元旦',
      '  2027-01-02 放假 元旦',
      '  2027-01-03 放假 元旦',
    ]);
  });

  it('workdays reads the imported year from the database; --builtin does not', async () => {
    expect(await run(workdaysWithDatabase, ['add', '2026-12-28', '5'])).toEqual({ code: 0, out: ['2027-01-05'], err: [] });
    const builtin = await run(workdaysWithDatabase, ['add', '2026-12-28', '5', '--builtin']);
    expect(builtin.out).toEqual(['2027-01-04']);
    expect(builtin.err[0]).toMatch(/2027 年的国务院放假安排尚未载入/);
  });

  it('answers bad usage with the usage text', async () => {
    const r = await run(holidaysCommand, ['import']);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/holidays import <文件>/);
  });
});
