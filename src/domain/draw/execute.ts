/**
 * executeDraw: reveal the secret, derive the seed, draw targets then officers.
 */
import { bytesToHex, commitmentOf, deriveSeed, deriveSeedV2, isSecret, type SeedBeacon } from './commitment';
import { drawOfficers } from './officers';
import type { StratumPlan } from './strata';
import { drawTargets, positionsRead } from './targets';
import { fail } from './failure';
import type { PreparedHead } from './prepare';
import type { CanonicalParams, DrawTask, EnterpriseLot, Failure, PoolEnterprise, PoolOfficer } from './types';

/** What the draw itself depends on, besides the seed. */
export interface DrawCore {
  params: CanonicalParams;
  enterprisePool: EnterpriseLot;
  officerPool: readonly PoolOfficer[];
}

/** The committed values the seed is derived from (see PreparedHead; version 2 commits to the exclusions and a beacon). */
export interface CommittedDraw
  extends DrawCore,
    Pick<
      PreparedHead,
      | 'drawNo'
      | 'paramsCanonical'
      | 'enterprisePoolHash'
      | 'officerPoolHash'
      | 'commitment'
      | 'seedVersion'
      | 'excludedEnterprisesHash'
      | 'excludedOfficersHash'
    > {
  /**
   * The drand round's randomness for a version-2 seed; null or absent: none (an offline
   * installation). The application supplies it for a draw that committed to a round.
   */
  beacon?: SeedBeacon | null;
}

export interface ExecutedDraw {
  ok: true;
  /** hex of the 32-byte seed. */
  seed: string;
  /** Draw order: strata in stratum order, each in selection order; officers in slot order. */
  tasks: DrawTask[];
  strata: StratumPlan[];
  /** The lot's record of each task's enterprise, same order as `tasks`. */
  targets: PoolEnterprise[];
}

/** Targets then officers from a known seed (also used by the verifier). */
export function runDraw(core: DrawCore, seed: Uint8Array): Omit<ExecutedDraw, 'seed'> | Failure {
  const drawn = drawTargets({ pool: core.enterprisePool, quotas: core.params.quotas, seed });
  if (!drawn.ok) return drawn;
  const { policy, window } = core.params;
  const staffed = drawOfficers({ targets: drawn.targets, officers: core.officerPool, policy, window, seed });
  if (!staffed.ok) return staffed;
  return { ok: true, tasks: staffed.tasks, strata: drawn.strata, targets: drawn.targets };
}

/**
 * Checks the secret against the commitment, or returns the Chinese reason why not. The
 * secret must be the one committed to in prepareDraw; another secret would be another draw.
 */
export function checkSecret(committed: Pick<CommittedDraw, 'commitment'>, secret: Uint8Array): Failure | null {
  if (!isSecret(secret)) return fail('internal', '内部错误：抽取密钥必须为 32 字节');
  if (commitmentOf(secret) !== committed.commitment) {
    return fail('secret-mismatch', '抽取密钥与事先公布的承诺值不符，拒绝抽取');
  }
  return null;
}

/** What the seed is derived from: a committed draw without its pools. */
export type SeedSource = Omit<CommittedDraw, 'enterprisePool' | 'officerPool'>;

/** The seed of a committed draw (the secret is assumed checked), by its seed version. */
export function seedOf(committed: SeedSource, secret: Uint8Array): Uint8Array {
  if (committed.seedVersion !== 2) return deriveSeed({ secret, ...committed });
  const { excludedEnterprisesHash, excludedOfficersHash } = committed;
  if (!excludedEnterprisesHash || !excludedOfficersHash) throw new Error('a version-2 draw carries the hashes of its exclusion lists');
  return deriveSeedV2({ secret, ...committed, excludedEnterprisesHash, excludedOfficersHash, beacon: committed.beacon ?? null });
}

/**
 * Executes a prepared draw: `SHA-256(secret)` must equal the commitment; then
 * seed = deriveSeed(secret, pool hashes, params, drawNo); then targets (streams `targets:…`)
 * and officer groups (stream `officers`). When the groups cannot be formed nobody is drawn
 * and the reason says why. `prepared` is trusted as produced by prepareDraw (its hashes are
 * not recomputed here; verifyDrawExport recomputes everything).
 */
export function executeDraw(prepared: CommittedDraw, secret: Uint8Array): ExecutedDraw | Failure {
  const bad = checkSecret(prepared, secret);
  if (bad) return bad;
  const seed = seedOf(prepared, secret);
  const result = runDraw(prepared, seed);
  if (!result.ok) return result;
  return { ok: true, seed: bytesToHex(seed), tasks: result.tasks, strata: result.strata, targets: result.targets };
}

/**
 * Which records of its lot of `lotSize` executing this draw reads (null: all of them), so that
 * a store can hand executeDraw a lot holding just those. A wrong secret reads none: executeDraw
 * refuses it before looking at the lot.
 */
export function lotPositionsToRead(committed: SeedSource, lotSize: number, secret: Uint8Array): number[] | null {
  if (checkSecret(committed, secret) !== null) return [];
  return positionsRead(lotSize, committed.params.quotas, seedOf(committed, secret));
}
