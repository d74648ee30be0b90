/**
 * Before the seed: which enterprises of the lot could never get a lawful group, counted in
 * O(lot + conflicts) without scanning the roster per enterprise. They leave the lot with the
 * reason code `unstaffable` so that a drawn target can always be staffed.
 */
import type { RosterIndex } from './eligibility';
import * as msg from './messages';
import type { PoolEnterprise, PoolOfficer } from './types';

interface Counts {
  experts: Map<string, number>;
  unit: number;
  /** USCC → pool indices of officers in conflict with it. */
  conflicts: Map<string, number[]>;
}

function countRoster(ix: RosterIndex): Counts {
  const experts = new Map<string, number>();
  const conflicts = new Map<string, number[]>();
  let unit = 0;
  ix.officers.forEach((o: PoolOfficer, i) => {
    for (const industry of o.expertise) experts.set(industry, (experts.get(industry) ?? 0) + 1);
    if (ix.policy.requireUnit !== null && o.unit === ix.policy.requireUnit) unit += 1;
    for (const uscc of o.conflicts) {
      const list = conflicts.get(uscc);
      if (list) list.push(i);
      else conflicts.set(uscc, [i]);
    }
  });
  return { experts, unit, conflicts };
}

/** The pool indices blocked for `e`: conflicts first, then last inspectors not already counted. */
function blockedFor(ix: RosterIndex, c: Counts, e: PoolEnterprise): { conflict: number[]; last: number[] } {
  const conflict = c.conflicts.get(e.uscc) ?? [];
  const last: number[] = [];
  if (ix.policy.excludeLastInspector) {
    for (const cert of e.lastInspectors) {
      const i = ix.byCertificate.get(cert);
      if (i !== undefined && !conflict.includes(i)) last.push(i);
    }
  }
  return { conflict, last };
}

/**
 * The problem staffing `e` with the whole roster, or null. Same rules and same wording as
 * `checkTarget` (行政处罚法 第四十二条、第四十三条；河南省行政执法条例 第二十三条、第二十四条).
 */
function problemOf(ix: RosterIndex, c: Counts, e: PoolEnterprise): string | null {
  const { groupSize, requireExpertise, requireUnit } = ix.policy;
  const { conflict, last } = blockedFor(ix, c, e);
  const blocked = [...conflict, ...last];
  const eligible = ix.officers.length - blocked.length;
  if (eligible < groupSize) {
    const causes = msg.causesText({ certificate: 0, 'off-duty': 0, conflict: conflict.length, 'last-inspector': last.length });
    return msg.tooFewOfficers(e, eligible, groupSize, ix.officers.length, causes);
  }
  const isExpert = (i: number): boolean => (ix.officers[i] as PoolOfficer).expertise.includes(e.industry);
  const experts = (c.experts.get(e.industry) ?? 0) - blocked.filter(isExpert).length;
  if (requireExpertise && experts === 0) return msg.noExpert(e);
  const inUnit = (i: number): boolean => (ix.officers[i] as PoolOfficer).unit === requireUnit;
  if (requireUnit !== null && c.unit - blocked.filter(inUnit).length === 0) return msg.noUnitMember(e, requireUnit);
  return null;
}

/** Positions in the lot of enterprises that cannot be staffed, with the reason in Chinese. */
export function findUnstaffable(ix: RosterIndex, pool: readonly PoolEnterprise[]): Array<{ index: number; detail: string }> {
  const c = countRoster(ix);
  const out: Array<{ index: number; detail: string }> = [];
  for (let i = 0; i < pool.length; i++) {
    const e = pool[i] as PoolEnterprise;
    const simple = e.lastInspectors.length === 0 && !c.conflicts.has(e.uscc);
    const plain = !ix.policy.requireExpertise && ix.policy.requireUnit === null;
    if (simple && plain && ix.officers.length >= ix.policy.groupSize) continue;
    const problem = problemOf(ix, c, e);
    if (problem !== null) out.push({ index: i, detail: problem });
  }
  return out;
}
