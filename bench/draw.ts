/**
 * `npm run bench -- draw`: the cost of a verifiable draw (双随机) through the app path — the
 * prepareDraw and executeDraw use cases on a real database — against the naive, unverifiable
 * `select … order by random() limit n` on the same table, for pools of 10 000 to 1 000 000
 * enterprises, on PostgreSQL and on PGlite.
 *
 * Flags: --sizes 10000,100000,1000000  --drivers postgres,pglite  --officers 5000
 *        --targets 1000  --group 2  --reps 3  --warmup 1
 *        --timeout 180 (s, per PGlite case)  --max-rss 4096 (MB, per PGlite case)
 * Each case runs in a child process. A PGlite case runs fewer repetitions (down to the warm-up
 * alone, reported as a cold run) to stay within 80 % of --timeout, and is stopped, with a note,
 * beyond --timeout or --max-rss.
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); the
 * benchmark creates a database of its own per case and drops it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import postgres from 'postgres';
import { dropBenchDatabase, type CaseSpec, type Driver } from './support/draw-case';
import { printReport, type CaseRow } from './support/draw-report';
import { runCaseInChild } from './support/spawn-case';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

interface Options {
  sizes: number[];
  drivers: Driver[];
  officers: number;
  targets: number;
  groupSize: number;
  reps: number;
  warmup: number;
  timeoutS: number;
  maxRssMb: number;
}

function parseArgs(args: string[]): Options {
  const flag = (name: string, fallback: string): string => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] !== undefined ? (args[i + 1] as string) : fallback;
  };
  const list = (name: string, fallback: string) =>
    flag(name, fallback)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const int = (name: string, fallback: number): number => {
    const n = Number(flag(name, String(fallback)));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
    return n;
  };
  const drivers = list('drivers', 'postgres,pglite');
  for (const d of drivers) if (d !== 'postgres' && d !== 'pglite') throw new Error(`unknown driver ${d} (postgres, pglite)`);
  const sizes = list('sizes', '10000,100000,1000000').map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s <= 0)) throw new Error('--sizes must be positive integers');
  return {
    sizes,
    drivers: drivers as Driver[],
    officers: int('officers', 5000),
    targets: int('targets', 1000),
    groupSize: int('group', 2),
    reps: Math.max(1, int('reps', 3)),
    warmup: int('warmup', 1),
    timeoutS: int('timeout', 180),
    maxRssMb: int('max-rss', 4096),
  };
}

async function postgresReachable(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await sql`select 1`;
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export async function run(args: string[]): Promise<void> {
  const o = parseArgs(args);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  const la = loadavg();
  console.log(`draw benchmark: ${o.targets} targets in groups of ${o.groupSize}, ${o.officers} officers, median of ${o.reps} (after ${o.warmup} warm-up)`);
  console.log(`load average at start: ${la.map((x) => x.toFixed(2)).join(' ')}`);
  const rows: CaseRow[] = [];
  for (const driver of o.drivers) {
    if (driver === 'postgres') {
      const problem = await postgresReachable(adminUrl);
      if (problem) {
        for (const size of o.sizes) rows.push({ driver, size, note: `skipped: PostgreSQL not reachable (${problem})` });
        continue;
      }
    }
    for (const size of o.sizes) {
      const dbName = `bench_draw_${process.pid}_${randomBytes(3).toString('hex')}`;
      // PostgreSQL keeps its data in the server: only PGlite (in-process) is held to the limits.
      const limits = driver === 'pglite' ? { timeoutMs: o.timeoutS * 1000, maxRssMb: o.maxRssMb } : { timeoutMs: 30 * 60_000, maxRssMb: 16_384 };
      const budgetMs = driver === 'pglite' ? Math.round(limits.timeoutMs * 0.8) : 0;
      const spec: CaseSpec = {
        driver,
        size,
        officers: o.officers,
        targets: o.targets,
        groupSize: o.groupSize,
        reps: o.reps,
        warmup: o.warmup,
        adminUrl,
        dbName,
        budgetMs,
      };
      console.log(`\n${driver}, ${size} enterprises …`);
      const outcome = await runCaseInChild(spec, limits);
      if (driver === 'postgres') await dropBenchDatabase(adminUrl, dbName).catch(() => undefined);
      const note = outcome.note && `${outcome.note} (peak RSS ${outcome.peakRssMb} MB)${outcome.result ? ', after the measurements' : ''}`;
      rows.push({ driver, size, result: outcome.result, peakRssMb: outcome.peakRssMb, note });
      if (note) console.log(`  ${note}`);
    }
  }
  printReport(rows, { targets: o.targets });
  console.log(
    `\nload average at end: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}
