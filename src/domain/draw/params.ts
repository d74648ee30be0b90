/**
 * Draw parameters: validation and canonical form. The canonical JSON text of the params goes
 * into the seed, so every value that shapes the result is fixed before the draw.
 */
import { RISK_LEVELS, type RiskLevel } from '../model';
import { canonicalJson } from './canonical-json';
import { sortedUnique } from './canonical-order';
import { isIsoDate } from '../workdays/dates';
import { normalizePolicy } from './policy';
import { normalizeQuotas } from './quotas';
import { fail } from './failure';
import type { CanonicalParams, DrawFilters, DrawWindow, Failure } from './types';

const FILTER_LABELS: Record<keyof DrawFilters, string> = {
  industries: '行业',
  townships: '乡镇/街道',
  riskLevels: '风险等级',
  usccs: '定向企业名单',
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function filterList(key: keyof DrawFilters, raw: unknown): string[] | string {
  const label = FILTER_LABELS[key];
  if (!Array.isArray(raw) || raw.length === 0) return `筛选条件「${label}」必须是非空列表`;
  if (!raw.every((v) => typeof v === 'string' && v.length > 0)) return `筛选条件「${label}」中有空值或非文字`;
  const bad = key === 'riskLevels' ? raw.find((v) => !(RISK_LEVELS as readonly string[]).includes(v)) : undefined;
  if (bad !== undefined) return `风险等级「${String(bad)}」无效（可用：${RISK_LEVELS.join('、')}）`;
  return sortedUnique(raw as string[]);
}

/** Filters with every list sorted and de-duplicated; absent lists stay absent. */
export function normalizeFilters(raw: unknown): { ok: true; filters: DrawFilters } | Failure {
  const input = raw ?? {};
  if (!isObject(input)) return fail('invalid-filters', '筛选条件（filters）格式错误');
  const filters: DrawFilters = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(key in FILTER_LABELS)) return fail('invalid-filters', `无法识别的筛选条件：${key}`);
    if (value === undefined) continue;
    const list = filterList(key as keyof DrawFilters, value);
    if (typeof list === 'string') return fail('invalid-filters', list);
    if (key === 'riskLevels') filters.riskLevels = list as RiskLevel[];
    else filters[key as 'industries' | 'townships' | 'usccs'] = list;
  }
  return { ok: true, filters };
}

function normalizeWindow(raw: unknown): { ok: true; window: DrawWindow } | Failure {
  if (!isObject(raw) || !isIsoDate(raw.from) || !isIsoDate(raw.to)) {
    return fail('invalid-window', '检查期（window）格式错误：起止日期应为 YYYY-MM-DD');
  }
  if (raw.from > raw.to) return fail('invalid-window', `检查期开始日期 ${raw.from} 晚于结束日期 ${raw.to}`);
  return { ok: true, window: { from: raw.from, to: raw.to } };
}

/** Input of {@link normalizeParams}; untyped because the verifier feeds it exported JSON. */
export interface ParamsInput {
  filters?: unknown;
  quotas: unknown;
  policy?: unknown;
  window: unknown;
  today: unknown;
}

/** Validated canonical params and their canonical JSON text. */
export interface NormalizedParams {
  ok: true;
  params: CanonicalParams;
  paramsCanonical: string;
}

/** Validates and canonicalizes all draw parameters (Chinese message on the first problem). */
export function normalizeParams(input: ParamsInput): NormalizedParams | Failure {
  const filters = normalizeFilters(input.filters);
  if (!filters.ok) return filters;
  const quotas = normalizeQuotas(input.quotas);
  if (!quotas.ok) return quotas;
  const policy = normalizePolicy(input.policy);
  if (!policy.ok) return policy;
  const window = normalizeWindow(input.window);
  if (!window.ok) return window;
  if (!isIsoDate(input.today)) return fail('invalid-today', '抽取日期（today）格式错误，应为 YYYY-MM-DD');
  const params: CanonicalParams = {
    filters: filters.filters,
    quotas: quotas.quotas,
    policy: policy.policy,
    window: window.window,
    today: input.today,
  };
  return { ok: true, params, paramsCanonical: canonicalJson(params) };
}
