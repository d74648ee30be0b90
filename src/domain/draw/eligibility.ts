/**
 * Who may inspect which enterprise. One index per draw, built from the frozen roster.
 */
import type { DrawPolicy, DrawWindow, PoolEnterprise, PoolOfficer } from './types';

/** Why one officer may not inspect one target (null: he may). */
export type Ineligibility = 'certificate' | 'off-duty' | 'conflict' | 'last-inspector' | null;

/** The roster prepared for per-task checks. */
export interface RosterIndex {
  readonly officers: readonly PoolOfficer[];
  readonly policy: DrawPolicy;
  readonly window: DrawWindow;
  /** Pool index by 执法证号. */
  readonly byCertificate: ReadonlyMap<string, number>;
  /** Per officer: set of conflicting USCCs, or null when he has none. */
  readonly conflicts: readonly (ReadonlySet<string> | null)[];
}

export function indexRoster(officers: readonly PoolOfficer[], policy: DrawPolicy, window: DrawWindow): RosterIndex {
  const byCertificate = new Map<string, number>();
  officers.forEach((o, i) => byCertificate.set(o.certificateNo, i));
  const conflicts = officers.map((o) => (o.conflicts.length === 0 ? null : new Set(o.conflicts)));
  return { officers, policy, window, byCertificate, conflicts };
}

/**
 * Per-task eligibility: a 行政执法证 valid on every day of the window and on duty
 * (行政处罚法 第四十二条；河南省行政执法条例 第二十四条); no standing conflict with the target
 * (回避: 行政处罚法 第四十三条；河南省行政执法条例 第二十三条); not one of the officers of the
 * target's last inspection when `policy.excludeLastInspector` (local rotation practice).
 */
export function ineligibility(ix: RosterIndex, i: number, target: PoolEnterprise): Ineligibility {
  const o = ix.officers[i] as PoolOfficer;
  if (!(o.certificateValidUntil >= ix.window.to)) return 'certificate';
  if (!o.onDuty) return 'off-duty';
  if (ix.conflicts[i]?.has(target.uscc)) return 'conflict';
  if (ix.policy.excludeLastInspector && target.lastInspectors.includes(o.certificateNo)) return 'last-inspector';
  return null;
}

/** Pool indices of the officers eligible for `target`, in canonical order. */
export function eligibleOfficers(ix: RosterIndex, target: PoolEnterprise): number[] {
  const out: number[] = [];
  for (let i = 0; i < ix.officers.length; i++) if (ineligibility(ix, i, target) === null) out.push(i);
  return out;
}

/** True when the officer's expertise includes the target's industry. */
export function hasExpertise(ix: RosterIndex, i: number, industry: string): boolean {
  return (ix.officers[i] as PoolOfficer).expertise.includes(industry);
}

/** True when the officer belongs to the required unit (always true when none is required). */
export function inRequiredUnit(ix: RosterIndex, i: number): boolean {
  return ix.policy.requireUnit === null || (ix.officers[i] as PoolOfficer).unit === ix.policy.requireUnit;
}

/** Counts of ineligible officers for `target` by cause. */
export function ineligibilityCounts(ix: RosterIndex, target: PoolEnterprise): Record<Exclude<Ineligibility, null>, number> {
  const counts = { certificate: 0, 'off-duty': 0, conflict: 0, 'last-inspector': 0 };
  for (let i = 0; i < ix.officers.length; i++) {
    const why = ineligibility(ix, i, target);
    if (why !== null) counts[why] += 1;
  }
  return counts;
}
