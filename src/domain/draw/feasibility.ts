/**
 * Feasibility of staffing drawn targets, checked before any officer is drawn so that an
 * impossible draw assigns nobody and says precisely why.
 */
import { blockedFor, expertMask, targetCounts, type Blocked, type RosterIndex } from './eligibility';
import * as msg from './messages';
import { fail } from './failure';
import type { Failure, PoolEnterprise } from './types';

/**
 * One target: at least `groupSize` eligible officers (行政处罚法 第四十二条；河南省行政执法条例
 * 第二十四条); with `requireExpertise` one of them knows the industry; with `requireUnit` one
 * of them is from that unit (with ≥ 2 slots both can then always be met together).
 */
export function checkTarget(ix: RosterIndex, target: PoolEnterprise, b: Blocked = blockedFor(ix, target)): Failure | null {
  const { groupSize, requireExpertise, requireUnit } = ix.policy;
  const c = targetCounts(ix, target, b);
  if (c.eligible < groupSize) {
    return fail('too-few-officers', msg.tooFewOfficers(target, c.eligible, groupSize, ix.officers.length, msg.causesText(c.causes)));
  }
  if (requireExpertise && c.experts === 0) return fail('no-expert', msg.noExpert(target));
  if (requireUnit !== null && c.unitMembers === 0) return fail('no-unit-member', msg.noUnitMember(target, requireUnit));
  return null;
}

/** Valid officers in `mask` who are eligible for at least one of the targets `ks`. */
function reachable(ix: RosterIndex, blocked: readonly Blocked[], ks: readonly number[], mask: Uint8Array): number {
  const barredIn = new Int32Array(ix.officers.length);
  for (const k of ks) {
    const b = blocked[k] as Blocked;
    for (const i of b.conflict) barredIn[i] = (barredIn[i] as number) + 1;
    for (const i of b.last) barredIn[i] = (barredIn[i] as number) + 1;
  }
  let n = 0;
  for (let i = 0; i < ix.officers.length; i++) {
    if (ix.valid[i] === 1 && mask[i] === 1 && (barredIn[i] as number) < ks.length) n += 1;
  }
  return n;
}

/** With a per-officer cap: total capacity, experts per industry, members of the required unit. */
function checkCapacity(ix: RosterIndex, targets: readonly PoolEnterprise[], blocked: readonly Blocked[]): string | null {
  const { maxTasksPerOfficer: cap, groupSize, requireExpertise, requireUnit } = ix.policy;
  if (cap === 0) return null;
  const all = targets.map((_, k) => k);
  const anyone = reachable(ix, blocked, all, ix.valid);
  if (targets.length * groupSize > anyone * cap) return msg.capacityShortage(targets.length, groupSize, anyone, cap);
  for (const industry of requireExpertise ? new Set(targets.map((t) => t.industry)) : []) {
    const ks = all.filter((k) => targets[k]?.industry === industry);
    const experts = reachable(ix, blocked, ks, expertMask(ix, industry).mask);
    if (ks.length > experts * cap) return msg.expertShortage(industry, ks.length, experts, cap);
  }
  if (requireUnit !== null) {
    const members = reachable(ix, blocked, all, ix.unitMask);
    if (targets.length > members * cap) return msg.unitShortage(requireUnit, targets.length, members, cap);
  }
  return null;
}

/**
 * Checks every target, then (with `maxTasksPerOfficer`) the capacities; returns each target's
 * bars, or the first problem. These are necessary conditions; without a per-officer
 * cap they are also sufficient for the greedy allocation of drawOfficers.
 */
export function checkStaffing(ix: RosterIndex, targets: readonly PoolEnterprise[]): { ok: true; blocked: Blocked[] } | Failure {
  const blocked: Blocked[] = [];
  for (const target of targets) {
    const b = blockedFor(ix, target);
    const problem = checkTarget(ix, target, b);
    if (problem !== null) return problem;
    blocked.push(b);
  }
  const problem = checkCapacity(ix, targets, blocked);
  return problem === null ? { ok: true, blocked } : fail('officer-capacity', problem);
}
