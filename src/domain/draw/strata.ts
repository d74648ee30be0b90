/**
 * Strata of a target draw: which enterprises each quota applies to and how many it takes.
 */
import { INDUSTRIES, RISK_LEVELS } from '../model';
import { compareCodeUnits } from './canonical-order';
import { lotField } from './lot';
import { fail } from './failure';
import type { CanonicalQuotas, EnterpriseLot, Failure } from './types';

/** One stratum as planned before the seed is known. */
export interface StratumPlan {
  /** Stream label suffix: `all`, `industry:<行业>` or `risk:<风险等级>`. */
  key: string;
  /** Chinese name for the leader. */
  label: string;
  /** Enterprises of the lot in this stratum. */
  available: number;
  /** Asked for (for ratios: ceil(ratio × available)). */
  requested: number;
  /** Actually drawn. */
  take: number;
  /** Set when fewer are available than asked (all of them are taken). */
  note?: string;
}

const PPM = 1_000_000;

/** ceil(ppm × available / 10^6) in exact integer arithmetic. */
export function ratioTake(ppm: number, available: number): number {
  return Math.floor((ppm * available + PPM - 1) / PPM);
}

/** Industries in the order of INDUSTRIES, then any others by code-unit order. */
export function industryOrder(names: readonly string[]): string[] {
  const known = INDUSTRIES.filter((i) => names.includes(i));
  const others = names.filter((n) => !(INDUSTRIES as readonly string[]).includes(n)).sort(compareCodeUnits);
  return [...known, ...others];
}

/** Size of the lot and of each industry and risk level in it: all that the strata depend on. */
export interface LotCounts {
  total: number;
  industry: ReadonlyMap<string, number>;
  riskLevel: ReadonlyMap<string, number>;
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Counts of a lot, in one pass. */
export function countLot(lot: EnterpriseLot): LotCounts {
  const industry = new Map<string, number>();
  const riskLevel = new Map<string, number>();
  for (let i = 0; i < lot.length; i++) {
    bump(industry, lotField(lot, i, 'industry'));
    bump(riskLevel, lotField(lot, i, 'riskLevel'));
  }
  return { total: lot.length, industry, riskLevel };
}

/** The counts of a lot of `total` records as a total quota sees them (it needs nothing else). */
export function sizeOnly(total: number): LotCounts {
  return { total, industry: new Map(), riskLevel: new Map() };
}

/** What planStrata needs of a lot for these quotas (a total draw needs only its size). */
export function countsFor(lot: EnterpriseLot, quotas: CanonicalQuotas): LotCounts {
  return quotas.mode === 'total' ? sizeOnly(lot.length) : countLot(lot);
}

/** Counts from (industry, risk level) groups, as a database can give them. */
export function countGroups(groups: ReadonlyArray<{ industry: string; riskLevel: string; count: number }>): LotCounts {
  const industry = new Map<string, number>();
  const riskLevel = new Map<string, number>();
  let total = 0;
  for (const g of groups) {
    bump(industry, g.industry, g.count);
    bump(riskLevel, g.riskLevel, g.count);
    total += g.count;
  }
  return { total, industry, riskLevel };
}

function countStratum(key: string, label: string, available: number, requested: number): StratumPlan {
  if (requested <= available) return { key, label, available, requested, take: requested };
  const note = `${label}符合条件的企业仅 ${available} 家，少于要求的 ${requested} 家，已全部抽取`;
  return { key, label, available, requested, take: available, note };
}

function plan(lot: LotCounts, quotas: CanonicalQuotas): StratumPlan[] {
  if (quotas.mode === 'total') {
    return [{ key: 'all', label: '全部', available: lot.total, requested: quotas.count, take: quotas.count }];
  }
  if (quotas.mode === 'byIndustry') {
    const counts = lot.industry;
    return industryOrder(Object.keys(quotas.counts)).map((name) =>
      countStratum(`industry:${name}`, `「${name}」行业`, counts.get(name) ?? 0, quotas.counts[name] ?? 0),
    );
  }
  const counts = lot.riskLevel;
  const values: Record<string, number | undefined> = quotas.mode === 'byRiskLevel' ? quotas.counts : quotas.ppm;
  return RISK_LEVELS.filter((r) => values[r] !== undefined).map((r) => {
    const available = counts.get(r) ?? 0;
    const label = `风险等级「${r}」`;
    if (quotas.mode === 'byRiskLevel') return countStratum(`risk:${r}`, label, available, values[r] ?? 0);
    const take = ratioTake(values[r] ?? 0, available);
    return { key: `risk:${r}`, label, available, requested: take, take };
  });
}

/**
 * Plans the strata. A single total larger than the lot is refused (with the number
 * available); a stratum count larger than its stratum takes the whole stratum and says so;
 * a ratio takes ceil(ratio × stratum size). Nothing to draw at all is refused.
 */
export function planStrata(lot: LotCounts, quotas: CanonicalQuotas): { ok: true; strata: StratumPlan[] } | Failure {
  const strata = plan(lot, quotas);
  const first = strata[0];
  if (quotas.mode === 'total' && first && first.take > first.available) {
    return fail('too-few-enterprises', `符合条件的企业仅 ${first.available} 家，少于要求抽取的 ${first.take} 家`);
  }
  if (strata.every((s) => s.take === 0)) {
    return fail('nothing-to-draw', `按所给的抽取数量或比例，没有可抽取的企业（符合条件的企业共 ${lot.total} 家）`);
  }
  return { ok: true, strata };
}
