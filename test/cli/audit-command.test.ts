/**
 * `audit verify [--anchors <file or URL>]` against an attacker who owns the database: he switches
 * the guards off, rewrites a middle entry, moves a time by a microsecond or cuts the tail, and, if
 * thorough, recomputes every hash after it, rolls `audit_head` back and removes the daily heads
 * the database keeps. The chain alone cannot tell a thorough rewrite; the heads published before
 * (a copy of /public/audit-heads, or the group messages) name it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/ports/clock';
import { publishAuditHeads } from '../../src/app/use-cases/publish-audit-heads';
import { auditCommand } from '../../src/cli/audit-command';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../src/db/client';
import { listDailyHeads } from '../../src/db/repos/audit-repo';
import { createDrizzleStore } from '../../src/db/store';
import { auditHeadsRoutes } from '../../src/web/audit-heads-page';
import { cutTail, rewriteEntry, shiftMicrosecond } from '../support/audit-tamper';
import { describeEachDb, openTestDatabase, type DbKind } from '../support/test-db';
import { runCli } from './cli-harness';
import { TEST_DRAW_KEY } from '../support/draw-key';

const dir = mkdtempSync(join(tmpdir(), 'audit-anchors-'));

/**
 * 15 entries over three days (5 a day, from 10:00 Shanghai), the heads of 2026-03-02 (5),
 * 03-03 (10) and 03-04 (15) published each next morning at 09:00, then 3 entries on 03-05.
 * Returns the database and the published heads saved as JSON and as text, as a citizen would.
 */
async function publishedLog(kind: DbKind) {
  const database = await openTestDatabase(kind);
  const clock = fixedClock('2026-03-02T01:00:00Z');
  const store = createDrizzleStore(database.db, clock);
  const append = (n: number) =>
    store.transaction((r) => r.audit.append({ agencyId: 1, actor: 'person:1', action: 'task.confirmed', subject: `task:${n}`, data: { n } }));
  let n = 0;
  for (const day of ['02', '03', '04']) {
    clock.set(`2026-03-${day}T01:00:00Z`);
    await publishAuditHeads(store, `2026-03-${day}`, { now: clock.now() });
    for (let i = 0; i < 5; i++) {
      clock.set(`2026-03-${day}T0${2 + i}:00:00.${String(123 + i).padStart(3, '0')}Z`);
      await append(++n);
    }
  }
  clock.set('2026-03-05T01:00:00Z');
  await publishAuditHeads(store, '2026-03-05', { now: clock.now() });
  for (let i = 0; i < 3; i++) {
    clock.set(`2026-03-05T0${2 + i}:00:00Z`);
    await append(++n);
  }
  const routes = auditHeadsRoutes(() => listDailyHeads(database.db));
  const json = join(dir, `heads-${kind}-${Math.random().toString(36).slice(2)}.json`);
  const txt = json.replace(/\.json$/, '.txt');
  writeFileSync(json, await (await routes.request('/audit-heads.json')).text());
  writeFileSync(txt, await (await routes.request('/audit-heads.txt')).text());
  const verify = (...args: string[]) => runCli(auditCommand, ['verify', ...args], { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => database });
  return { database, json, txt, verify, text: (r: { out: string[] }) => r.out.join('\n') };
}

