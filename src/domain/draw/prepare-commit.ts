/**
 * Step 3 of a prepare: with the lot frozen (its size and SHA-256 known), the strata planned,
 * the pre-seed capacity checks run, and the draw committed (`commitment = SHA-256(secret)`).
 */
import { commitmentOf, exclusionsHash } from './commitment';
import { expertMask, type RosterIndex } from './eligibility';
import { exclusionsText } from './exclusions';
import { poolCounts } from './enterprise-pool';
import * as msg from './messages';
import type { PreparedHead } from './prepare';
import type { LotPlan } from './prepare-lot';
import type { PrepareStart } from './prepare-start';
import { hashOfficerPool } from './serialize';
import { countGroups, planStrata, sizeOnly, type LotCounts, type StratumPlan } from './strata';
import { fail } from './failure';
import { ALGORITHM_VERSION, type Failure } from './types';

/** What freezing the lot told: how many records it holds and the SHA-256 of its serialization. */
export interface FrozenLot {
  size: number;
  sha256: string;
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

/**
 * The lot's counts for the strata: from the plain groups and the specials when the slice
 * counted them; from the size alone for a total quota (which needs nothing else).
 */
function lotCounts(start: PrepareStart, plan: LotPlan, lot: FrozenLot): LotCounts {
  const groups = plan.slice.plainGroups;
  if (groups === null) {
    if (start.norm.params.quotas.mode !== 'total') throw new Error('stratified quotas need the plain rows counted by group');
    return sizeOnly(lot.size);
  }
  const counts = countGroups([...groups, ...plan.specials.map((e) => ({ industry: e.industry, riskLevel: e.riskLevel, count: 1 }))]);
  if (counts.total !== lot.size) throw new Error(`the frozen lot holds ${lot.size} records, the slice counted ${counts.total}`);
  return counts;
}

/** Step 3: the committed draw, or the Chinese reason why the lot cannot be drawn as asked. */
export function commitDraw(start: PrepareStart, plan: LotPlan, lot: FrozenLot): PreparedHead | Failure {
  const { base, norm, officers } = start;
  const strata = planStrata(lotCounts(start, plan, lot), norm.params.quotas);
  if (!strata.ok) {
    const left = exclusionsText(plan.excluded);
    return left ? fail(strata.code, `${strata.reason}。${left}`) : strata;
  }
  const capacity = checkCapacity(start.ix, strata.strata);
  if (capacity !== null) return fail('officer-capacity', capacity);
  return {
    ok: true,
    algorithmVersion: ALGORITHM_VERSION,
    drawNo: base.drawNo,
    params: norm.params,
    paramsCanonical: norm.paramsCanonical,
    officerPool: officers.pool,
    enterprisePoolHash: lot.sha256,
    officerPoolHash: hashOfficerPool(officers.pool),
    commitment: commitmentOf(base.secret),
    seedVersion: 2,
    excludedEnterprisesHash: exclusionsHash(plan.excluded),
    excludedOfficersHash: exclusionsHash(officers.excluded),
    strata: strata.strata,
    excludedEnterprises: plan.excluded,
    excludedOfficers: officers.excluded,
    counts: {
      enterprises: poolCounts(plan.slice, plan.excluded, lot.size, plan.specials.length),
      officers: { roster: base.officers.length, eligible: officers.pool.length, excluded: officers.excluded.length },
      targets: strata.strata.reduce((sum, s) => sum + s.take, 0),
    },
  };
}
