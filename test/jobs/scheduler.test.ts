import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/ports/clock';
import type { Database } from '../../src/db/client';
import { createDrizzleStore } from '../../src/db/store';
import { jobRunRepo } from '../../src/db/repos/job-run-repo';
import { retentionRepo } from '../../src/db/repos/retention-repo';
import { claimSlot, slotRun } from '../../src/jobs/job-runs';
import { jobsForCron, JOBS, type JobContext, type ScheduledJob } from '../../src/jobs/schedule';
import { createNodeScheduler, latestSlot } from '../../src/jobs/scheduler.node.ts';
import { silentLogger } from '../../src/logger';
import { describeEachDb, openTestDatabase } from '../support/test-db';

// wrangler.toml's Cron Triggers are checked against this table in test/worker/crons.test.ts.
it('the schedule is one table: 09:00 Asia/Shanghai is 01:00 UTC', () => {
  expect(JOBS.map((j) => [j.name, j.cronUtc])).toEqual([
    ['daily-reminders', '0 1 * * *'],
    ['audit-heads', '0 1 * * *'],
    ['prune', '30 19 * * *'],
  ]);
  expect(jobsForCron('0 1 * * *').map((j) => j.name)).toEqual(['daily-reminders', 'audit-heads']);
});

it('latestSlot finds the last matching minute within a day', () => {
  expect(latestSlot('0 1 * * *', new Date('2026-03-03T07:00:00Z'))?.toISOString()).toBe('2026-03-03T01:00:00.000Z');
  expect(latestSlot('0 1 * * *', new Date('2026-03-03T01:00:59Z'))?.toISOString()).toBe('2026-03-03T01:00:00.000Z');
  expect(latestSlot('0 1 * * *', new Date('2026-03-03T00:30:00Z'))?.toISOString()).toBe('2026-03-02T01:00:00.000Z');
  expect(latestSlot('0 1 * * 1-5', new Date('2026-03-08T07:00:00Z'))).toBeUndefined(); // Sunday
});

describeEachDb('scheduler claims each slot once', (kind) => {
  let database: Database;
  const clock = fixedClock('2026-03-03T07:00:00Z');
  const runs: string[] = [];
  let fail = false;
  const job: ScheduledJob = {
    name: 'probe',
    cronUtc: '0 1 * * *',
    catchUp: true,
    run: async (_ctx, slot) => {
      runs.push(slot.toISOString());
      if (fail) throw new Error('boom');
      return { ok: 1 };
    },
  };
  const scheduler = (db: Database) => {
    const context: JobContext = { store: createDrizzleStore(db.db, clock), retention: retentionRepo(db.db), clock, logger: silentLogger, wakeOutbox: () => {} };
    return createNodeScheduler({ jobs: [job], runs: jobRunRepo(db.db), context });
  };

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('catches up the slot missed earlier today, once; not yesterday’s', async () => {
    clock.set('2026-03-03T00:30:00Z'); // 08:30 in Shanghai: today's 09:00 has not come yet
    expect(await scheduler(database).catchUp()).toEqual([]);
    clock.set('2026-03-03T07:00:00Z'); // 15:00: the server was down at 09:00
    expect(await scheduler(database).catchUp()).toEqual([{ job: 'probe', slot: '2026-03-03T01:00Z', outcome: 'ran' }]);
    expect(await scheduler(database).catchUp()).toEqual([{ job: 'probe', slot: '2026-03-03T01:00Z', outcome: 'taken' }]);
    expect(runs).toEqual(['2026-03-03T01:00:00.000Z']);
    expect(await slotRun(jobRunRepo(database.db), 'probe', new Date('2026-03-03T01:00:00Z'))).toMatchObject({ ok: true, detail: { ok: 1 } });
  });

  it('two schedulers firing the same slot at once run it once', async () => {
    runs.length = 0;
    const second = kind === 'postgres' ? await (await import('../../src/db/client')).openPostgres(database.location, { max: 2 }) : database;
    const slot = new Date('2026-03-04T01:00:00Z');
    const outcomes = await Promise.all([scheduler(database).runSlot(job, slot), scheduler(second).runSlot(job, slot)]);
    expect(outcomes.sort()).toEqual(['ran', 'taken']);
    expect(runs).toHaveLength(1);
    if (second !== database) await second.close();
  });

  it('re-runs a failed slot and a stale unfinished one, not a running one', async () => {
    runs.length = 0;
    fail = true;
    const slot = new Date('2026-03-05T01:00:00Z');
    clock.set('2026-03-05T01:00:00Z');
    expect(await scheduler(database).runSlot(job, slot)).toBe('failed');
    fail = false;
    expect(await scheduler(database).runSlot(job, slot)).toBe('ran');
    expect(runs).toHaveLength(2);

    const dead = new Date('2026-03-06T01:00:00Z');
    expect(await claimSlot(jobRunRepo(database.db), 'probe', dead, dead, 15 * 60_000)).toBeTypeOf('number'); // claimed, then the process died
    clock.set('2026-03-06T01:05:00Z');
    expect(await scheduler(database).runSlot(job, dead)).toBe('taken');
    clock.set('2026-03-06T01:20:00Z');
    expect(await scheduler(database).runSlot(job, dead)).toBe('ran');
  });

  it('start() registers every job with node-cron in UTC and stop() removes it', async () => {
    const s = scheduler(database);
    s.start();
    const next = s.nextRuns()[0]!.at!;
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([1, 0]);
    await s.stop();
    expect(s.nextRuns()).toEqual([]);
  });
});
