import { describe, expect, it } from 'vitest';
import { countLot, drawTargets, planStrata, type PoolEnterprise } from '../../../src/domain/draw';
import type { RiskLevel } from '../../../src/domain/model';
import { testSeed } from './stats';
import { uscc } from './fixtures';

function lot(spec: Array<[string, RiskLevel, number]>): PoolEnterprise[] {
  const out: PoolEnterprise[] = [];
  for (const [industry, riskLevel, count] of spec) {
    for (let k = 0; k < count; k++) {
      out.push({ uscc: '', name: `${industry}${k}`, industry, township: '岳滩镇', riskLevel, lastInspectors: [] });
    }
  }
  return out.map((e, i) => ({ ...e, uscc: uscc(i) }));
}

const pool = lot([
  ['建材', '高', 5],
  ['机械', '低', 20],
  ['冶金', '较高', 3],
  ['纺织', '低', 4],
]);

describe('target draw', () => {
  it('draws N distinct enterprises; same seed same result; another seed another result', () => {
    const a = drawTargets({ pool, quotas: { mode: 'total', count: 10 }, seed: testSeed(1) });
    const b = drawTargets({ pool, quotas: { mode: 'total', count: 10 }, seed: testSeed(1) });
    const c = drawTargets({ pool, quotas: { mode: 'total', count: 10 }, seed: testSeed(2) });
    if (!a.ok || !b.ok || !c.ok) throw new Error('draw failed');
    expect(new Set(a.targets.map((t) => t.uscc)).size).toBe(10);
    expect(b.targets).toEqual(a.targets);
    expect(c.targets).not.toEqual(a.targets);
  });

  it('refuses a total larger than the lot and says how many are available', () => {
    const r = drawTargets({ pool, quotas: { mode: 'total', count: 40 }, seed: testSeed(1) });
    expect(r).toEqual({ ok: false, code: 'too-few-enterprises', reason: '符合条件的企业仅 32 家，少于要求抽取的 40 家' });
  });

  it('per-industry strata in the order of INDUSTRIES; a short stratum is taken whole with a note', () => {
    const r = drawTargets({ pool, quotas: { mode: 'byIndustry', counts: { 纺织: 2, 建材: 8, 冶金: 1 } }, seed: testSeed(3) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.strata.map((s) => [s.key, s.available, s.requested, s.take])).toEqual([
      ['industry:冶金', 3, 1, 1],
      ['industry:建材', 5, 8, 5],
      ['industry:纺织', 4, 2, 2],
    ]);
    expect(r.strata[1]!.note).toBe('「建材」行业符合条件的企业仅 5 家，少于要求的 8 家，已全部抽取');
    expect(r.targets.map((t) => t.industry)).toEqual(['冶金', '建材', '建材', '建材', '建材', '建材', '纺织', '纺织']);
  });

  it('risk ratios take ceil(ratio × stratum) in RISK_LEVELS order', () => {
    const plan = planStrata(countLot(pool), { mode: 'byRiskRatio', ppm: { 低: 100000, 高: 300000 } });
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.strata.map((s) => [s.key, s.available, s.take])).toEqual([
      ['risk:高', 5, 2],
      ['risk:低', 24, 3],
    ]);
  });

  it('each stratum has its own stream: changing one stratum does not move another', () => {
    const quotas = { mode: 'byIndustry' as const, counts: { 建材: 2, 机械: 4 } };
    const a = drawTargets({ pool, quotas, seed: testSeed(4) });
    const smaller = pool.filter((e) => e.name !== '建材0');
    const b = drawTargets({ pool: smaller, quotas, seed: testSeed(4) });
    if (!a.ok || !b.ok) throw new Error('draw failed');
    const machines = (t: PoolEnterprise[]) => t.filter((e) => e.industry === '机械').map((e) => e.uscc);
    expect(machines(b.targets)).toEqual(machines(a.targets));
  });

  it('nothing to draw is refused', () => {
    const r = planStrata(countLot(pool), { mode: 'byIndustry', counts: { 有色: 3 } });
    expect(r.ok).toBe(false);
  });
});