describeEachDb('audit verify --anchors', (kind) => {
  const open: Database[] = [];
  const fresh = async () => {
    const log = await publishedLog(kind);
    open.push(log.database);
    return log;
  };
  afterAll(async () => {
    for (const d of open) await d.close();
  });

  it('an untouched log: every published head is a prefix, from the JSON, the text and the database alike', async () => {
    const log = await fresh();
    for (const file of [log.json, log.txt]) {
      const r = await log.verify('--anchors', file);
      expect(r.code).toBe(0);
      expect(log.text(r)).toMatch(/^OK：共 18 条，哈希链完整/);
      expect(log.text(r)).toContain(`已对照“${file}”中的 3 个公布的链头：全部仍是当前哈希链的前缀。`);
      expect(log.text(r)).toContain('最后一个链头之后的 3 条尚未公布链头，只由哈希链自身校验。');
    }
    const plain = await log.verify();
    expect(plain.code).toBe(0);
    expect(log.text(plain)).toContain('已对照数据库内记录的 3 个每日链头：全部仍是当前哈希链的前缀。');
    expect(log.text(plain)).toMatch(/注意：未提供 --anchors/);
  });

  it('a middle entry rewritten and every later hash recomputed: invisible to the chain, named by the heads', async () => {
    const log = await fresh();
    await rewriteEntry(log.database.db, 7, { n: 7, note: '改过' }, { thorough: true });
    const plain = await log.verify();
    // What the chain alone cannot see: it holds again, and the database's own heads after entry 7 are gone.
    expect(plain.code).toBe(0);
    expect(log.text(plain)).toMatch(/^OK：共 18 条/);
    const r = await log.verify('--anchors', log.json);
    expect(r.code).toBe(1);
    expect(log.text(r)).toContain('3 个公布的链头：2 个不符，1 个相符。');
    expect(log.text(r)).toMatch(
      /2026-03-03 公布的链头（共 10 条，[0-9a-f]{12}…）不符：现存第 10 条的哈希是 [0-9a-f]{12}…。第 6 至第 10 条之间有记录被改写，其后的哈希被重新计算过/,
    );
    expect(log.text(r)).toMatch(/2026-03-04 公布的链头（共 15 条，[0-9a-f]{12}…）不符/);
  });

  it('a middle entry rewritten without recomputing: the chain alone names the entry', async () => {
    const log = await fresh();
    await rewriteEntry(log.database.db, 7, { n: 70 }, { thorough: false });
    const r = await log.verify();
    expect(r.code).toBe(1);
    expect(log.text(r)).toMatch(/^哈希链断裂于第 7 条：第 7 条（task.confirmed）的内容与其哈希不符/);
    expect(log.text(r)).toContain('2026-03-03 公布的链头（共 10 条，');
    expect(log.text(r)).toContain('无法核对：哈希链在第 7 条断裂，见上');
  });

  it('the tail cut and audit_head rolled back: the chain holds, the published heads name the missing entries', async () => {
    const log = await fresh();
    await cutTail(log.database.db, 12);
    const plain = await log.verify();
    expect(plain.code).toBe(0);
    expect(log.text(plain)).toMatch(/^OK：共 12 条/);
    const r = await log.verify('--anchors', log.txt);
    expect(r.code).toBe(1);
    expect(log.text(r)).toMatch(/2026-03-04 公布的链头（共 15 条，[0-9a-f]{12}…）不符：日志现在只有 12 条，第 13 至第 15 条被删除（末尾被截断，链头被回退）/);
    expect(log.text(r)).toContain('1 个不符，2 个相符');
  });

  it('a time moved by one microsecond: named by the chain, and by the heads when the hashes were recomputed', async () => {
    const sloppy = await fresh();
    await shiftMicrosecond(sloppy.database.db, 8, { thorough: false });
    const r = await sloppy.verify();
    expect(r.code).toBe(1);
    expect(sloppy.text(r)).toMatch(/^哈希链断裂于第 8 条：第 8 条（task.confirmed）的内容与其哈希不符/);
    const thorough = await fresh();
    await shiftMicrosecond(thorough.database.db, 8, { thorough: true });
    expect((await thorough.verify()).code).toBe(0);
    const anchored = await thorough.verify('--anchors', thorough.json);
    expect(anchored.code).toBe(1);
    expect(thorough.text(anchored)).toMatch(/2026-03-03 公布的链头（共 10 条，[0-9a-f]{12}…）不符：.*第 6 至第 10 条之间有记录被改写/);
  });

  it('a draw record’s head at execution is an anchor too', async () => {
    const log = await fresh();
    const [row] = rowsOf<{ hash: string }>(await log.database.db.execute(sql`select hash from audit_log where id = 7`));
    const record = join(dir, `draw-${kind}.json`);
    writeFileSync(record, JSON.stringify({ format: 'drbot-draw-export/1', drawNo: '偃应急抽〔2026〕1号', auditHead: { entryCount: 7, hash: row!.hash } }));
    expect((await log.verify('--anchors', record)).code).toBe(0);
    await cutTail(log.database.db, 5);
    const r = await log.verify('--anchors', record);
    expect(r.code).toBe(1);
    expect(log.text(r)).toMatch(/抽取 偃应急抽〔2026〕1号 执行时的链头（共 7 条，[0-9a-f]{12}…）不符：日志现在只有 5 条，第 6 至第 7 条被删除/);
  });

  it('reads the heads from a URL (the live page, its .json and .txt, or any copy), and says what is wrong with bad input', async () => {
    const log = await fresh();
    const live = serve({
      fetch: new Hono().route(
        '/public',
        auditHeadsRoutes(() => listDailyHeads(log.database.db)),
      ).fetch,
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise<void>((resolve) => live.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(live.address() as AddressInfo).port}/public`;
    // A copy kept elsewhere, served after the tampering.
    const saved = await (await fetch(`${base}/audit-heads.txt`)).text();
    const copy: Server = createServer((req, res) => {
      if (req.url === '/copy.txt') res.end(saved);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => copy.listen(0, '127.0.0.1', resolve));
    const copyBase = `http://127.0.0.1:${(copy.address() as AddressInfo).port}`;
    try {
      for (const path of ['/audit-heads', '/audit-heads.json', '/audit-heads.txt']) {
        const r = await log.verify('--anchors', `${base}${path}`);
        expect([path, r.code, log.text(r)]).toEqual([path, 0, expect.stringContaining('3 个公布的链头：全部仍是当前哈希链的前缀')]);
      }
      await cutTail(log.database.db, 4);
      const r = await log.verify('--anchors', `${copyBase}/copy.txt`);
      expect(r.code).toBe(1);
      expect(log.text(r)).toContain('3 个不符，0 个相符');
      expect(log.text(r)).toContain('不符：日志现在只有 4 条，第 5 条被删除');

      const missing = await log.verify('--anchors', `${copyBase}/gone.json`);
      expect([missing.code, missing.err[0]]).toEqual([
        1,
        `无法读取“${copyBase}/gone.json”：服务器返回 HTTP 404。请检查地址，应为 …/public/audit-heads.json 或 .txt`,
      ]);
      const noFile = await log.verify('--anchors', join(dir, 'nope.json'));
      expect([noFile.code, noFile.err[0]]).toEqual([1, `无法读取文件“${join(dir, 'nope.json')}”：文件不存在，请检查路径和文件名`]);
      const junk = join(dir, 'junk.txt');
      writeFileSync(junk, 'hello\n');
      const bad = await log.verify('--anchors', junk);
      expect(bad.code).toBe(1);
      expect(bad.err[0]).toMatch(/^“.*junk.txt”中的链头无法读取：没有找到任何链头/);
      expect((await log.verify('--anchors')).code).toBe(2);
      expect((await log.verify('extra')).code).toBe(2);
    } finally {
      live.close();
      copy.close();
    }
  });
});
