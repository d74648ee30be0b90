import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../src/db/client';
import { appendAudit, verifyAuditChain } from '../../src/db/repos/audit-repo';
import { rejectionText } from '../support/errors';
import { describeEachDb, openTestDatabase } from '../support/test-db';

describeEachDb('audit log', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('chains entries and verifies the chain', async () => {
    const { db } = database;
    for (let i = 0; i < 5; i++) {
      await db.transaction((tx) =>
        appendAudit(tx, {
          agencyId: 1,
          at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
          actor: 'person:1',
          action: 'test.step',
          subject: `draw:${i}`,
          data: { i, nested: { b: 2, a: [1, 'x'] } },
        }),
      );
    }
    const check = await verifyAuditChain(db);
    expect(check).toMatchObject({ ok: true, count: 5 });
  });

  it('refuses UPDATE and DELETE on the log', async () => {
    const { db } = database;
    expect(await rejectionText(db.execute(sql`update audit_log set actor = 'x' where id = 1`))).toMatch(/append-only/);
    expect(await rejectionText(db.execute(sql`delete from audit_log where id = 2`))).toMatch(/append-only/);
    const rows = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from audit_log`));
    expect(rows[0]?.n).toBe(5);
  });

  it('names the first broken link when an entry was edited behind the trigger', async () => {
    const { db } = database;
    await db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await db.execute(sql`update audit_log set data = '{"i": 99}'::jsonb where id = 3`);
    await db.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
    const check = await verifyAuditChain(db);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.brokenAt).toBe(3);
      expect(check.reason).toMatch(/^第 3 条（test.step）的内容与其哈希不符.*该条被改动过$/);
    }
  });

  it('names an entry that was deleted behind the trigger', async () => {
    const fresh = await openTestDatabase(kind);
    try {
      for (let i = 0; i < 3; i++)
        await fresh.db.transaction((tx) =>
          appendAudit(tx, { agencyId: null, at: new Date(), actor: 'system', action: 'test.step', subject: `n:${i}`, data: { i } }),
        );
      await fresh.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      await fresh.db.execute(sql`delete from audit_log where id = 2`);
      const check = await verifyAuditChain(fresh.db);
      expect(check).toEqual({ ok: false, brokenAt: 2, reason: '缺少第 2 条（下一条是第 3 条）：有记录被删除' });
    } finally {
      await fresh.close();
    }
  });

  it('keeps the chain linear under concurrent appends', async () => {
    const fresh = await openTestDatabase(kind);
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          fresh.db.transaction((tx) =>
            appendAudit(tx, { agencyId: null, at: new Date(), actor: 'system', action: 'test.concurrent', subject: `n:${i}`, data: {} }),
          ),
        ),
      );
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true, count: 20 });
    } finally {
      await fresh.close();
    }
  });

  it('names an entry whose stored time was moved by one microsecond behind the trigger', async () => {
    const fresh = await openTestDatabase(kind);
    try {
      for (let i = 0; i < 3; i++)
        await fresh.db.transaction((tx) =>
          appendAudit(tx, {
            agencyId: null,
            at: new Date(Date.UTC(2026, 2, 2, 1, 30, i, 7)),
            actor: 'system',
            action: 'test.step',
            subject: `n:${i}`,
            data: { i },
          }),
        );
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true, count: 3 });
      await fresh.db.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
      await fresh.db.execute(sql`update audit_log set at = at + interval '1 microsecond' where id = 2`);
      const check = await verifyAuditChain(fresh.db);
      expect(check).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringMatching(/^第 2 条（test.step）的内容与其哈希不符.*该条被改动过$/) });
    } finally {
      await fresh.close();
    }
  });

  it('guards the head and the daily heads: forward only, one entry at a time, only heads of the chain', async () => {
    const fresh = await openTestDatabase(kind);
    try {
      const appended = [];
      for (let i = 0; i < 3; i++)
        appended.push(
          await fresh.db.transaction((tx) =>
            appendAudit(tx, { agencyId: null, at: new Date(), actor: 'system', action: 'test.step', subject: `n:${i}`, data: { i } }),
          ),
        );
      const run = (q: ReturnType<typeof sql>) => rejectionText(fresh.db.execute(q));
      // An entry that does not follow the head.
      expect(
        await run(
          sql`insert into audit_log (id, at, actor, action, subject, data, prev_hash, hash) values (9, now(), 'x', 'x', 'x', '{}', ${appended[2]!.hash}, 'f')`,
        ),
      ).toMatch(/does not follow the chain head/);
      // The head moved backwards, sideways, or deleted.
      expect(await run(sql`update audit_head set last_id = 2, last_hash = ${appended[1]!.hash}`)).toMatch(/one entry forward at a time/);
      expect(await run(sql`update audit_head set last_hash = 'f'`)).toMatch(/one entry forward at a time/);
      expect(await run(sql`delete from audit_head`)).toMatch(/DELETE refused/);
      expect(await run(sql`truncate audit_head`)).toMatch(/TRUNCATE refused/);
      // Daily heads: only a head of the chain, never changed.
      expect(await run(sql`insert into audit_daily_heads (day, entry_count, hash, recorded_at) values ('2026-03-01', 2, ${appended[2]!.hash}, now())`)).toMatch(
        /is not a head of the chain/,
      );
      await fresh.db.execute(sql`insert into audit_daily_heads (day, entry_count, hash, recorded_at) values ('2026-03-01', 2, ${appended[1]!.hash}, now())`);
      expect(await run(sql`update audit_daily_heads set entry_count = 3`)).toMatch(/append-only: UPDATE refused/);
      expect(await run(sql`delete from audit_daily_heads`)).toMatch(/append-only: DELETE refused/);
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: true, count: 3 });
    } finally {
      await fresh.close();
    }
  });
});
