/**
 * One case of the draw benchmark (one driver, one pool size), run in a child process of its own
 * so that a case that runs out of time or memory can be stopped without losing the others.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { openPglite, openPostgres, type Database } from '../../src/db/client';
import { domainAlone, drawOnce, frozenCodec, naiveOnce, type Breakdown } from './draw-rep';
import { resetDraws, seedDirectory } from './draw-seed';

export type Driver = 'postgres' | 'pglite';

export interface CaseSpec {
  driver: Driver;
  size: number;
  officers: number;
  targets: number;
  groupSize: number;
  reps: number;
  warmup: number;
  /** PostgreSQL server URL (any database) used to create and drop `dbName`. */
  adminUrl: string;
  dbName: string;
}

export interface CaseResult {
  spec: CaseSpec;
  loadMs: number;
  reps: Breakdown[];
  median: Breakdown;
  naive: number[];
  naiveMedian: number;
  calls: Record<string, [number, number]>;
  codec: ReturnType<typeof frozenCodec>;
  /** Stored size of the gzipped frozen draw. */
  frozenBytes: number;
  /** The domain's prepareDraw and executeDraw alone on the same inputs (one run). */
  domain: ReturnType<typeof domainAlone>;
  loadavg: { start: number; end: number };
  rssMb: number;
}

const log = (spec: CaseSpec, text: string) => process.stderr.write(`  [${spec.driver} ${spec.size}] ${text}\n`);

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function medianBreakdown(reps: Breakdown[]): Breakdown {
  const keys = Object.keys(reps[0] as Breakdown) as Array<keyof Breakdown>;
  return Object.fromEntries(keys.map((k) => [k, median(reps.map((r) => r[k]))])) as unknown as Breakdown;
}

export function databaseUrl(adminUrl: string, dbName: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
}

export async function dropBenchDatabase(adminUrl: string, dbName: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function open(spec: CaseSpec): Promise<Database> {
  if (spec.driver === 'pglite') return openPglite('memory://');
  const admin = postgres(spec.adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${spec.dbName}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return openPostgres(databaseUrl(spec.adminUrl, spec.dbName), { max: 2 });
}

export async function runCase(spec: CaseSpec): Promise<CaseResult> {
  const startLoad = loadavg()[0] as number;
  const database = await open(spec);
  try {
    const { db } = database;
    const t0 = performance.now();
    const seeded = await seedDirectory(db, spec.size, spec.officers);
    const loadMs = performance.now() - t0;
    log(spec, `loaded ${spec.size} enterprises and ${spec.officers} officers in ${(loadMs / 1000).toFixed(1)} s`);

    const reps: Breakdown[] = [];
    let last: Awaited<ReturnType<typeof drawOnce>> | undefined;
    for (let i = 0; i < spec.warmup + spec.reps; i++) {
      last = await drawOnce(db, seeded, spec.targets, spec.groupSize);
      await resetDraws(db, seeded.agencyId);
      const warm = i < spec.warmup;
      if (!warm) reps.push(last.breakdown);
      log(spec, `${warm ? 'warm-up' : `rep ${i - spec.warmup + 1}`}: prepare+execute ${last.breakdown.total.toFixed(0)} ms`);
    }
    const naive: number[] = [];
    for (let i = 0; i < spec.warmup + spec.reps; i++) {
      const ms = await naiveOnce(db, seeded.agencyId, spec.targets);
      if (i >= spec.warmup) naive.push(ms);
    }
    log(spec, `naive order by random(): ${naive.map((n) => n.toFixed(0)).join(', ')} ms`);
    if (!last) throw new Error('no repetition ran');
    const codec = frozenCodec(last.frozen);
    const domain = domainAlone(last.inputs, last.frozen);
    return {
      spec,
      loadMs,
      reps,
      median: medianBreakdown(reps),
      naive,
      naiveMedian: median(naive),
      calls: last.calls,
      codec,
      frozenBytes: last.frozenBytes,
      domain,
      loadavg: { start: startLoad, end: loadavg()[0] as number },
      rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
    };
  } finally {
    await database.close();
    if (spec.driver === 'postgres') await dropBenchDatabase(spec.adminUrl, spec.dbName);
  }
}
