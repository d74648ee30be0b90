/**
 * `npm run bench -- outbox-claim`: the cost of the outbox sender's claim with many messages
 * pending in one chat (every reply of a busy group goes to the same recipient), on PostgreSQL
 * and PGlite. Fills the outbox with N pending rows in one chat (plus a few other chats), runs
 * ANALYZE, then times the claim of the chat's head and prints the plan's totals from
 * `EXPLAIN (ANALYZE, BUFFERS)` of the same statement, rolled back so the rows stay pending.
 *
 * With --spread, the rows are one each for as many chats instead (every sender of a burst answered
 * in his own direct chat).
 *
 * Flags: --rows 250,1000,2000,4000  --repeat 5  --spread
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); the
 * benchmark creates a database of its own and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, rowsOf, type Database } from '../src/db/client';
import { outboxDeliveryRepo } from '../src/db/repos/outbox-delivery-repo';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function listFlag(args: string[], name: string, fallback: number[]): number[] {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  return String(args[i + 1])
    .split(',')
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} takes positive integers`);
      return n;
    });
}

async function fill(database: Database, rows: number, spread: boolean): Promise<void> {
  await database.db.execute(sql`delete from outbox`);
  const recipient = spread ? sql`'oc_chat_' || g` : sql`case when g % 50 = 0 then 'oc_other_' || (g % 7) else 'oc_busy' end`;
  await database.db.execute(sql`insert into outbox (platform, recipient_kind, recipient_id, message, idempotency_key, next_attempt_at)
    select 'feishu', 'chat', ${recipient}, '{"type":"text","text":"x"}'::jsonb, 'bench:' || g, now() - interval '1 minute'
    from generate_series(1, ${rows}) g`);
  await database.db.execute(sql`analyze outbox`);
}

async function measure(database: Database, rows: number, repeat: number, spread: boolean): Promise<string> {
  await fill(database, rows, spread);
  const repo = outboxDeliveryRepo(database.db);
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const now = new Date();
    const t0 = performance.now();
    const claimed = await repo.claimDue(now, new Date(now.getTime() + 60_000), 20, 'bench');
    times.push(performance.now() - t0);
    if (spread ? claimed.length !== 20 : !claimed.some((c) => c.to.id === 'oc_busy')) throw new Error('the heads were not claimed');
    // Put the claimed rows back, so every repetition claims the same heads.
    await database.db.execute(sql`update outbox set status = 'pending', locked_until = null, attempts = 0 where status = 'sending'`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const plan = await explain(database);
  return `${database.driver.padEnd(8)} ${spread ? 'chats' : 'rows'}=${String(rows).padStart(5)}  claim median ${median.toFixed(1).padStart(7)} ms (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)})  ${plan}`;
}

/** Runs the claim under EXPLAIN ANALYZE inside a rolled-back transaction; returns execution time and rows removed by filters. */
async function explain(database: Database): Promise<string> {
  let summary = '';
  const rollback = new Error('rollback');
  await database.db
    .transaction(async (tx) => {
      const captured: string[] = [];
      const repo = outboxDeliveryRepo({
        ...tx,
        execute: async (query: Parameters<typeof tx.execute>[0]) => {
          const result = await tx.execute(sql`explain (analyze, format text) ${query}`);
          for (const r of rowsOf<Record<string, string>>(result)) captured.push(Object.values(r)[0] ?? '');
          return [] as never;
        },
      } as unknown as typeof tx);
      const now = new Date();
      await repo.claimDue(now, new Date(now.getTime() + 60_000), 20, 'bench');
      const removed = captured.reduce((n, line) => n + Number(/Rows Removed by (?:Filter|Join Filter): (\d+)/.exec(line)?.[1] ?? 0), 0);
      const exec = captured.find((l) => l.startsWith('Execution Time'))?.trim() ?? '?';
      summary = `EXPLAIN: ${exec}, rows removed by filters ${removed}`;
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return summary;
}

export async function run(args: string[]): Promise<void> {
  const sizes = listFlag(args, 'rows', [250, 1000, 2000, 4000]);
  const repeat = listFlag(args, 'repeat', [5])[0]!;
  const spread = args.includes('--spread');
  const base = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  const name = `bench_claim_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    const pg = await openPostgres(url.toString(), { max: 2 });
    for (const n of sizes) console.log(await measure(pg, n, repeat, spread));
    await pg.close();
    const lite = await openPglite('memory://');
    for (const n of sizes) console.log(await measure(lite, n, repeat, spread));
    await lite.close();
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
