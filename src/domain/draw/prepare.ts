/**
 * prepareDraw: freeze and hash the pools, fix the params, commit to the secret. Nothing random
 * happens here; everything that can be checked before the seed is checked here. It runs in
 * three steps (prepare-start.ts, prepare-lot.ts, prepare-commit.ts) so that a database can
 * count and serialize the plain enterprises where they are (src/app/freeze-draw.ts); this
 * file runs the same steps on an in-memory directory.
 */
import { INDUSTRIES, type Enterprise, type InspectionRecord, type IsoDate, type Officer } from '../model';
import { mergeLot, sliceDirectory, type EnterprisePoolCounts } from './enterprise-pool';
import type { ExcludedEnterprise, ExcludedOfficer } from './exclusions';
import { commitDraw } from './prepare-commit';
import { planLot } from './prepare-lot';
import { startPrepare } from './prepare-start';
import { hashEnterprisePool } from './serialize';
import type { StratumPlan } from './strata';
import type {
  ALGORITHM_VERSION,
  CanonicalParams,
  EnterpriseLot,
  DrawFilters,
  DrawPolicyInput,
  DrawWindow,
  Failure,
  PoolEnterprise,
  PoolOfficer,
  QuotaSpec,
} from './types';

/** Everything prepareDraw needs besides the enterprises. */
export interface PrepareDrawBase {
  /** 抽取编号, unique per draw (goes into the seed). */
  drawNo: string;
  officers: readonly Officer[];
  history: readonly InspectionRecord[];
  filters?: DrawFilters;
  quotas: QuotaSpec;
  policy?: DrawPolicyInput;
  window: DrawWindow;
  today: IsoDate;
  /** 32 random bytes from the caller's RandomSource; only its hash is kept. */
  secret: Uint8Array;
}

export interface PrepareDrawInput extends PrepareDrawBase {
  enterprises: readonly Enterprise[];
}

export interface PrepareCounts {
  enterprises: EnterprisePoolCounts;
  officers: { roster: number; eligible: number; excluded: number };
  /** Enterprises that will be drawn (sum of the strata's `take`). */
  targets: number;
}

/** A committed draw without its enterprise lot (which is kept as its serialization). No secret; JSON-serializable. */
export interface PreparedHead {
  ok: true;
  algorithmVersion: typeof ALGORITHM_VERSION;
  drawNo: string;
  params: CanonicalParams;
  paramsCanonical: string;
  officerPool: readonly PoolOfficer[];
  enterprisePoolHash: string;
  officerPoolHash: string;
  /** hex SHA-256 of the secret, published before the draw. */
  commitment: string;
  /**
   * 2: the seed also commits to the exclusion lists (their hashes below) and to a public
   * randomness beacon round or its absence (deriveSeedV2). Absent on draws of before: version 1.
   */
  seedVersion?: 2;
  excludedEnterprisesHash?: string;
  excludedOfficersHash?: string;
  strata: StratumPlan[];
  excludedEnterprises: ExcludedEnterprise[];
  excludedOfficers: ExcludedOfficer[];
  counts: PrepareCounts;
}

/** A committed draw, ready to execute. */
export interface PreparedDraw extends PreparedHead {
  enterprisePool: EnterpriseLot;
}

/** A draw prepared from an in-memory directory: its lot is a plain array. */
export type PreparedInMemory = PreparedDraw & { enterprisePool: readonly PoolEnterprise[] };

/**
 * Prepares a draw from an in-memory directory: validates the input, freezes both pools
 * (canonical order), excludes what may not be drawn (with reasons), plans the strata, runs
 * the pre-seed feasibility checks, hashes the pools and commits to the secret. The database
 * path runs the same three steps with the plain rows counted and serialized in SQL.
 */
export function prepareDraw(input: PrepareDrawInput): PreparedInMemory | Failure {
  const start = startPrepare(input, [...INDUSTRIES, ...input.enterprises.map((e) => e.industry)]);
  if (!start.ok) return start;
  const { slice, plain } = sliceDirectory(input.enterprises, start.spec);
  const plan = planLot(start, slice);
  if (!plan.ok) return plan;
  const merged = mergeLot(plain, plan.specials);
  if (!merged.ok) return merged;
  const head = commitDraw(start, plan, { size: merged.pool.length, sha256: hashEnterprisePool(merged.pool) });
  if (!head.ok) return head;
  return Object.freeze({ ...head, enterprisePool: merged.pool });
}
