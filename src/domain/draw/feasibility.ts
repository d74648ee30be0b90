/**
 * Feasibility of staffing drawn targets, checked before any officer is drawn so that an
 * impossible draw assigns nobody and says precisely why.
 */
import { eligibleOfficers, hasExpertise, ineligibilityCounts, inRequiredUnit, type RosterIndex } from './eligibility';
import * as msg from './messages';
import type { PoolEnterprise } from './types';

/**
 * Per target: at least `groupSize` eligible officers (行政处罚法 第四十二条；河南省行政执法条例
 * 第二十四条); with `requireExpertise` one of them knows the industry; with `requireUnit` one
 * of them is from that unit (and, when both are required, some pair covers both — always the
 * case with ≥ 2 slots once each set is non-empty).
 */
export function checkTarget(ix: RosterIndex, target: PoolEnterprise, eligible: readonly number[]): string | null {
  const { groupSize, requireExpertise, requireUnit } = ix.policy;
  if (eligible.length < groupSize) {
    const causes = msg.causesText(ineligibilityCounts(ix, target));
    return msg.tooFewOfficers(target, eligible.length, groupSize, ix.officers.length, causes);
  }
  if (requireExpertise && !eligible.some((i) => hasExpertise(ix, i, target.industry))) return msg.noExpert(target);
  if (requireUnit !== null && !eligible.some((i) => inRequiredUnit(ix, i))) return msg.noUnitMember(target, requireUnit);
  return null;
}

function distinctCount(ix: RosterIndex, lists: readonly (readonly number[])[], keep: (i: number) => boolean): number {
  const seen = new Uint8Array(ix.officers.length);
  let count = 0;
  for (const list of lists) {
    for (const i of list) {
      if (seen[i] === 0 && keep(i)) {
        seen[i] = 1;
        count += 1;
      }
    }
  }
  return count;
}

/** With a per-officer cap: total capacity, experts per industry, members of the required unit. */
function checkCapacity(ix: RosterIndex, targets: readonly PoolEnterprise[], eligible: readonly number[][]): string | null {
  const cap = ix.policy.maxTasksPerOfficer;
  if (cap === 0) return null;
  const anyone = distinctCount(ix, eligible, () => true);
  if (targets.length * ix.policy.groupSize > anyone * cap) {
    return msg.capacityShortage(targets.length, ix.policy.groupSize, anyone, cap);
  }
  if (ix.policy.requireExpertise) {
    const industries = [...new Set(targets.map((t) => t.industry))];
    for (const industry of industries) {
      const lists = eligible.filter((_, k) => targets[k]?.industry === industry);
      const experts = distinctCount(ix, lists, (i) => hasExpertise(ix, i, industry));
      if (lists.length > experts * cap) return msg.expertShortage(industry, lists.length, experts, cap);
    }
  }
  const unit = ix.policy.requireUnit;
  if (unit !== null) {
    const members = distinctCount(ix, eligible, (i) => inRequiredUnit(ix, i));
    if (targets.length > members * cap) return msg.unitShortage(unit, targets.length, members, cap);
  }
  return null;
}

/**
 * Checks every target, then (with `maxTasksPerOfficer`) the capacities. Returns the eligible
 * officers of each target, or the first problem in Chinese. These are necessary conditions;
 * without a per-officer cap they are also sufficient for the greedy allocation.
 */
export function checkStaffing(
  ix: RosterIndex,
  targets: readonly PoolEnterprise[],
): { ok: true; eligible: number[][] } | { ok: false; reason: string } {
  const eligible: number[][] = [];
  for (const target of targets) {
    const list = eligibleOfficers(ix, target);
    const problem = checkTarget(ix, target, list);
    if (problem !== null) return { ok: false, reason: problem };
    eligible.push(list);
  }
  const problem = checkCapacity(ix, targets, eligible);
  return problem === null ? { ok: true, eligible } : { ok: false, reason: problem };
}
