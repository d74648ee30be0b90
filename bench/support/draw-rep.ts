/**
 * One repetition of the app path of a draw: the `prepareDraw` use case in one transaction (the
 * leader's command in the group chat), then the `executeDraw` use case in another (his click on
 * 确认抽取), exactly as the bot runs them, with every repository call timed.
 */
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { fixedClock } from '../../src/app/ports/clock';
import type { Repos } from '../../src/app/ports/store';
import type { UseCaseContext } from '../../src/app/use-case';
import { executeDraw } from '../../src/app/use-cases/execute-draw';
import { prepareDraw } from '../../src/app/use-cases/prepare-draw';
import { rowsOf, type Db } from '../../src/db/client';
import { FROZEN_GZIP_LEVEL } from '../../src/db/repos/draw-repo';
import { createDrizzleStore } from '../../src/db/store';
import { executeDraw as executeDrawPure, prepareDraw as prepareDrawPure, type PreparedDraw } from '../../src/domain/draw';
import { BENCH_CHAT, type Seeded } from './draw-seed';
import { gap, spent, timedRepos, type CallLog } from './timed-repos';

/**
 * Milliseconds per step of one repetition; `total` = prepare transaction + execute transaction
 * (wall clock), `cpu` = CPU time of this Node process over both (less sensitive to a loaded
 * machine; the database server's CPU is not in it).
 */
export interface Breakdown {
  total: number;
  cpu: number;
  prepareTx: number;
  inputs: number;
  purePrepare: number;
  insertFrozen: number;
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
  /** What `drawInputs` returned and the PreparedDraw stored, for the diagnostics below. */
  inputs: DrawInputs;
  frozen: PreparedDraw;
  /** Size of the stored (gzipped) frozen draw. */
  frozenBytes: number;
}

type DrawInputs = Awaited<ReturnType<Repos['directory']['drawInputs']>>;

const CLOCK = fixedClock('2026-03-02T02:00:00Z');
const ENV = { clock: CLOCK, random: { bytes: (n: number) => new Uint8Array(randomBytes(n)) } };

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
  let frozen: PreparedDraw | undefined;
  let inputs: DrawInputs | undefined;
  const spy = (name: string, args: unknown[], result: unknown) => {
    if (name === 'draws.insert') frozen = (args[0] as { frozen: PreparedDraw }).frozen;
    if (name === 'directory.drawInputs') inputs = result as DrawInputs;
  };

  const cpu0 = process.cpuUsage();
  const p0 = performance.now();
  await store.transaction((repos) => prepareDraw(ctxOf(timedRepos(repos, prep, spy)), { filters: {}, quotas: { total: targets }, groupSize }));
  const prepareTx = performance.now() - p0;

  const [draw] = await store.transaction((repos) => repos.draws.recent(seeded.agencyId, 1));
  if (!draw || draw.status !== 'prepared') throw new Error('the prepared draw was not found');

  const exec: CallLog = new Map();
  let callbackEnd = 0;
  const e0 = performance.now();
  const result = await store.transaction(async (repos) => {
    const r = await executeDraw(ctxOf(timedRepos(repos, exec)), { drawId: String(draw.id) });
    callbackEnd = performance.now();
    return r;
  });
  const executeTx = performance.now() - e0;
  const cpu = process.cpuUsage(cpu0);
  if (result.toast?.kind !== 'success') throw new Error(`draw not executed: ${result.toast?.text ?? 'no toast'}`);
  const [row] = rowsOf<{ n: number; bytes: number }>(
    await db.execute(sql`select (select count(*)::int from tasks where draw_id = ${draw.id}) as n, (select octet_length(frozen) from draws where id = ${draw.id}) as bytes`),
  );
  if (row?.n !== targets) throw new Error(`expected ${targets} tasks, found ${row?.n}`);
  if (!frozen || !inputs) throw new Error('the use case did not load inputs or store a frozen draw');

  const inputsMs = spent(prep, 'directory.drawInputs');
  const purePrepare = gap(prep, 'directory.drawInputs', 'draws.insert');
  const insertFrozen = spent(prep, 'draws.insert');
  const loadFrozen = spent(exec, 'draws.frozen');
  const pureExecute = gap(exec, 'draws.frozen', 'draws.transition');
  const insertTasks = spent(exec, 'tasks.insertMany');
  const cardsAndMessages = callbackEnd - (exec.get('tasks.insertMany')?.lastEnd ?? callbackEnd);
  return {
    breakdown: {
      total: prepareTx + executeTx,
      cpu: (cpu.user + cpu.system) / 1000,
      prepareTx,
      inputs: inputsMs,
      purePrepare,
      insertFrozen,
      prepareRest: prepareTx - inputsMs - purePrepare - insertFrozen,
      executeTx,
      loadFrozen,
      pureExecute,
      insertTasks,
      cardsAndMessages,
      executeRest: executeTx - loadFrozen - pureExecute - insertTasks - cardsAndMessages,
    },
    calls: callsOf(prep, exec),
    inputs,
    frozen,
    frozenBytes: Number(row.bytes),
  };
}

/** What `draws.insert` / `draws.frozen` spend outside the database: JSON and gzip of the frozen draw. */
export function frozenCodec(frozen: unknown): { stringifyMs: number; gzipMs: number; gunzipMs: number; parseMs: number; jsonBytes: number; gzBytes: number } {
  const t0 = performance.now();
  const json = Buffer.from(JSON.stringify(frozen));
  const t1 = performance.now();
  const gz = gzipSync(json, { level: FROZEN_GZIP_LEVEL });
  const t2 = performance.now();
  const back = gunzipSync(gz);
  const t3 = performance.now();
  JSON.parse(back.toString('utf8'));
  const t4 = performance.now();
  return { stringifyMs: t1 - t0, gzipMs: t2 - t1, gunzipMs: t3 - t2, parseMs: t4 - t3, jsonBytes: json.length, gzBytes: gz.length };
}

/**
 * The domain alone on the same inputs (prepareDraw, then executeDraw with a fresh secret), to
 * tell the domain's share of the "pure" gaps from the use cases' own work around it.
 */
export function domainAlone(inputs: DrawInputs, frozen: PreparedDraw): { prepareMs: number; executeMs: number } {
  const secret = new Uint8Array(randomBytes(32));
  const { params } = frozen;
  const t0 = performance.now();
  const prepared = prepareDrawPure({ drawNo: frozen.drawNo, ...inputs, filters: params.filters, quotas: params.quotas, policy: params.policy, window: params.window, today: params.today, secret });
  const t1 = performance.now();
  if (!prepared.ok || prepared.enterprisePoolHash !== frozen.enterprisePoolHash) throw new Error('the domain alone prepared another lot');
  const executed = executeDrawPure(prepared, secret);
  const t2 = performance.now();
  if (!executed.ok) throw new Error(executed.reason);
  return { prepareMs: t1 - t0, executeMs: t2 - t1 };
}

/** The naive, unverifiable draw: `order by random() limit n` on the same table. */
export async function naiveOnce(db: Db, agencyId: number, targets: number): Promise<number> {
  const t0 = performance.now();
  const rows = rowsOf<{ uscc: string }>(await db.execute(sql`select uscc from enterprises where agency_id = ${agencyId} order by random() limit ${targets}`));
  const ms = performance.now() - t0;
  if (rows.length !== targets) throw new Error(`naive draw returned ${rows.length} rows`);
  return ms;
}
