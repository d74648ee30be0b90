/**
 * One repetition of the app path of a draw: the `prepareDraw` use case in one transaction (the
 * leader's command in the group chat), then the `executeDraw` use case in another (his click on
 * 确认抽取), exactly as the bot runs them, with every repository call timed.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../../src/app/ports/clock';
import type { Repos } from '../../src/app/ports/store';
import type { UseCaseContext } from '../../src/app/use-case';
import { executeDraw } from '../../src/app/use-cases/execute-draw';
import { prepareDraw } from '../../src/app/use-cases/prepare-draw';
import { rowsOf, type Db } from '../../src/db/client';
import { createDrizzleStore } from '../../src/db/store';
import { BENCH_CHAT, type Seeded } from './draw-seed';
import { gap, spent, timedRepos, type CallLog } from './timed-repos';
import { spreadsheetWriter } from '../../src/export/workbook';

/**
 * Milliseconds per step of one repetition; `total` = prepare transaction + execute transaction
 * (wall clock), `cpu` = CPU time of this Node process over both (less sensitive to a loaded
 * machine; the database server's CPU is not in it).
 */
export interface Breakdown {
  total: number;
  cpu: number;
  prepareTx: number;
  roster: number;
  slice: number;
  freezeLot: number;
  prepareRest: number;
  executeTx: number;
  loadFrozen: number;
  pureExecute: number;
  insertTasks: number;
  cardsAndMessages: number;
  executeRest: number;
}

export interface RepResult {
  breakdown: Breakdown;
  /** Repository calls of this repetition: name → [ms, calls]. */
  calls: Record<string, [number, number]>;
  /** Stored size of the frozen lot (after the column's compression). */
  lotBytes: number;
}

const CLOCK = fixedClock('2026-03-02T02:00:00Z');
const ENV = {
  clock: CLOCK,
  random: { bytes: (n: number) => new Uint8Array(randomBytes(n)) },
  drawKey: new Uint8Array(randomBytes(32)),
  spreadsheets: spreadsheetWriter,
};

function callsOf(...logs: CallLog[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const log of logs) for (const [k, v] of log) out[k] = [(out[k]?.[0] ?? 0) + v.ms, (out[k]?.[1] ?? 0) + v.calls];
  return out;
}

/** Prepares and executes one draw of `targets` enterprises in groups of `groupSize`. */
export async function drawOnce(db: Db, seeded: Seeded, targets: number, groupSize: number): Promise<RepResult> {
  const store = createDrizzleStore(db, CLOCK);
  const ctxOf = (repos: Repos): UseCaseContext => ({ repos, env: ENV, actor: seeded.leader, origin: { ...BENCH_CHAT, kind: 'group' } });
  const prep: CallLog = new Map();

  const cpu0 = process.cpuUsage();
  const p0 = performance.now();
  await store.transaction((repos) => prepareDraw(ctxOf(timedRepos(repos, prep)), { filters: {}, quotas: { total: targets }, groupSize }));
  const prepareTx = performance.now() - p0;

  const [draw] = await store.transaction((repos) => repos.draws.recent(seeded.agencyId, 1));
  if (draw?.status !== 'prepared') throw new Error('the prepared draw was not found');

  const exec: CallLog = new Map();
  let callbackEnd = 0;
  const e0 = performance.now();
  const result = await store.transaction(async (repos) => {
    const r = await executeDraw(ctxOf(timedRepos(repos, exec)), { drawId: draw.id });
    callbackEnd = performance.now();
    return r;
  });
  const executeTx = performance.now() - e0;
  const cpu = process.cpuUsage(cpu0);
  if (result.toast?.kind !== 'success') throw new Error(`draw not executed: ${result.toast?.text ?? 'no toast'}`);
  const [row] = rowsOf<{ n: number; bytes: number }>(
    await db.execute(sql`select (select count(*)::int from tasks where draw_id = ${draw.id}) as n,
      (select pg_column_size(l.body) from draws d join draw_lots l on l.id = d.lot_id where d.id = ${draw.id}) as bytes`),
  );
  if (row?.n !== targets) throw new Error(`expected ${targets} tasks, found ${row?.n}`);

  const roster = spent(prep, 'directory.drawRoster');
  const slice = spent(prep, 'directory.drawSlice');
  const freezeLot = spent(prep, 'draws.freezeLot');
  const loadFrozen = spent(exec, 'draws.frozen');
  const pureExecute = gap(exec, 'draws.frozen', 'draws.transition');
  const insertTasks = spent(exec, 'tasks.insertMany');
  const cardsAndMessages = callbackEnd - (exec.get('tasks.insertMany')?.lastEnd ?? callbackEnd);
  return {
    breakdown: {
      total: prepareTx + executeTx,
      cpu: (cpu.user + cpu.system) / 1000,
      prepareTx,
      roster,
      slice,
      freezeLot,
      prepareRest: prepareTx - roster - slice - freezeLot,
      executeTx,
      loadFrozen,
      pureExecute,
      insertTasks,
      cardsAndMessages,
      executeRest: executeTx - loadFrozen - pureExecute - insertTasks - cardsAndMessages,
    },
    calls: callsOf(prep, exec),
    lotBytes: Number(row.bytes),
  };
}

/**
 * The floor of any verifiable draw of this lot: serializing the million lines in canonical order
 * and hashing them, in SQL, storing nothing and drawing nothing. Shows how much of the gap to
 * the naive draw is the commitment to the lot itself.
 */
export async function floorOnce(db: Db, agencyId: number): Promise<number> {
  const t0 = performance.now();
  await db.execute(sql`select encode(sha256(convert_to(string_agg(pool_line, ''), 'UTF8')), 'hex')
    from (select pool_line from enterprises where agency_id = ${agencyId} and status = '在营' and not key_supervision order by uscc collate "C") o`);
  return performance.now() - t0;
}

/** The naive, unverifiable draw: `order by random() limit n` on the same table. */
export async function naiveOnce(db: Db, agencyId: number, targets: number): Promise<number> {
  const t0 = performance.now();
  const rows = rowsOf<{ uscc: string }>(await db.execute(sql`select uscc from enterprises where agency_id = ${agencyId} order by random() limit ${targets}`));
  const ms = performance.now() - t0;
  if (rows.length !== targets) throw new Error(`naive draw returned ${rows.length} rows`);
  return ms;
}
