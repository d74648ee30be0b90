import { describe, expect, it } from 'vitest';
import { drawOfficers, drawTargets, normalizeParams, type PoolEnterprise, type PoolOfficer } from '../../../src/domain/draw';
import { cert, uscc, WINDOW } from './fixtures';
import { chiSquare, CHI2_P001, testSeed } from './stats';

const pool: PoolEnterprise[] = Array.from({ length: 10 }, (_, i) => ({
  uscc: uscc(i),
  name: `企业${i}`,
  industry: '机械',
  township: '岳滩镇',
  riskLevel: '一般',
  lastInspectors: [],
}));
const officers: PoolOfficer[] = Array.from({ length: 6 }, (_, i) => ({
  certificateNo: cert(i),
  name: `执法员${i}`,
  unit: '法规科',
  certificateValidUntil: '2027-12-31',
  expertise: [],
  onDuty: true,
  conflicts: [],
}));
const norm = normalizeParams({ quotas: 1, window: WINDOW, today: '2025-06-01' });
if (!norm.ok) throw new Error(norm.reason);
const policy = norm.params.policy;

describe('uniformity (chi-square, p = 0.001, fixed seeds)', () => {
  it('each enterprise is drawn equally often, and equally often first', () => {
    const chosen = new Array<number>(10).fill(0);
    const first = new Array<number>(10).fill(0);
    for (let s = 0; s < 3000; s++) {
      const r = drawTargets({ pool, quotas: { mode: 'total', count: 3 }, seed: testSeed(s) });
      if (!r.ok) throw new Error(r.reason);
      r.targets.forEach((t, k) => {
        const i = pool.indexOf(t);
        chosen[i]! += 1;
        if (k === 0) first[i]! += 1;
      });
    }
    expect(chiSquare(chosen)).toBeLessThan(CHI2_P001[9]!);
    expect(chiSquare(first)).toBeLessThan(CHI2_P001[9]!);
  });

  it('each officer is drawn equally often for a single target, and each pair equally often', () => {
    const counts = new Array<number>(6).fill(0);
    const pairs = new Map<string, number>();
    for (let s = 0; s < 6000; s++) {
      const r = drawOfficers({ targets: [pool[0]!], officers, policy, window: WINDOW, seed: testSeed(s) });
      if (!r.ok) throw new Error(r.reason);
      const g = r.tasks[0]!.officers;
      for (const c of g) counts[officers.findIndex((o) => o.certificateNo === c)]! += 1;
      const key = [...g].sort().join('+');
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    expect(chiSquare(counts)).toBeLessThan(CHI2_P001[5]!);
    expect(pairs.size).toBe(15);
    expect(chiSquare([...pairs.values()])).toBeLessThan(CHI2_P001[14]!);
  });

  it('the statistic does detect a biased sampler (the test can fail)', () => {
    const biased = [700, 600, 600, 600, 600, 600, 600, 600, 600, 500];
    expect(chiSquare(biased)).toBeGreaterThan(CHI2_P001[9]!);
  });
});
