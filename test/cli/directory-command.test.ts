import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { directoryCommand } from '../../src/cli/directory-command';
import { rowsOf, type Database } from '../../src/db/client';
import { verifyAuditChain } from '../../src/db/repos/audit-repo';
import { describeEachDb, openTestDatabase } from '../support/test-db';
import { TEST_DRAW_KEY } from '../support/draw-key';

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describeEachDb('directory CLI', (kind) => {
  let database: Database;
  const ctx = { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => database };
  const count = async (q: string) => rowsOf<{ n: number }>(await database.db.execute(sql.raw(q)))[0]!.n;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('creates the agency, loads the registers from the template files, and adds a leader', async () => {
    const none = collect();
    expect(await directoryCommand.run(['enterprises', 'test/fixtures/enterprises.csv'], none.io, ctx)).toBe(1);
    expect(none.err.join('')).toContain('还没有单位');

    const agency = collect();
    expect(await directoryCommand.run(['agency', '--name', '测试区应急管理局', '--short', '测应急'], agency.io, ctx)).toBe(0);
    const e = collect();
    expect(await directoryCommand.run(['enterprises', 'test/fixtures/enterprises.csv'], e.io, ctx)).toBe(0);
    expect(e.out).toEqual(['企业名录：新增 300 家，更新 0 家，不变 0 家。']);
    expect(e.err.at(-1)).toMatch(/^完成，用时 [\d.]+ 秒。$/);
    const o = collect();
    expect(await directoryCommand.run(['officers', 'test/fixtures/officers.xlsx'], o.io, ctx)).toBe(0);
    expect(o.out).toEqual(['执法人员名录：新增 30 人，更新 0 人，不变 0 人。']);
    expect(await directoryCommand.run(['staff', '--name', '张局长', '--role', 'leader', '--unit', '局领导'], collect().io, ctx)).toBe(0);
    const again = collect();
    await directoryCommand.run(['enterprises', 'test/fixtures/enterprises.csv'], again.io, ctx);
    expect(again.out).toEqual(['企业名录：新增 0 家，更新 0 家，不变 300 家。']);
    expect(await count(`select count(*)::int as n from people where role = 'officer'`)).toBe(30);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });

  it('marks the enterprises a full file no longer lists, and only counts them without --full', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drbot-dir-'));
    const file = join(dir, 'fewer.csv');
    const lines = readFileSync('test/fixtures/enterprises.csv', 'utf8').trimEnd().split(/\r?\n/);
    writeFileSync(file, `${lines.slice(0, -2).join('\n')}\n`);
    const partial = collect();
    expect(await directoryCommand.run(['enterprises', file], partial.io, ctx)).toBe(0);
    expect(partial.out).toEqual([
      '企业名录：新增 0 家，更新 0 家，不变 298 家。名录中另有 2 家不在文件中，未改动（文件若是完整名录，加 --full 将其标记为“移出名录”）。',
    ]);
    expect(await count(`select count(*)::int as n from enterprises where status = '移出名录'`)).toBe(0);
    const whole = collect();
    expect(await directoryCommand.run(['enterprises', file, '--full'], whole.io, ctx)).toBe(0);
    expect(whole.out).toEqual(['企业名录：新增 0 家，更新 0 家，不变 298 家，不再列入 2 家。']);
    expect(whole.err.filter((l) => /^ {2}已写入 2\/2（[\d.]+ 秒）$/.test(l))).toHaveLength(1);
    expect(await count(`select count(*)::int as n from enterprises where status = '移出名录'`)).toBe(2);
    expect(await count('select count(*)::int as n from enterprises')).toBe(300);
  });

  it('refuses a file with a bad row whole, naming the row', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drbot-dir-'));
    const file = join(dir, 'bad.csv');
    writeFileSync(file, '统一社会信用代码,企业名称,行业,乡镇街道\n91350100M000100Y43,好企业,机械,岳滩镇\n91410381MA44X5Y7Z0,坏企业,化工,岳滩镇\n');
    const before = await count('select count(*)::int as n from enterprises');
    const r = collect();
    expect(await directoryCommand.run(['enterprises', file], r.io, ctx)).toBe(1);
    expect(r.err.join('\n')).toMatch(/第 3 行/);
    expect(await count('select count(*)::int as n from enterprises')).toBe(before);
  });
});
