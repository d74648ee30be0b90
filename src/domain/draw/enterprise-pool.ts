/**
 * The lot of enterprises (检查对象): filters, the always-applied exclusions, canonical order.
 */
import { RISK_LEVELS, type Enterprise, type InspectionRecord, type IsoDate } from '../model';
import { sortByKey } from './canonical-order';
import { addMonths, yearOf } from '../workdays/dates';
import { detail, zeroCounts, type EnterpriseExclusionCode, type ExcludedEnterprise } from './exclusions';
import { indexHistory, type HistoryFacts } from './history-index';
import { fail } from './failure';
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

/** The one status that may be drawn (企业状态“在营”). */
export const OPERATING_STATUS = '在营';

/**
 * Which matching enterprises the rules must look at one by one; all the others ("plain": 在营,
 * not 重点监管, a valid risk level, no inspection history, named in no officer's conflicts, of an
 * industry every officer group can serve, and no 定向 list) are in the lot whatever their name or
 * township, so a database can count and serialize them without sending them here.
 */
export interface PlainSpec {
  filters: DrawFilters;
  /** USCCs with inspection history or named in an officer's standing conflicts, sorted. */
  specialUsccs: string[];
  /** Industries for which an enterprise without history or conflicts could not be staffed. */
  barredIndustries: string[];
}

/** Plain enterprises counted by industry and risk level. */
export interface PlainGroup {
  industry: string;
  riskLevel: string;
  count: number;
}

/** What the directory holds for a draw: its size, the special rows in full, the plain ones counted. */
export interface DirectorySlice {
  /**
   * Rows in the directory; null when the draw has no filter (every row matches, so the special
   * rows and the lot's size tell it, and a directory of a million need not be counted).
   */
  directorySize: number | null;
  /** Matching rows that are not plain, in any order. */
  specials: readonly Enterprise[];
  /**
   * Plain rows by industry and risk level, which stratified quotas need before the draw; null
   * when the quotas need only the lot's size (a total), which freezing the lot tells, so that a
   * directory of a million is not read twice.
   */
  plainGroups: readonly PlainGroup[] | null;
}

/** True when no filter is given: every row of the directory matches. */
export function matchesAll(filters: DrawFilters): boolean {
  return filters.industries === undefined && filters.townships === undefined && filters.riskLevels === undefined && filters.usccs === undefined;
}

