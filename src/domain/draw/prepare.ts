/**
 * prepareDraw: freeze and hash the pools, fix the params, commit to the secret. Nothing random
 * happens here; everything that can be checked before the seed is checked here.
 */
import type { Enterprise, InspectionRecord, IsoDate, Officer } from '../model';
import { commitmentOf, isSecret } from './commitment';
import { expertMask, indexRoster, type RosterIndex } from './eligibility';
import { buildEnterprisePool, type EnterprisePoolCounts } from './enterprise-pool';
import type { ExcludedEnterprise, ExcludedOfficer } from './exclusions';
import * as msg from './messages';
import { buildOfficerPool } from './officer-pool';
import { normalizeParams } from './params';
import { hashEnterprisePool, hashOfficerPool } from './serialize';
import { findUnstaffable } from './staffable';
import { planStrata, type StratumPlan } from './strata';
import {
  ALGORITHM_VERSION,
  type CanonicalParams,
  type DrawFilters,
  type DrawPolicyInput,
  type DrawWindow,
  type Failure,
  type PoolEnterprise,
  type PoolOfficer,
  type QuotaSpec,
} from './types';

export interface PrepareDrawInput {
  /** 抽取编号, unique per draw (goes into the seed). */
  drawNo: string;
  enterprises: readonly Enterprise[];
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

export interface PrepareCounts {
  enterprises: EnterprisePoolCounts;
  officers: { roster: number; eligible: number; excluded: number };
  /** Enterprises that will be drawn (sum of the strata's `take`). */
  targets: number;
}

/** A committed draw, ready to execute. Contains no secret; JSON-serializable. */
export interface PreparedDraw {
  ok: true;
  algorithmVersion: typeof ALGORITHM_VERSION;
  drawNo: string;
  params: CanonicalParams;
  paramsCanonical: string;
  enterprisePool: readonly PoolEnterprise[];
  officerPool: readonly PoolOfficer[];
  enterprisePoolHash: string;
  officerPoolHash: string;
  /** hex SHA-256 of the secret, published before the draw. */
  commitment: string;
  strata: StratumPlan[];
  excludedEnterprises: ExcludedEnterprise[];
  excludedOfficers: ExcludedOfficer[];
  counts: PrepareCounts;
}

/** Removes unstaffable enterprises from the lot, recording them as excluded. */
function dropUnstaffable(
  ix: RosterIndex,
  pool: readonly PoolEnterprise[],
  excluded: ExcludedEnterprise[],
  counts: EnterprisePoolCounts,
): readonly PoolEnterprise[] {
  const bad = findUnstaffable(ix, pool);
  if (bad.length === 0) return pool;
  const drop = new Set(bad.map((b) => b.index));
  for (const b of bad) {
    const e = pool[b.index] as PoolEnterprise;
    excluded.push({ uscc: e.uscc, name: e.name, code: 'unstaffable', detail: b.detail });
  }
  counts.excludedByReason.unstaffable += bad.length;
  counts.excluded += bad.length;
  counts.eligible -= bad.length;
  return Object.freeze(pool.filter((_, i) => !drop.has(i)));
}

/** Pre-seed capacity checks with a per-officer cap (necessary conditions only). */
function checkCapacity(ix: RosterIndex, strata: readonly StratumPlan[]): string | null {
  const { maxTasksPerOfficer: cap, groupSize, requireExpertise } = ix.policy;
  if (cap === 0) return null;
  const total = strata.reduce((sum, s) => sum + s.take, 0);
  if (total * groupSize > ix.validCount * cap) return msg.capacityShortage(total, groupSize, ix.validCount, cap);
  for (const s of requireExpertise ? strata : []) {
    if (!s.key.startsWith('industry:')) continue;
    const industry = s.key.slice('industry:'.length);
    const experts = expertMask(ix, industry).validCount;
    if (s.take > experts * cap) return msg.expertShortage(industry, s.take, experts, cap);
  }
  return null;
}

function tooFewOverall(eligible: number, groupSize: number, excluded: number): string {
  return (
    `可选执法人员仅 ${eligible} 人，每组至少需要 ${groupSize} 人（行政处罚法 第四十二条；河南省行政执法条例 第二十四条）` +
    (excluded > 0 ? `；另有 ${excluded} 人因执法证未覆盖检查期或不在岗未列入` : '')
  );
}

/**
 * Validates the input, builds and freezes both pools (canonical order), excludes what may not
 * be drawn (with reasons), plans the strata, runs the pre-seed feasibility checks, hashes the
 * pools and commits to the secret (`commitment = SHA-256(secret)`).
 */
export function prepareDraw(input: PrepareDrawInput): PreparedDraw | Failure {
  if (typeof input.drawNo !== 'string' || input.drawNo.trim().length === 0) return { ok: false, reason: '抽取编号不能为空' };
  if (!isSecret(input.secret)) return { ok: false, reason: '内部错误：抽取密钥必须为 32 字节' };
  const norm = normalizeParams(input);
  if (!norm.ok) return norm;
  const { params } = norm;
  const ent = buildEnterprisePool({ ...input, filters: params.filters, policy: params.policy, today: params.today });
  if (!ent.ok) return ent;
  const off = buildOfficerPool(input.officers, params.window);
  if (!off.ok) return off;
  if (off.pool.length < params.policy.groupSize) {
    return { ok: false, reason: tooFewOverall(off.pool.length, params.policy.groupSize, off.excluded.length) };
  }
  const ix = indexRoster(off.pool, params.policy, params.window);
  const enterprisePool = dropUnstaffable(ix, ent.pool, ent.excluded, ent.counts);
  const planned = planStrata(enterprisePool, params.quotas);
  if (!planned.ok) return planned;
  const capacity = checkCapacity(ix, planned.strata);
  if (capacity !== null) return { ok: false, reason: capacity };
  return Object.freeze({
    ok: true,
    algorithmVersion: ALGORITHM_VERSION,
    drawNo: input.drawNo,
    params,
    paramsCanonical: norm.paramsCanonical,
    enterprisePool,
    officerPool: off.pool,
    enterprisePoolHash: hashEnterprisePool(enterprisePool),
    officerPoolHash: hashOfficerPool(off.pool),
    commitment: commitmentOf(input.secret),
    strata: planned.strata,
    excludedEnterprises: ent.excluded,
    excludedOfficers: off.excluded,
    counts: {
      enterprises: ent.counts,
      officers: { roster: input.officers.length, eligible: off.pool.length, excluded: off.excluded.length },
      targets: planned.strata.reduce((sum, s) => sum + s.take, 0),
    },
  });
}
