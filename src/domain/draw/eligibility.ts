/**
 * Who may inspect which enterprise. One index per draw, built from the frozen roster, so that
 * a target costs O(its conflicts + last inspectors) to describe and O(roster) to scan.
 */
import type { DrawPolicy, DrawWindow, PoolEnterprise, PoolOfficer } from './types';

/** Why one officer may not inspect one target (null: he may). Checked in this order. */
export type Ineligibility = 'certificate' | 'off-duty' | 'conflict' | 'last-inspector' | null;

export type CauseCounts = Record<Exclude<Ineligibility, null>, number>;

/** The roster prepared for per-task checks. */
export interface RosterIndex {
  readonly officers: readonly PoolOfficer[];
  readonly policy: DrawPolicy;
  readonly window: DrawWindow;
  /** Pool index by 执法证号. */
  readonly byCertificate: ReadonlyMap<string, number>;
  /** 1 where the draw-wide checks pass (certificate covers the window, on duty). */
  readonly valid: Uint8Array;
  readonly validCount: number;
  readonly invalid: { certificate: number; 'off-duty': number };
  /** USCC → indices of valid officers in conflict with it (canonical order). */
  readonly conflictsByUscc: ReadonlyMap<string, readonly number[]>;
  /** 1 where the officer is in `policy.requireUnit` (all 1 when none is required). */
  readonly unitMask: Uint8Array;
  /** Valid officers in the unit mask. */
  readonly validUnitCount: number;
  /** Industry → mask of officers with that expertise and its count among valid officers (lazy). */
  readonly expertMasks: Map<string, { mask: Uint8Array; validCount: number }>;
}

/**
 * Draw-wide check: a 行政执法证 valid on every day of the window — it has no start date, so
 * `certificateValidUntil ≥ window.to` — and on duty (行政处罚法 第四十二条；河南省行政执法条例
 * 第二十一条、第二十四条；安全生产法 第六十七条).
 */
export function drawWideIneligibility(o: Pick<PoolOfficer, 'certificateValidUntil' | 'onDuty'>, window: DrawWindow): 'certificate' | 'off-duty' | null {
  if (!(o.certificateValidUntil >= window.to)) return 'certificate';
  return o.onDuty ? null : 'off-duty';
}

export function indexRoster(officers: readonly PoolOfficer[], policy: DrawPolicy, window: DrawWindow): RosterIndex {
  const byCertificate = new Map<string, number>();
  const valid = new Uint8Array(officers.length);
  const unitMask = new Uint8Array(officers.length);
  const invalid = { certificate: 0, 'off-duty': 0 };
  const conflictsByUscc = new Map<string, number[]>();
  for (const [i, o] of officers.entries()) {
    byCertificate.set(o.certificateNo, i);
    unitMask[i] = policy.requireUnit === null || o.unit === policy.requireUnit ? 1 : 0;
    const why = drawWideIneligibility(o, window);
    if (why !== null) {
      invalid[why] += 1;
      continue;
    }
    valid[i] = 1;
    for (const uscc of o.conflicts) {
      const list = conflictsByUscc.get(uscc);
      if (list) list.push(i);
      else conflictsByUscc.set(uscc, [i]);
    }
  }
  const validCount = officers.length - invalid.certificate - invalid['off-duty'];
  const validUnitCount = countValid(valid, unitMask);
  const expertMasks = new Map<string, { mask: Uint8Array; validCount: number }>();
  return { officers, policy, window, byCertificate, valid, validCount, invalid, conflictsByUscc, unitMask, validUnitCount, expertMasks };
}

function countValid(valid: Uint8Array, mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < valid.length; i++) n += valid[i] === 1 && mask[i] === 1 ? 1 : 0;
  return n;
}

/** Mask of officers whose expertise includes `industry`, with its count among valid officers. */
export function expertMask(ix: RosterIndex, industry: string): { mask: Uint8Array; validCount: number } {
  let entry = ix.expertMasks.get(industry);
  if (entry === undefined) {
    const mask = Uint8Array.from(ix.officers, (o) => (o.expertise.includes(industry) ? 1 : 0));
    entry = { mask, validCount: countValid(ix.valid, mask) };
    ix.expertMasks.set(industry, entry);
  }
  return entry;
}

/** Valid officers barred from `target`: 回避 first, then last time's inspectors (no overlap). */
export interface Blocked {
  conflict: readonly number[];
  last: readonly number[];
}

/**
 * Per-task bars: a standing conflict (回避: 行政处罚法 第四十三条；河南省行政执法条例 第二十三条);
 * having inspected the target last time when `policy.excludeLastInspector` (local rotation).
 */
export function blockedFor(ix: RosterIndex, target: PoolEnterprise): Blocked {
  const conflict = ix.conflictsByUscc.get(target.uscc) ?? [];
  const last: number[] = [];
  if (ix.policy.excludeLastInspector) {
    for (const cert of target.lastInspectors) {
      const i = ix.byCertificate.get(cert);
      if (i !== undefined && ix.valid[i] === 1 && !conflict.includes(i) && !last.includes(i)) last.push(i);
    }
  }
  return { conflict, last };
}

/** True when officer i may inspect the target with bars `b` (see {@link blockedFor}). */
export function isEligible(ix: RosterIndex, b: Blocked, i: number): boolean {
  return ix.valid[i] === 1 && !b.conflict.includes(i) && !b.last.includes(i);
}

/** Per-officer reason, in the documented order: the one-officer statement of the rules (tests compare the fast counts with it). */
export function ineligibility(ix: RosterIndex, i: number, target: PoolEnterprise): Ineligibility {
  const o = ix.officers[i] as PoolOfficer;
  const wide = drawWideIneligibility(o, ix.window);
  if (wide !== null) return wide;
  const b = blockedFor(ix, target);
  if (b.conflict.includes(i)) return 'conflict';
  return b.last.includes(i) ? 'last-inspector' : null;
}

/** How many may inspect the target, how many of them are experts / unit members, and why the rest may not. */
export interface TargetCounts {
  eligible: number;
  experts: number;
  unitMembers: number;
  causes: CauseCounts;
}

/** O(bars) once the masks exist: base counts minus the barred officers. */
export function targetCounts(ix: RosterIndex, target: PoolEnterprise, b: Blocked = blockedFor(ix, target)): TargetCounts {
  const experts = expertMask(ix, target.industry);
  const blocked = [...b.conflict, ...b.last];
  const barred = (mask: Uint8Array): number => blocked.filter((i) => mask[i] === 1).length;
  return {
    eligible: ix.validCount - blocked.length,
    experts: experts.validCount - barred(experts.mask),
    unitMembers: ix.validUnitCount - barred(ix.unitMask),
    causes: { ...ix.invalid, conflict: b.conflict.length, 'last-inspector': b.last.length },
  };
}

/** True when officer i knows `industry`. */
export function isExpert(ix: RosterIndex, i: number, industry: string): boolean {
  return expertMask(ix, industry).mask[i] === 1;
}

/** True when officer i is in the required unit (always true when none is required). */
export function inUnit(ix: RosterIndex, i: number): boolean {
  return ix.unitMask[i] === 1;
}
