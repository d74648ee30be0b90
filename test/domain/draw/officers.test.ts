import { describe, expect, it } from 'vitest';
import { drawOfficers, normalizeParams, type DrawPolicy, type PoolEnterprise, type PoolOfficer } from '../../../src/domain/draw';
import { cert, uscc, WINDOW } from './fixtures';
import { testSeed } from './stats';

function policy(over: Partial<DrawPolicy> = {}): DrawPolicy {
  const r = normalizeParams({ quotas: 1, window: WINDOW, today: '2025-06-01', policy: over });
  if (!r.ok) throw new Error(r.reason);
  return r.params.policy;
}

const target = (i: number, over: Partial<PoolEnterprise> = {}): PoolEnterprise => ({
  uscc: uscc(i),
  name: `企业${i}`,
  industry: '建材',
  township: '岳滩镇',
  riskLevel: '高',
  lastInspectors: [],
  ...over,
});
const off = (i: number, over: Partial<PoolOfficer> = {}): PoolOfficer => ({
  certificateNo: cert(i),
  name: `执法员${i}`,
  unit: '法规科',
  certificateValidUntil: '2027-12-31',
  expertise: [],
  onDuty: true,
  conflicts: [],
  ...over,
});

describe('officer groups', () => {
  it('refuses a group size below 2 citing 行政处罚法 第四十二条', () => {
    const r = drawOfficers({ targets: [target(1)], officers: [off(1), off(2)], policy: { ...policy(), groupSize: 1 }, window: WINDOW, seed: testSeed(1) });
    expect(r).toMatchObject({ ok: false, code: 'group-too-small' });
    expect(!r.ok && r.reason).toContain('行政处罚法 第四十二条');
  });

  it('says why a target has too few officers, with causes, and draws nobody', () => {
    const officers = [off(1), off(2, { conflicts: [uscc(1)] }), off(3, { certificateValidUntil: '2025-06-15' })];
    const r = drawOfficers({ targets: [target(1, { lastInspectors: [cert(1)] })], officers, policy: policy(), window: WINDOW, seed: testSeed(1) });
    expect(r).toEqual({
      ok: false,
      code: 'too-few-officers',
      reason:
        '企业「企业1」（91410381MA00000001）可选执法人员仅 0 人（每组至少需要 2 人，行政处罚法 第四十二条）；' +
        '本次执法人员名录共 3 人：1 人执法证未覆盖检查期，1 人需回避（行政处罚法 第四十三条），1 人为该企业上次检查人员',
    });
  });

  it('explains an expertise shortage per industry when a per-officer cap applies', () => {
    const officers = [off(1, { expertise: ['建材'] }), off(2), off(3), off(4), off(5), off(6)];
    const targets = [target(1), target(2), target(3)];
    const r = drawOfficers({ targets, officers, policy: policy({ requireExpertise: true, maxTasksPerOfficer: 2 }), window: WINDOW, seed: testSeed(1) });
    expect(r).toEqual({ ok: false, code: 'officer-capacity', reason: '建材行业 3 家企业需要具备建材专长的执法人员，符合条件的仅 1 人（每人最多 2 项任务）' });
  });

  it('says when no eligible officer knows the industry', () => {
    const r = drawOfficers({ targets: [target(1)], officers: [off(1), off(2)], policy: policy({ requireExpertise: true }), window: WINDOW, seed: testSeed(1) });
    expect(r).toMatchObject({ ok: false, code: 'no-expert' });
    expect(!r.ok && r.reason).toBe('企业「企业1」（91410381MA00000001）没有具备「建材」专长的可选执法人员（要求每组至少 1 人具备该行业专长）');
  });

  it('puts an expert and a unit member in every group when required', () => {
    const officers = [off(1, { expertise: ['建材'] }), off(2, { unit: '综合行政执法大队' }), off(3), off(4), off(5, { expertise: ['建材'] })];
    const targets = [target(1), target(2), target(3), target(4)];
    const p = policy({ requireExpertise: true, requireUnit: '综合行政执法大队' });
    for (let s = 0; s < 30; s++) {
      const r = drawOfficers({ targets, officers, policy: p, window: WINDOW, seed: testSeed(s) });
      if (!r.ok) throw new Error(r.reason);
      for (const t of r.tasks) {
        expect(t.officers.some((c) => c === cert(1) || c === cert(5))).toBe(true);
        expect(t.officers).toContain(cert(2));
      }
    }
  });

  it('the greedy least-loaded pass can fail under a cap although an allocation exists, and says so', () => {
    // Cap 1, four officers, two targets: the second target only accepts officers 1 and 2. A
    // lawful allocation exists ({3,4} and {1,2}); the greedy pass fails whenever it puts 1 or 2
    // on the first target.
    const officers = [off(1), off(2), off(3, { conflicts: [uscc(2)] }), off(4, { conflicts: [uscc(2)] })];
    const targets = [target(1), target(2)];
    const p = policy({ maxTasksPerOfficer: 1 });
    const results = Array.from({ length: 40 }, (_, s) => drawOfficers({ targets, officers, policy: p, window: WINDOW, seed: testSeed(s) }));
    const failed = results.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(0);
    expect(results.some((r) => r.ok)).toBe(true);
    expect(!failed[0]!.ok && failed[0]!.reason).toContain('可能仍存在其他合法的分配方案');
    expect(!failed[0]!.ok && failed[0]!.reason).toContain('按“任务最少者优先”的分配方法，无法为企业「企业2」');
  });

  it('spreads the load: counts differ by at most one when everyone is eligible', () => {
    const officers = Array.from({ length: 7 }, (_, i) => off(i));
    const targets = Array.from({ length: 11 }, (_, i) => target(i));
    const r = drawOfficers({ targets, officers, policy: policy({ groupSize: 3 }), window: WINDOW, seed: testSeed(9) });
    if (!r.ok) throw new Error(r.reason);
    const loads = officers.map((o) => r.tasks.filter((t) => t.officers.includes(o.certificateNo)).length);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((a, b) => a + b)).toBe(33);
  });
});
