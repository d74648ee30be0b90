/**
 * Random directories for holding a store's draw path to the domain's in-memory prepareDraw:
 * awkward names (TAB, LF, CR, comma, backslash, non-BMP characters), every status, key
 * supervision, an invalid risk level now and then, and the filters and quotas a draw may use.
 */
import type { SeededRandom } from '../../src/domain/demo/seeded-random';
import type { DrawFilters, QuotaSpec } from '../../src/domain/draw';
import { ENTERPRISE_STATUSES, INDUSTRIES, RISK_LEVELS, type Enterprise } from '../../src/domain/model';

export const TOWNSHIPS = ['岳滩镇', '顾县镇', '城关,街道', '翟镇\\镇'];
const AWKWARD = ['', '\t', '\n', '\r', ',', '\\', '\\t', '𠀋', '（分公司）', ' '];

export function uscc(i: number): string {
  return `91410381${String(i).padStart(9, '0')}${'0123456789ABCDEFG'[i % 17]}`;
}

/** A random directory; with `badRisk`, one row has a risk level that is not one of 高、较高、一般、低. */
export function directory(r: SeededRandom, n: number, badRisk: boolean): Enterprise[] {
  const bad = badRisk ? r.int(n) : -1;
  return Array.from({ length: n }, (_, i) => ({
    uscc: uscc(i * 7 + 3),
    name: `企业${i}${r.pick(AWKWARD)}有限公司${r.pick(AWKWARD)}`,
    industry: r.pick(INDUSTRIES),
    township: r.pick(TOWNSHIPS),
    riskLevel: i === bad ? ('中' as Enterprise['riskLevel']) : r.pick(RISK_LEVELS),
    status: r.int(10) === 0 ? r.pick(ENTERPRISE_STATUSES) : '在营',
    keySupervision: r.int(15) === 0,
  }));
}

export function filtersOf(r: SeededRandom, list: Enterprise[]): DrawFilters {
  switch (r.int(5)) {
    case 0:
      return { industries: [r.pick(INDUSTRIES), r.pick(INDUSTRIES)] };
    case 1:
      return { townships: [r.pick(TOWNSHIPS)], riskLevels: ['高', '一般'] };
    case 2:
      return { usccs: [...list.slice(0, 6).map((e) => e.uscc), '91410381000000000X'] };
    default:
      return {};
  }
}

export function quotasOf(r: SeededRandom): QuotaSpec {
  switch (r.int(4)) {
    case 0:
      return { byIndustry: { 冶金: 2, 建材: 1 } };
    case 1:
      return { byRiskRatio: { 高: 0.5, 低: 0.1 } };
    default:
      return 1 + r.int(4);
  }
}
