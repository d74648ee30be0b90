/**
 * `npm run bench -- reminders`: the 09:00 reminder run on PostgreSQL with 100 000 open tasks —
 * loading them, the pure selection, and the whole job (load + select + claim the reminder keys +
 * queue the digests in short transactions), then a rerun of the same day (queues nothing), then
 * draining the outbox against a fake messenger through the real rate limiter (5/s per
 * recipient, 50/s in all) to show the pace holds with no burst. Prints times and ratios only.
 *
 * Flags: --tasks 100000  --officers 5000  --drain-seconds 10  --chunk 200  --parallel 2
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); the
 * benchmark creates a database of its own and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../src/app/ports/clock';
import { runDailyReminders } from '../src/app/use-cases/send-reminders';
import { openPostgres, rowsOf, type Database } from '../src/db/client';
import { createDrizzleStore } from '../src/db/store';
import type { Store } from '../src/app/ports/store';
import { selectReminders } from '../src/domain/reminders';
import { createWorkdayCalendar } from '../src/domain/workdays';
import { drizzleOutboxQueue } from '../src/db/repos/outbox-queue';
import { createOutboxSender } from '../src/jobs/outbox-sender';
import { silentLogger } from '../src/logger';
import { FakeMessenger } from '../test/jobs/fake-messenger';
import { seedOpenTasks } from './support/reminders-seed';
import { timedRepos, type CallLog } from './support/timed-repos';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY = '2026-03-03'; // a Tuesday
const BUDGET_MS = 5000;

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}

async function timed<T>(what: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await what();
  return [value, performance.now() - start];
}

const ms = (x: number) => `${x.toFixed(0).padStart(6)} ms`;

/** Most sends within any window of `width` ms (two pointers over sorted times). */
function busiest(times: number[], width = 1000): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j]! - t[i]! >= width) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

async function count(db: Database, query: string): Promise<number> {
  return rowsOf<{ n: number }>(await db.db.execute(sql.raw(query)))[0]!.n;
}

async function measure(database: Database, o: { tasks: number; officers: number; drainSeconds: number; chunk: number; parallel: number }): Promise<void> {
  const clock = fixedClock(`${DAY}T01:00:00Z`);
  const store = createDrizzleStore(database.db, clock);
  const [seed, seedMs] = await timed(() => seedOpenTasks(database.db, DAY, o.tasks, o.officers));
  const open = await count(database, 'select count(*)::int as n from tasks');
  console.log(`seeded ${open} open tasks, ${o.officers} officers in ${(seedMs / 1000).toFixed(1)} s`);

  const [tasks, loadMs] = await timed(() => store.transaction((repos) => repos.reminders.openTasks({})));
  const calendar = createWorkdayCalendar();
  const [plan, selectMs] = await timed(async () =>
    selectReminders({ today: DAY, calendar, tasks, leaders: [{ personId: 0, agencyId: seed.agencyId }], admins: [] }),
  );
  const entries = plan.digests.reduce((n, d) => n + d.entries.length, 0);
  console.log(`\nload open tasks with officers (2 queries) ${ms(loadMs)}`);
  console.log(`pure selection                           ${ms(selectMs)}   ${plan.digests.length} digests, ${entries} entries`);

  const log: CallLog = new Map();
  const timedStore: Store = { transaction: (work) => store.transaction((repos) => work(timedRepos(repos, log))) };
  const cpu = process.cpuUsage();
  const [first, runMs] = await timed(() => runDailyReminders(timedStore, DAY, { chunk: o.chunk, parallel: o.parallel }));
  const used = process.cpuUsage(cpu);
  console.log(`daily run: load + select + claim + queue ${ms(runMs)}   ${((runMs / BUDGET_MS) * 100).toFixed(0)} % of the ${BUDGET_MS / 1000} s budget`);
  console.log(`  CPU in this process ${((used.user + used.system) / 1000).toFixed(0)} ms; time in repository calls (parallel chunks add up):`);
  console.log(`  ${[...log].map(([k, v]) => `${k} ${v.ms.toFixed(0)} ms ×${v.calls}`).join(', ')}`);
  console.log(`  queued ${first.queued} digests with ${first.entries} reminder entries, in transactions of ${o.chunk} recipients, ${o.parallel} at a time`);
  const [again, rerunMs] = await timed(() => runDailyReminders(store, DAY, { chunk: o.chunk, parallel: o.parallel }));
  console.log(`rerun of the same day                    ${ms(rerunMs)}   queued ${again.queued} (every key already claimed)`);
  const reminders = await count(database, 'select count(*)::int as n from reminders');
  const outbox = await count(database, "select count(*)::int as n from outbox where status = 'pending'");
  console.log(`  reminders rows ${reminders}, pending outbox rows ${outbox}`);

  const fake = new FakeMessenger(() => Date.now()); // the limiter's own clock
  // The sender as `npm start` builds it: its default limiter (a margin under Feishu's 50/s and 5/s).
  const sender = createOutboxSender({ queue: drizzleOutboxQueue(database.db), messengers: { local: fake }, clock, logger: silentLogger });
  const start = performance.now();
  while (performance.now() - start < o.drainSeconds * 1000 && (await sender.drainOnce()) > 0);
  const elapsed = (performance.now() - start) / 1000;
  const times = fake.sends.map((s) => s.at);
  const perRecipient = new Map<string, number[]>();
  for (const s of fake.sends) perRecipient.set(s.to.id, [...(perRecipient.get(s.to.id) ?? []), s.at]);
  const worstRecipient = Math.max(0, ...[...perRecipient.values()].map((t) => busiest(t)));
  const rate = fake.sends.length / elapsed;
  console.log(`\ndrain for ${elapsed.toFixed(1)} s against a fake messenger that answers at once (Feishu: 50/s per app, 5/s per chat or user)`);
  console.log(`  sent ${fake.sends.length}: ${rate.toFixed(1)}/s on average (${((rate / 50) * 100).toFixed(0)} % of 50/s)`);
  console.log(`  busiest 1-s window: ${busiest(times)} (limit 50); busiest recipient 1-s window: ${worstRecipient} (limit 5)`);
  console.log(`  busiest 100-ms window: ${busiest(times, 100)} — the limiter's one-second sliding window releases a second's quota back to back`);
  const left = await count(database, "select count(*)::int as n from outbox where status = 'pending'");
  console.log(`  still queued: ${left} (≈ ${(left / 50 / 60).toFixed(1)} min more at 50/s)`);
}

export async function run(args: string[]): Promise<void> {
  const o = {
    tasks: flag(args, 'tasks', 100_000),
    officers: flag(args, 'officers', 5000),
    drainSeconds: flag(args, 'drain-seconds', 10),
    chunk: flag(args, 'chunk', 200),
    parallel: flag(args, 'parallel', 2),
  };
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  const name = `bench_reminders_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const [{ version }] = (await admin`select version() as version`) as unknown as [{ version: string }];
  console.log(
    `reminders benchmark, day ${DAY}: ${version.split(',')[0]}; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 5 });
  try {
    await measure(database, o);
    console.log(
      `\nload average at end: ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