/** Filter match (all given filters must hold). */
export function makeMatcher(filters: DrawFilters): (e: Enterprise) => boolean {
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

const NO_INSPECTORS: readonly string[] = Object.freeze([]);
const RISK_SET: ReadonlySet<string> = new Set(RISK_LEVELS);

function toSet(list: readonly string[] | undefined): Set<string> | null {
  return list === undefined ? null : new Set(list);
}

/** The plain test of {@link PlainSpec}, for one matching enterprise. */
export function plainTest(spec: PlainSpec): (e: Enterprise) => boolean {
  const special = new Set(spec.specialUsccs);
  const barred = new Set(spec.barredIndustries);
  const directed = spec.filters.usccs !== undefined;
  return (e) => !directed && e.status === OPERATING_STATUS && !e.keySupervision && RISK_SET.has(e.riskLevel) && !special.has(e.uscc) && !barred.has(e.industry);
}

/** The slice of an in-memory directory (plain rows always counted), and its plain rows (which a database would keep). */
export function sliceDirectory(enterprises: readonly Enterprise[], spec: PlainSpec): { slice: DirectorySlice; plain: Enterprise[] } {
  const matches = makeMatcher(spec.filters);
  const isPlain = plainTest(spec);
  const specials: Enterprise[] = [];
  const plain: Enterprise[] = [];
  const groups = new Map<string, PlainGroup>();
  for (const e of enterprises) {
    if (!matches(e)) continue;
    if (!isPlain(e)) {
      specials.push(e);
      continue;
    }
    plain.push(e);
    const key = `${e.industry}\t${e.riskLevel}`;
    const g = groups.get(key);
    if (g) g.count += 1;
    else groups.set(key, { industry: e.industry, riskLevel: e.riskLevel, count: 1 });
  }
  return { slice: { directorySize: enterprises.length, specials, plainGroups: [...groups.values()] }, plain };
}

type Exclusion = { code: EnterpriseExclusionCode; detail: string } | null;

/**
 * Exclusion of one enterprise, first applicable rule wins: not 在营; 重点监管
 * (优化营商环境条例 第五十四条); an open task; the yearly cap of random inspections and the
 * cool-down (偃应急〔2023〕18号 “避免同一生产经营单位多层次重复执法”; records of other
 * departments count too). Cool-down: an inspection dated after `today − cooldownMonths`.
 */
function exclusionOf(e: Enterprise, f: HistoryFacts | undefined, input: Pick<EnterprisePoolInput, 'policy' | 'today'>, cutoff: IsoDate | null): Exclusion {
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

export function poolEntry(e: Enterprise, f: HistoryFacts | undefined): PoolEnterprise {
  const lastInspectors = f === undefined || f.lastInspectors.length === 0 ? NO_INSPECTORS : f.lastInspectors;
  const { uscc, name, industry, township, riskLevel } = e;
  return Object.freeze({ uscc, name, industry, township, riskLevel, lastInspectors });
}

/** The eligible special rows and what was excluded, before any roster is looked at. */
export interface PlannedPool {
  ok: true;
  /** Special rows that enter the lot, in no particular order. */
  specials: PoolEnterprise[];
  excluded: ExcludedEnterprise[];
}

function invalidRisk(uscc: string, risk: string): Failure {
  return fail('invalid-enterprise', `企业 ${uscc} 的风险等级「${risk}」无效（可用：${RISK_LEVELS.join('、')}）`);
}

/**
 * Applies the exclusion rules to the special rows of a slice (plain rows pass them by
 * construction). Fails (Chinese reason) on an invalid risk level, which only a special row
 * can have.
 */
export function planEnterprisePool(
  slice: DirectorySlice,
  facts: ReadonlyMap<string, HistoryFacts>,
  input: Pick<EnterprisePoolInput, 'filters' | 'policy' | 'today'>,
): PlannedPool | Failure {
  const cutoff = input.policy.cooldownMonths > 0 ? addMonths(input.today, -input.policy.cooldownMonths) : null;
  const specials: PoolEnterprise[] = [];
  const excluded: ExcludedEnterprise[] = [];
  const found = new Set<string>();
  for (const e of slice.specials) {
    if (!RISK_SET.has(e.riskLevel)) return invalidRisk(e.uscc, e.riskLevel);
    found.add(e.uscc);
    const f = facts.get(e.uscc);
    const why = exclusionOf(e, f, input, cutoff);
    if (why === null) specials.push(poolEntry(e, f));
    else excluded.push({ uscc: e.uscc, name: e.name, ...why });
  }
  for (const uscc of input.filters.usccs ?? []) {
    if (found.has(uscc)) continue;
    excluded.push({ uscc, name: '', code: 'not-in-directory', detail: detail.notInDirectory() });
  }
  return { ok: true, specials, excluded };
}

/**
 * The counts shown to the leader, once the lot is known: `lotSize` records of which
 * `lotSpecials` came from the slice's special rows (the rest are plain rows).
 */
export function poolCounts(
  slice: Pick<DirectorySlice, 'directorySize' | 'specials'>,
  excluded: readonly ExcludedEnterprise[],
  lotSize: number,
  lotSpecials: number,
): EnterprisePoolCounts {
  const matching = slice.specials.length + lotSize - lotSpecials;
  const directory = slice.directorySize ?? matching;
  const excludedByReason = zeroCounts();
  for (const x of excluded) excludedByReason[x.code] += 1;
  return {
    directory,
    matchingFilters: matching,
    filteredOut: directory - matching,
    eligible: lotSize,
    excluded: excluded.length,
    excludedByReason,
  };
}

/** Plain rows and eligible special rows merged in canonical order; fails on a duplicated USCC. */
export function mergeLot(plain: readonly Enterprise[], specials: readonly PoolEnterprise[]): { ok: true; pool: readonly PoolEnterprise[] } | Failure {
  const all = [...plain.map((e) => poolEntry(e, undefined)), ...specials];
  const sorted = sortByKey(all, (e) => e.uscc);
  if (!sorted.ok) return fail('duplicate-enterprise', `检查对象名录库中统一社会信用代码重复：${sorted.duplicate}`);
  return { ok: true, pool: Object.freeze(sorted.items) };
}

/** Builds the frozen lot without a roster (no unstaffable check); fails on a duplicated USCC or a malformed history date. */
export function buildEnterprisePool(input: EnterprisePoolInput): EnterprisePool | Failure {
  const history = indexHistory(input.history, input.today);
  if (!history.ok) return history;
  const spec: PlainSpec = { filters: input.filters, specialUsccs: [...history.facts.keys()], barredIndustries: [] };
  const { slice, plain } = sliceDirectory(input.enterprises, spec);
  const planned = planEnterprisePool(slice, history.facts, input);
  if (!planned.ok) return planned;
  const merged = mergeLot(plain, planned.specials);
  if (!merged.ok) return merged;
  return { ok: true, pool: merged.pool, excluded: planned.excluded, counts: poolCounts(slice, planned.excluded, merged.pool.length, planned.specials.length) };
}
