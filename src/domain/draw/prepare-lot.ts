/**
 * Step 2 of a prepare: the rules applied to the enterprises that must be looked at one by one
 * (the slice's special rows: not 在营, 重点监管, an open task, the yearly cap, the cool-down,
 * then those no lawful group could inspect). The plain rows enter the lot as they are.
 */
import { compareCodeUnits } from './canonical-order';
import { planEnterprisePool, type DirectorySlice } from './enterprise-pool';
import type { ExcludedEnterprise } from './exclusions';
import type { RosterIndex } from './eligibility';
import type { PrepareStart } from './prepare-start';
import { enterpriseLine } from './serialize';
import { findUnstaffable } from './staffable';
import { fail } from './failure';
import type { Failure, PoolEnterprise } from './types';

/** The lot decided: the special rows that enter it (the plain rows of the slice join them) and the exclusions. */
export interface LotPlan {
  ok: true;
  /** Special rows in the lot, canonical order. */
  specials: readonly PoolEnterprise[];
  /** `enterpriseLine` of each special row, same order (what a database serializes with the plain rows). */
  specialLines: string[];
  excluded: ExcludedEnterprise[];
  /** The slice the lot was planned from (its counts are finished once the lot's size is known). */
  slice: DirectorySlice;
}

/** Eligible specials that cannot be staffed leave the lot, recorded as excluded. */
function dropUnstaffable(ix: RosterIndex, specials: readonly PoolEnterprise[], excluded: ExcludedEnterprise[]): PoolEnterprise[] {
  const bad = findUnstaffable(ix, specials);
  const drop = new Set(bad.map((b) => b.index));
  for (const b of bad) {
    const e = specials[b.index] as PoolEnterprise;
    excluded.push({ uscc: e.uscc, name: e.name, code: 'unstaffable', detail: b.detail });
  }
  return specials.filter((_, i) => !drop.has(i));
}

/** Step 2: which special rows enter the lot, and why the others do not. */
export function planLot(start: PrepareStart, slice: DirectorySlice): LotPlan | Failure {
  const barred = new Set(start.spec.barredIndustries);
  const misplaced = slice.plainGroups?.find((g) => barred.has(g.industry));
  if (misplaced) return fail('internal', `内部错误：「${misplaced.industry}」行业的企业应逐一核对`);
  const { params } = start.norm;
  const planned = planEnterprisePool(slice, start.facts, { filters: params.filters, policy: params.policy, today: params.today });
  if (!planned.ok) return planned;
  const specials = dropUnstaffable(start.ix, planned.specials, planned.excluded).sort((a, b) => compareCodeUnits(a.uscc, b.uscc));
  return { ok: true, specials, specialLines: specials.map(enterpriseLine), excluded: planned.excluded, slice };
}
