/**
 * The lot of enterprises (检查对象): filters, the always-applied exclusions, canonical order.
 */
import { RISK_LEVELS, type Enterprise, type InspectionRecord, type IsoDate } from '../model';
import { sortByKey } from './canonical-order';
import { addMonths, yearOf } from './dates';
import { detail, zeroCounts, type EnterpriseExclusionCode, type ExcludedEnterprise } from './exclusions';
import { indexHistory, type HistoryFacts } from './history-index';
import type { DrawFilters, DrawPolicy, Failure, PoolEnterprise } from './types';

export interface EnterprisePoolInput {
  enterprises: readonly Enterprise[];
  history: readonly InspectionRecord[];
  filters: DrawFilters;
  policy: Pick<DrawPolicy, 'yearlyCap' | 'cooldownMonths'>;
  today: IsoDate;
}

export interface EnterprisePoolCounts {
  /** Rows in the directory. */
  directory: number;
  /** Rows matching the filters (before exclusions). */
  matchingFilters: number;
  /** Rows not matching the filters (not listed one by one). */
  filteredOut: number;
  eligible: number;
  excluded: number;
  excludedByReason: Record<EnterpriseExclusionCode, number>;
}

export interface EnterprisePool {
  ok: true;
  /** Canonical order (USCC ascending), frozen. */
  pool: readonly PoolEnterprise[];
  excluded: ExcludedEnterprise[];
  counts: EnterprisePoolCounts;
}

const NO_INSPECTORS: readonly string[] = Object.freeze([]);
const RISK_SET: ReadonlySet<string> = new Set(RISK_LEVELS);

function toSet(list: readonly string[] | undefined): Set<string> | null {
  return list === undefined ? null : new Set(list);
}

function makeMatcher(filters: DrawFilters): (e: Enterprise) => boolean {
  const ind = toSet(filters.industries);
  const town = toSet(filters.townships);
  const risk = toSet(filters.riskLevels);
  const ids = toSet(filters.usccs);
  return (e) =>
    (ind === null || ind.has(e.industry)) &&
    (town === null || town.has(e.township)) &&
    (risk === null || risk.has(e.riskLevel)) &&
    (ids === null || ids.has(e.uscc));
}

type Exclusion = { code: EnterpriseExclusionCode; detail: string } | null;

/**
 * Exclusion of one enterprise, first applicable rule wins: not 在营; 重点监管
 * (优化营商环境条例 第五十四条); an open task; the yearly cap of random inspections and the
 * cool-down (偃应急〔2023〕18号 “避免同一生产经营单位多层次重复执法”; records of other
 * departments count too). Cool-down: an inspection dated after `today − cooldownMonths`.
 */
function exclusionOf(e: Enterprise, f: HistoryFacts | undefined, input: EnterprisePoolInput, cutoff: IsoDate | null): Exclusion {
  if (e.status !== '在营') return { code: 'not-operating', detail: detail.notOperating(e.status) };
  if (e.keySupervision) return { code: 'key-supervision', detail: detail.keySupervision() };
  if (f === undefined) return null;
  if (f.openSince !== null) return { code: 'open-task', detail: detail.openTask(f.openSince) };
  const cap = input.policy.yearlyCap;
  if (cap > 0 && f.randomThisYear >= cap) {
    return { code: 'yearly-cap', detail: detail.yearlyCap(yearOf(input.today), f.randomThisYear, cap) };
  }
  if (cutoff !== null && f.lastInspected !== null && f.lastInspected > cutoff) {
    return { code: 'cooldown', detail: detail.cooldown(f.lastInspected, input.policy.cooldownMonths) };
  }
  return null;
}

function poolEntry(e: Enterprise, f: HistoryFacts | undefined): PoolEnterprise {
  const lastInspectors = f === undefined || f.lastInspectors.length === 0 ? NO_INSPECTORS : f.lastInspectors;
  const { uscc, name, industry, township, riskLevel } = e;
  return Object.freeze({ uscc, name, industry, township, riskLevel, lastInspectors });
}

/** Builds the frozen lot; fails (Chinese reason) on a duplicated USCC or a malformed history date. */
export function buildEnterprisePool(input: EnterprisePoolInput): EnterprisePool | Failure {
  const history = indexHistory(input.history, input.today);
  if (!history.ok) return history;
  const matches = makeMatcher(input.filters);
  const cutoff = input.policy.cooldownMonths > 0 ? addMonths(input.today, -input.policy.cooldownMonths) : null;
  const pool: PoolEnterprise[] = [];
  const excluded: ExcludedEnterprise[] = [];
  const byReason = zeroCounts();
  const seen = input.filters.usccs ? new Set<string>() : null;
  let matching = 0;
  for (const e of input.enterprises) {
    if (!matches(e)) continue;
    if (!RISK_SET.has(e.riskLevel)) return { ok: false, reason: `企业 ${e.uscc} 的风险等级「${String(e.riskLevel)}」无效（可用：${RISK_LEVELS.join('、')}）` };
    matching += 1;
    seen?.add(e.uscc);
    const f = history.facts.get(e.uscc);
    const why = exclusionOf(e, f, input, cutoff);
    if (why === null) pool.push(poolEntry(e, f));
    else {
      excluded.push({ uscc: e.uscc, name: e.name, ...why });
      byReason[why.code] += 1;
    }
  }
  for (const uscc of input.filters.usccs ?? []) {
    if (seen?.has(uscc)) continue;
    excluded.push({ uscc, name: '', code: 'not-in-directory', detail: detail.notInDirectory() });
    byReason['not-in-directory'] += 1;
  }
  const sorted = sortByKey(pool, (e) => e.uscc);
  if (!sorted.ok) return { ok: false, reason: `检查对象名录库中统一社会信用代码重复：${sorted.duplicate}` };
  const counts: EnterprisePoolCounts = {
    directory: input.enterprises.length,
    matchingFilters: matching,
    filteredOut: input.enterprises.length - matching,
    eligible: sorted.items.length,
    excluded: excluded.length,
    excludedByReason: byReason,
  };
  return { ok: true, pool: Object.freeze(sorted.items), excluded, counts };
}
