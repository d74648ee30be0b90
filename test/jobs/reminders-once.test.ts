import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Store } from '../../src/app/ports/store';
import { runDailyReminders } from '../../src/app/use-cases/send-reminders';
import { openPostgres, rowsOf, type Database } from '../../src/db/client';
import { createDrizzleStore } from '../../src/db/store';
import { jobRunRepo } from '../../src/db/repos/job-run-repo';
import { outboxDeliveryRepo } from '../../src/db/repos/outbox-delivery-repo';
import { retentionRepo } from '../../src/db/repos/retention-repo';
import { claimSlot } from '../../src/jobs/job-runs';
import { createOutboxSender } from '../../src/jobs/outbox-sender';
import { RateLimiter } from '../../src/jobs/rate-limiter';
import { JOBS, type JobContext } from '../../src/jobs/schedule';
import { createNodeScheduler } from '../../src/jobs/scheduler.node.ts';
import { silentLogger } from '../../src/logger';
import { databaseKinds } from '../support/test-db';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { FakeMessenger } from './fake-messenger';

/**
 * The 09:00 reminders reach each person once per day whatever happens: two schedulers at once,
 * two runs bypassing the slot claim, a crash after the commit and before the send, a crash in
 * the middle of the run. After the draw of 2026-03-02 (3 tasks, 6 officers who have not
 * confirmed), each working day brings 6 officer digests and 1 leader digest.
 */
const EXPECTED = 7; // 6 officers + the leader

for (const kind of databaseKinds()) {
  describe(`daily reminders are sent exactly once [${kind}]`, () => {
    let t: TestRuntime;
    let other: Database;
    let fake: FakeMessenger;

    const context = (db: Database): JobContext => ({
      store: createDrizzleStore(db.db, t.clock),
      retention: retentionRepo(db.db),
      clock: t.clock,
      logger: silentLogger,
      wakeOutbox: () => {},
    });
    const drain = async () => {
      // A fresh sender, as after a restart; no pacing waits in tests.
      const sender = createOutboxSender({
        outbox: outboxDeliveryRepo(t.database.db),
        messengers: { local: fake },
        clock: t.clock,
        logger: silentLogger,
        limiter: new RateLimiter(1000, 1000),
      });
      await sender.drain();
    };
    const once = (day: string) => {
      const recipients = fake.digestRecipients(day);
      expect(recipients).toHaveLength(EXPECTED);
      expect(new Set(recipients).size).toBe(EXPECTED);
    };

    beforeAll(async () => {
      t = await startTestRuntime({ kind });
      await t.chat.say('leader', '/draw 机械 建材 3家 每组2人 3月2日-3月31日');
      await t.chat.click('leader', t.chat.lastCard(t.chat.group(), 'draw:').id, 'draw.execute', { drawId: '1' });
      await t.runtime.outbox.drain();
      // A second connection pool on PostgreSQL: two "servers" on one database.
      other = kind === 'postgres' ? await openPostgres(t.database.location, { max: 3 }) : t.database;
      fake = new FakeMessenger();
    });
    afterAll(async () => {
      if (other && other !== t.database) await other.close();
      await t?.close();
    });

    it('two schedulers firing 09:00 at once: one runs the slot, each person gets one digest', async () => {
      t.clock.set('2026-03-03T01:00:00Z');
      const outcomes = await Promise.all([
        createNodeScheduler({ jobs: JOBS, runs: jobRunRepo(t.database.db), context: context(t.database) }).catchUp(),
        createNodeScheduler({ jobs: JOBS, runs: jobRunRepo(other.db), context: context(other) }).catchUp(),
      ]);
      expect(
        outcomes
          .flat()
          .filter((o) => o.job === 'daily-reminders')
          .map((o) => o.outcome)
          .sort(),
      ).toEqual(['ran', 'taken']);
      await drain();
      once('2026-03-03');
    });

    it('two runs bypassing the slot claim still queue each reminder once', async () => {
      t.clock.set('2026-03-04T01:00:00Z');
      const [a, b] = await Promise.all([
        runDailyReminders(context(t.database).store, '2026-03-04', { chunk: 2 }),
        runDailyReminders(context(other).store, '2026-03-04', { chunk: 3 }),
      ]);
      expect(a.queued + b.queued).toBe(EXPECTED);
      await drain();
      once('2026-03-04');
    });

    it('a crash after the commit and before the send, then a restart: sent exactly once', async () => {
      const slot = new Date('2026-03-05T01:00:00Z');
      t.clock.set(slot);
      await claimSlot(jobRunRepo(t.database.db), 'daily-reminders', slot, slot, 15 * 60_000);
      expect((await runDailyReminders(context(t.database).store, '2026-03-05')).queued).toBe(EXPECTED);
      // … the process dies here: the slot is never finished, nothing was sent.
      t.clock.set('2026-03-05T02:00:00Z'); // restarted at 10:00
      const [caught] = await createNodeScheduler({ jobs: JOBS, runs: jobRunRepo(t.database.db), context: context(t.database) }).catchUp();
      expect(caught).toMatchObject({ outcome: 'ran' });
      const rows = rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from outbox where idempotency_key like 'rem:2026-03-05:%'`));
      expect(rows[0]!.n).toBe(EXPECTED);
      await drain();
      await drain();
      once('2026-03-05');
    });

    it('a crash in the middle of the run: the rerun sends the rest, nothing twice', async () => {
      t.clock.set('2026-03-06T01:00:00Z');
      const base = context(t.database).store;
      let calls = 0;
      const crashing: Store = { transaction: (work) => (++calls === 3 ? Promise.reject(new Error('process killed')) : base.transaction(work)) };
      await expect(runDailyReminders(crashing, '2026-03-06', { chunk: 2 })).rejects.toThrow('process killed');
      await drain();
      const early = fake.digestRecipients('2026-03-06').length;
      expect(early).toBe(2); // the first chunk committed and went out
      const rerun = await runDailyReminders(base, '2026-03-06', { chunk: 2 });
      expect(rerun.queued).toBe(EXPECTED - early);
      await drain();
      once('2026-03-06');
    });

    it('sends nothing on a Saturday that is not a 调休 working day', async () => {
      t.clock.set('2026-03-07T01:00:00Z');
      expect(await runDailyReminders(context(t.database).store, '2026-03-07')).toMatchObject({ isWorkday: false, queued: 0 });
    });
  });
}
