/**
 * One case of the draw benchmark (one driver, one pool size), run in a child process of its own
 * so that a case that runs out of time or memory can be stopped without losing the others.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { openPglite, openPostgres, type Database } from '../../src/db/client';
import { drawOnce, floorOnce, naiveOnce, type Breakdown } from './draw-rep';
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
  /** Milliseconds the case may take (0: no limit); fewer repetitions are run to stay within it. */
  budgetMs: number;
}

export interface CaseResult {
  spec: CaseSpec;
  loadMs: number;
  reps: Breakdown[];
  /** Set when fewer repetitions than asked were run. */
  note?: string;
  median: Breakdown;
  naive: number[];
  naiveMedian: number;
  calls: Record<string, [number, number]>;
  /** Stored size of the frozen lot. */
  lotBytes: number;
  /** Serializing and hashing the lot in SQL alone (see floorOnce), same repetitions. */
  floor: number[];
  floorMedian: number;
  loadavg: { start: number; end: number };
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

/** Time left in the case's budget (`Infinity` without one). */
function budgetClock(budgetMs: number): () => number {
  const started = performance.now();
  return () => (budgetMs > 0 ? budgetMs - (performance.now() - started) : Number.POSITIVE_INFINITY);
}

/**
 * Repetitions of the draw: `warmup` first (not counted), then `reps`. With a budget, stops after
 * the first measured repetition that leaves no time for another; when even the warm-up leaves
 * none, the warm-up is the (cold) measurement.
 */
async function repeat(spec: CaseSpec, db: Database['db'], seeded: Awaited<ReturnType<typeof seedDirectory>>, left: () => number) {
  const reps: Breakdown[] = [];
  let last: Awaited<ReturnType<typeof drawOnce>> | undefined;
  let note: string | undefined;
  const reserve = spec.budgetMs * 0.15;
  for (let i = 0; i < spec.warmup + spec.reps; i++) {
    last = await drawOnce(db, seeded, spec.targets, spec.groupSize);
    await resetDraws(db, seeded.agencyId);
    const warm = i < spec.warmup;
    const another = left() > last.breakdown.total * 1.3 + reserve;
    log(spec, `${warm ? 'warm-up' : `rep ${reps.length + 1}`}: prepare+execute ${last.breakdown.total.toFixed(0)} ms`);
    if (!warm || !another) reps.push(last.breakdown);
    if (warm && !another) note = 'cold run only (time budget)';
    else if (!another && reps.length < spec.reps) note = `${reps.length} of ${spec.reps} repetitions (time budget)`;
    if (!another) break;
  }
  if (!last) throw new Error('no repetition ran');
  return { reps, last, note };
}

/** Runs the case; `emit` gets the result once measured, and again with the diagnostics. */
export async function runCase(spec: CaseSpec, emit: (result: CaseResult) => void): Promise<void> {
  const startLoad = loadavg()[0] as number;
  const left = budgetClock(spec.budgetMs);
  const database = await open(spec);
  try {
    const { db } = database;
    const t0 = performance.now();
    const seeded = await seedDirectory(db, spec.size, spec.officers);
    const loadMs = performance.now() - t0;
    log(spec, `loaded ${spec.size} enterprises and ${spec.officers} officers in ${(loadMs / 1000).toFixed(1)} s`);
    const { reps, last, note } = await repeat(spec, db, seeded, left);
    const naive: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < spec.warmup + reps.length; i++) {
      const ms = await naiveOnce(db, seeded.agencyId, spec.targets);
      const f = await floorOnce(db, seeded.agencyId);
      if (i >= spec.warmup) naive.push(ms);
      if (i >= spec.warmup) floor.push(f);
    }
    log(
      spec,
      `naive order by random(): ${naive.map((n) => n.toFixed(0)).join(', ')} ms; serialize + hash the lot alone: ${floor.map((n) => n.toFixed(0)).join(', ')} ms`,
    );
    const result: CaseResult = {
      spec,
      loadMs,
      reps,
      note,
      median: medianBreakdown(reps),
      naive,
      naiveMedian: median(naive),
      calls: last.calls,
      lotBytes: last.lotBytes,
      floor,
      floorMedian: median(floor),
      loadavg: { start: startLoad, end: loadavg()[0] as number },
    };
    emit(result);
  } finally {
    await database.close();
    if (spec.driver === 'postgres') await dropBenchDatabase(spec.adminUrl, spec.dbName);
  }
}
