/**
 * `npm run bench -- public`: the “一公开” page and its CSV/JSON over 100 000 published results on
 * PostgreSQL, through the real HTTP routes (src/web/public-page.ts): the first page, each filter,
 * searches common and rare, a page deep in the list, the JSON, a filtered CSV and the CSV of
 * everything. Each request is timed as the median of `--runs` after a warm-up, against two
 * baselines of the same run: the floor (the newest 20 results from their index, the least any page
 * reads) and the naive query (the same search as `like '%…%'` over the table, what an unindexed
 * page would do). Prints times and ratios only.
 *
 * Flags: --results 100000  --runs 5
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); the
 * benchmark creates a database of its own and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Hono } from 'hono';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../src/app/ports/clock';
import { openPostgres, rowsOf, type Database } from '../src/db/client';
import { createDrizzleStore } from '../src/db/store';
import { publicRoutes } from '../src/web/public-page';
import { seedPublicRecord } from './support/public-seed';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer`);
  return n;
}

async function median(runs: number, what: () => Promise<unknown>): Promise<number> {
  await what();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await what();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

const ms = (x: number) => `${x.toFixed(1).padStart(8)} ms`;

async function measure(database: Database, o: { results: number; runs: number }): Promise<void> {
  const start = performance.now();
  // Nine in ten tasks of the seed are published.
  const seed = await seedPublicRecord(database.db, Math.ceil((o.results * 10) / 9));
  console.log(`seeded ${seed.published} published results (${seed.tasks} tasks) in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const app = new Hono();
  app.route('/public', publicRoutes({ store: createDrizzleStore(database.db, fixedClock('2026-12-31T02:00:00Z')), clock: fixedClock('2026-12-31T02:00:00Z') }));
  const get = async (path: string) => {
    const res = await app.request(path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.text();
  };
  const raw = (query: string) => database.db.execute(sql.raw(query));

  const floor = await median(o.runs, () =>
    raw(`select id from tasks where status = 'published' order by published_at desc nulls last, id desc nulls last limit 20`),
  );
  const naive = await median(o.runs, () =>
    raw(
      `select t.id from tasks t join findings f on f.task_id = t.id where t.status = 'published' and t.enterprise_name like '%宏达机械1230%' order by t.published_at desc limit 20`,
    ),
  );
  console.log(`\nbaselines (SQL alone):`);
  console.log(`  floor: the newest 20 from their index               ${ms(floor)}`);
  console.log(`  naive: like '%宏达机械1230%' over the table           ${ms(naive)}`);

  const deep = rowsOf<{ at: string; id: number }>(
    await raw(`select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id from tasks
      where status = 'published' order by published_at desc, id desc offset ${Math.floor(seed.published * 0.9)} limit 1`),
  )[0]!;
  const cases: Array<[string, string]> = [
    ['the page, no filter (results, count, choices, draws, items)', '/public'],
    ['the page, industry', '/public?industry=机械'],
    ['the page, township', '/public?township=岳滩镇'],
    ['the page, year 2024', '/public?year=2024'],
    ['the page, a common result', '/public?result=no_problem'],
    ['the page, a rare result (0.1 %)', '/public?result=unreachable'],
    ['the page, search “机械” (one in eight)', '/public?q=机械'],
    ['the page, search “宏达机械1230” (one)', '/public?q=宏达机械1230'],
    ['the page, search “有限公司” (every one)', '/public?q=有限公司'],
    ['the page, a whole USCC', '/public?q=914103810000012345'],
    ['the page, four filters and a search', '/public?industry=机械&township=岳滩镇&year=2026&result=no_problem&q=机械'],
    ['the page 90 % down the list (keyset)', `/public?after=${encodeURIComponent(`${deep.at}~${deep.id}`)}`],
    ['JSON, 100 results of an industry', '/public/results.json?industry=建材&limit=100'],
  ];
  console.log(`\nthrough the HTTP routes (median of ${o.runs} after a warm-up; × the unfiltered page; × the naive query alone):`);
  let page = 0;
  for (const [name, path] of cases) {
    const t = await median(o.runs, () => get(path));
    if (!page) page = t;
    console.log(`  ${name.padEnd(58)} ${ms(t)}  ×${(t / page).toFixed(2)}  ×${(t / naive).toFixed(2)}`);
  }
  const filtered = await median(Math.min(o.runs, 3), () => get('/public/results.csv?industry=机械'));
  const lines = (await get('/public/results.csv?industry=机械')).split('\r\n').length - 2;
  console.log(`  ${`CSV of an industry (${lines} rows, keyset batches of 1000)`.padEnd(58)} ${ms(filtered)}`);
  const all = await median(Math.min(o.runs, 3), () => get('/public/results.csv'));
  console.log(`  ${`CSV of everything (${seed.published} rows)`.padEnd(58)} ${ms(all)}  ${((all / seed.published) * 1000).toFixed(1)} µs a row`);
}

export async function run(args: string[]): Promise<void> {
  const o = { results: flag(args, 'results', 100_000), runs: flag(args, 'runs', 5) };
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  const name = `bench_public_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const [{ version }] = (await admin`select version() as version`) as unknown as [{ version: string }];
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ');
  console.log(`public results benchmark: ${version.split(',')[0]}; load average ${load()}`);
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 5 });
  try {
    await measure(database, o);
    console.log(`\nload average at end: ${load()}`);
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
