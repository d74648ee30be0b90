import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../../src/app/ports/clock';
import { rowsOf, type Database } from '../../src/db/client';
import { createDrizzleStore } from '../../src/db/store';
import { retentionRepo } from '../../src/db/repos/retention-repo';
import { pruneJob } from '../../src/jobs/prune-job';
import { silentLogger } from '../../src/logger';
import { describeEachDb, openTestDatabase } from '../support/test-db';

describeEachDb('prune job', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('drops dedupe keys only once they are older than the retention, and keeps the audit log', async () => {
    const { db } = database;
    await db.execute(
      sql`insert into inbound_events (key, platform, received_at) values ('old', 'feishu', '2026-01-01T00:00:00Z'), ('recent', 'feishu', '2026-03-01T00:00:00Z')`,
    );
    await db.execute(
      sql`insert into card_controls (platform, message_id, controls, updated_at) values ('feishu', 'om_old', '{"buttons":[],"forms":[]}', '2025-01-01T00:00:00Z'), ('feishu', 'om_recent', '{"buttons":[],"forms":[]}', '2026-01-01T00:00:00Z')`,
    );
    const clock = fixedClock('2026-03-02T19:30:00Z');
    const ctx = { store: createDrizzleStore(db, clock), retention: retentionRepo(db), clock, logger: silentLogger, wakeOutbox: () => {} };
    const agency = rowsOf<{ id: number }>(await db.execute(sql`insert into agencies (name, short_name) values ('局', '局') returning id`))[0]!.id;
    const person = rowsOf<{ id: number }>(
      await db.execute(sql`insert into people (agency_id, name, role) values (${agency}, '管理员', 'admin') returning id`),
    )[0]!.id;
    const pending = (expires: string, status = 'pending') =>
      sql`insert into pending_imports (agency_id, key, register, file_name, rows, preview, baseline, status, created_by, expires_at)
        values (${agency}, 'k', 'enterprises', 'a.csv', '[{"uscc":"x"}]', '{}', 'b', ${status}, ${person}, ${expires}::timestamptz)`;
    await db.execute(pending('2026-02-01T00:00:00Z'));
    await db.execute(pending('2026-03-01T00:00:00Z'));
    expect(await pruneJob(ctx, clock.now())).toEqual({ inbound: 1, reminders: 0, outbox: 0, cardControls: 1, importRows: 1 });
    const rows = rowsOf<{ n: number }>(await db.execute(sql`select jsonb_array_length(rows)::int as n from pending_imports order by id`)).map((r) => r.n);
    expect(rows).toEqual([0, 1]);
    const keys = rowsOf<{ key: string }>(await db.execute(sql`select key from inbound_events order by key`)).map((r) => r.key);
    expect(keys).toEqual(['recent']);
  });
});
