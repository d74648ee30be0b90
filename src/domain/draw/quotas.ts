/**
 * Quotas: how many enterprises to draw, in total or per stratum. Validation and the
 * canonical form (ratios become integer parts per million, so no float rounding reaches the
 * draw).
 */
import { RISK_LEVELS, type RiskLevel } from '../model';
import { fail } from './failure';
import type { CanonicalQuotas, Failure } from './types';

type Ok = { ok: true; quotas: CanonicalQuotas };

const PPM = 1_000_000;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100_000_000;
}

function counts(raw: unknown, riskKeys: boolean, what: string): Record<string, number> | string {
  if (!isObject(raw)) return `${what}格式错误`;
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key.length === 0) return `${what}中有空的分类名`;
    if (riskKeys && !(RISK_LEVELS as readonly string[]).includes(key)) {
      return `${what}中的风险等级「${key}」无效（可用：${RISK_LEVELS.join('、')}）`;
    }
    if (!isCount(value)) return `${what}中「${key}」的数量必须为非负整数，当前为 ${String(value)}`;
    out[key] = value;
  }
  if (!Object.values(out).some((v) => v > 0)) return `${what}合计必须大于 0`;
  return out;
}

/** Ratio in [0, 1] with at most 6 decimals → parts per million; else a message. */
export function ratioToPpm(key: string, ratio: unknown): number | string {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    return `风险等级「${key}」的抽查比例必须在 0 到 1 之间，当前为 ${String(ratio)}`;
  }
  const ppm = Math.round(ratio * PPM);
  if (Math.abs(ratio * PPM - ppm) > 1e-4) return `风险等级「${key}」的抽查比例最多保留 6 位小数`;
  return ppm;
}

function ratios(raw: unknown): Record<string, number> | string {
  if (!isObject(raw)) return '按风险等级比例抽取的格式错误';
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(RISK_LEVELS as readonly string[]).includes(key)) return `风险等级「${key}」无效（可用：${RISK_LEVELS.join('、')}）`;
    const ppm = ratioToPpm(key, value);
    if (typeof ppm === 'string') return ppm;
    out[key] = ppm;
  }
  if (!Object.values(out).some((v) => v > 0)) return '各风险等级的抽查比例不能全为 0';
  return out;
}

function wrap<T>(value: T | string, make: (v: T) => CanonicalQuotas): Ok | Failure {
  return typeof value === 'string' ? fail('invalid-quotas', value) : { ok: true, quotas: make(value) };
}

function total(n: unknown): Ok | Failure {
  if (!isCount(n) || n < 1) return fail('invalid-quotas', `抽取数量必须为正整数，当前为 ${String(n)}`);
  return { ok: true, quotas: { mode: 'total', count: n } };
}

function ppmMap(raw: unknown): Record<string, number> | string {
  const out = counts(raw, true, '按比例抽取');
  if (typeof out === 'string') return out;
  const bad = Object.values(out).find((v) => v > PPM);
  return bad === undefined ? out : `抽查比例不能超过 100%（${PPM} ppm）`;
}

/** Accepts a number, `{total}`, `{byIndustry}`, `{byRiskLevel}`, `{byRiskRatio}` or a canonical form. */
export function normalizeQuotas(raw: unknown): Ok | Failure {
  if (typeof raw === 'number') return total(raw);
  if (!isObject(raw)) return fail('invalid-quotas', '抽取数量（quotas）格式错误');
  const keys = Object.keys(raw);
  const only = (...allowed: string[]): boolean => keys.every((k) => allowed.includes(k));
  if ('total' in raw && only('total')) return total(raw.total);
  if ('byIndustry' in raw && only('byIndustry')) {
    return wrap(counts(raw.byIndustry, false, '按行业抽取数量'), (c) => ({ mode: 'byIndustry', counts: c }));
  }
  if ('byRiskLevel' in raw && only('byRiskLevel')) {
    return wrap(counts(raw.byRiskLevel, true, '按风险等级抽取数量'), (c) => ({ mode: 'byRiskLevel', counts: c }));
  }
  if ('byRiskRatio' in raw && only('byRiskRatio')) {
    return wrap(ratios(raw.byRiskRatio), (p) => ({ mode: 'byRiskRatio', ppm: p }));
  }
  return normalizeCanonical(raw);
}

function normalizeCanonical(raw: Record<string, unknown>): Ok | Failure {
  const keys = Object.keys(raw).sort().join(',');
  if (raw.mode === 'total' && keys === 'count,mode') return total(raw.count);
  if (raw.mode === 'byIndustry' && keys === 'counts,mode') {
    return wrap(counts(raw.counts, false, '按行业抽取数量'), (c) => ({ mode: 'byIndustry', counts: c }));
  }
  if (raw.mode === 'byRiskLevel' && keys === 'counts,mode') {
    return wrap(counts(raw.counts, true, '按风险等级抽取数量'), (c) => ({ mode: 'byRiskLevel', counts: c }));
  }
  if (raw.mode === 'byRiskRatio' && keys === 'mode,ppm') {
    return wrap(ppmMap(raw.ppm), (p) => ({ mode: 'byRiskRatio', ppm: p as Partial<Record<RiskLevel, number>> }));
  }
  return fail('invalid-quotas', '抽取数量（quotas）格式错误：应为数字，或按行业、按风险等级的数量，或按风险等级的比例');
}
