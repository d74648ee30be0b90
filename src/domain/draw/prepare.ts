/**
 * prepareDraw: freeze and hash the pools, fix the params, commit to the secret. Nothing random
 * happens here; everything that can be checked before the seed is checked here.
 */
import { INDUSTRIES, type Enterprise, type InspectionRecord, type IsoDate, type Officer } from '../model';
import { compareCodeUnits } from './canonical-order';
import { commitmentOf, isSecret } from './commitment';
import { expertMask, indexRoster, type RosterIndex } from './eligibility';
import { checkTarget } from './feasibility';
import {
  mergeLot,
  planEnterprisePool,
  sliceDirectory,
  type DirectorySlice,
  type EnterprisePoolCounts,
  type PlainSpec,
} from './enterprise-pool';
import { indexHistory, type HistoryFacts } from './history-index';
import type { ExcludedEnterprise, ExcludedOfficer } from './exclusions';
import * as msg from './messages';
import { buildOfficerPool } from './officer-pool';
import { normalizeParams, type NormalizedParams } from './params';
import { enterpriseLine, hashEnterprisePool, hashOfficerPool } from './serialize';
import { findUnstaffable } from './staffable';
import { countGroups, planStrata, type StratumPlan } from './strata';
import {
  ALGORITHM_VERSION,
  type CanonicalParams,
  type EnterpriseLot,
  type DrawFilters,
  type DrawPolicyInput,
  type DrawWindow,
  type Failure,
  type PoolEnterprise,
  type PoolOfficer,
  type QuotaSpec,
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

/** Step 1 of a prepare: params, roster and history checked; says which enterprises are plain. */
export interface PrepareStart {
  ok: true;
  base: PrepareDrawBase;
  norm: NormalizedParams & { ok: true };
  officers: { pool: readonly PoolOfficer[]; excluded: ExcludedOfficer[] };
  ix: RosterIndex;
  facts: ReadonlyMap<string, HistoryFacts>;
  spec: PlainSpec;
}

/** Step 2: the lot decided — the special rows that enter it, the exclusions, the counts. */
export interface LotPlan {
  ok: true;
  /** Special rows in the lot, canonical order; the plain rows of the slice join them. */
  specials: readonly PoolEnterprise[];
  /** `enterpriseLine` of each special row, same order (what a database serializes with the plain rows). */
  specialLines: string[];
  /** Records in the lot (plain + specials). */
  size: number;
  excluded: ExcludedEnterprise[];
  counts: EnterprisePoolCounts;
  strata: StratumPlan[];
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
 * Industries in which an enterprise with no history and no conflicts could not get a lawful
 * group (e.g. no valid officer with that expertise): such enterprises must be looked at one by
 * one, so they are never plain.
 */
function barredIndustries(ix: RosterIndex, industries: Iterable<string>): string[] {
  const out: string[] = [];
  for (const industry of new Set(industries)) {
    // Whether a plain enterprise can be staffed depends on its industry alone (no bars of its own).
    const probe: PoolEnterprise = { uscc: '', name: '', industry, township: '', riskLevel: '一般', lastInspectors: [] };
    if (checkTarget(ix, probe) !== null) out.push(industry);
  }
  return out.sort();
}

/**
 * Step 1: validates the input, builds the officers' roster and indexes the history. `industries`
 * lists every industry the directory may hold (the catalog's by default).
 */
export function startPrepare(base: PrepareDrawBase, industries: Iterable<string> = INDUSTRIES): PrepareStart | Failure {
  if (typeof base.drawNo !== 'string' || base.drawNo.trim().length === 0) return { ok: false, reason: '抽取编号不能为空' };
  if (!isSecret(base.secret)) return { ok: false, reason: '内部错误：抽取密钥必须为 32 字节' };
  const norm = normalizeParams(base);
  if (!norm.ok) return norm;
  const { params } = norm;
  const history = indexHistory(base.history, params.today);
  if (!history.ok) return history;
  const off = buildOfficerPool(base.officers, params.window);
  if (!off.ok) return off;
  if (off.pool.length < params.policy.groupSize) {
    return { ok: false, reason: tooFewOverall(off.pool.length, params.policy.groupSize, off.excluded.length) };
  }
  const ix = indexRoster(off.pool, params.policy, params.window);
  const special = new Set([...history.facts.keys(), ...ix.conflictsByUscc.keys()]);
  const spec: PlainSpec = {
    filters: params.filters,
    specialUsccs: [...special].sort(),
    barredIndustries: barredIndustries(ix, [...industries, ...(params.filters.industries ?? [])]),
  };
  return { ok: true, base, norm, officers: off, ix, facts: history.facts, spec };
}

/** Eligible specials that cannot be staffed leave the lot, recorded as excluded. */
function dropUnstaffable(ix: RosterIndex, specials: readonly PoolEnterprise[], excluded: ExcludedEnterprise[], counts: EnterprisePoolCounts): PoolEnterprise[] {
  const bad = findUnstaffable(ix, specials);
  const drop = new Set(bad.map((b) => b.index));
  for (const b of bad) {
    const e = specials[b.index] as PoolEnterprise;
    excluded.push({ uscc: e.uscc, name: e.name, code: 'unstaffable', detail: b.detail });
  }
  counts.excludedByReason.unstaffable += bad.length;
  counts.excluded += bad.length;
  counts.eligible -= bad.length;
  return specials.filter((_, i) => !drop.has(i));
}

/**
 * Step 2: the rules applied to the slice's special rows (not 在营, 重点监管, open task, yearly
 * cap, cool-down, then unstaffable), the strata planned from the counts and the pre-seed
 * capacity checks run.
 */
export function planLot(start: PrepareStart, slice: DirectorySlice): LotPlan | Failure {
  const barred = new Set(start.spec.barredIndustries);
  const misplaced = slice.plainGroups.find((g) => barred.has(g.industry));
  if (misplaced) return { ok: false, reason: `内部错误：「${misplaced.industry}」行业的企业应逐一核对` };
  const { params } = start.norm;
  const planned = planEnterprisePool(slice, start.facts, { filters: params.filters, policy: params.policy, today: params.today });
  if (!planned.ok) return planned;
  const kept = dropUnstaffable(start.ix, planned.specials, planned.excluded, planned.counts);
  const specials = kept.sort((a, b) => compareCodeUnits(a.uscc, b.uscc));
  const lotCounts = countGroups([...slice.plainGroups, ...specials.map((e) => ({ industry: e.industry, riskLevel: e.riskLevel, count: 1 }))]);
  const strata = planStrata(lotCounts, params.quotas);
  if (!strata.ok) return strata;
  const capacity = checkCapacity(start.ix, strata.strata);
  if (capacity !== null) return { ok: false, reason: capacity };
  return {
    ok: true,
    specials,
    specialLines: specials.map(enterpriseLine),
    size: lotCounts.total,
    excluded: planned.excluded,
    counts: planned.counts,
    strata: strata.strata,
  };
}

/** Step 3: with the lot frozen and hashed, the committed draw (`commitment = SHA-256(secret)`). */
export function commitDraw(start: PrepareStart, plan: LotPlan, enterprisePoolHash: string): PreparedHead {
  const { base, norm, officers } = start;
  return {
    ok: true,
    algorithmVersion: ALGORITHM_VERSION,
    drawNo: base.drawNo,
    params: norm.params,
    paramsCanonical: norm.paramsCanonical,
    officerPool: officers.pool,
    enterprisePoolHash,
    officerPoolHash: hashOfficerPool(officers.pool),
    commitment: commitmentOf(base.secret),
    strata: plan.strata,
    excludedEnterprises: plan.excluded,
    excludedOfficers: officers.excluded,
    counts: {
      enterprises: plan.counts,
      officers: { roster: base.officers.length, eligible: officers.pool.length, excluded: officers.excluded.length },
      targets: plan.strata.reduce((sum, s) => sum + s.take, 0),
    },
  };
}

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
  return Object.freeze({ ...commitDraw(start, plan, hashEnterprisePool(merged.pool)), enterprisePool: merged.pool });
}
