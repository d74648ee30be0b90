import { describe, expect, it } from 'vitest';
import { canonicalJson, normalizeParams, ratioTake } from '../../../src/domain/draw';
import { TODAY, WINDOW } from './fixtures';

const base = { quotas: 3, window: WINDOW, today: TODAY };

describe('params: validation and canonical form', () => {
  it('fills policy defaults and sorts filter lists', () => {
    const r = normalizeParams({ ...base, filters: { industries: ['轻工', '建材', '建材'] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.params.policy).toEqual({
      groupSize: 2,
      yearlyCap: 1,
      cooldownMonths: 0,
      excludeLastInspector: true,
      requireExpertise: false,
      requireUnit: null,
      maxTasksPerOfficer: 0,
    });
    expect(r.params.filters.industries).toEqual(['建材', '轻工']);
    expect(r.paramsCanonical).toBe(canonicalJson(r.params));
    expect(r.paramsCanonical).toBe(
      '{"filters":{"industries":["建材","轻工"]},"policy":{"cooldownMonths":0,"excludeLastInspector":true,"groupSize":2,' +
        '"maxTasksPerOfficer":0,"requireExpertise":false,"requireUnit":null,"yearlyCap":1},' +
        '"quotas":{"count":3,"mode":"total"},"today":"2025-06-01","window":{"from":"2025-06-10","to":"2025-06-20"}}',
    );
  });

  it('canonical JSON sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 'x'], c: null, e: undefined } })).toBe('{"a":{"c":null,"d":[2,"x"]},"b":1}');
  });

  it('refuses a group smaller than two, citing 行政处罚法 第四十二条', () => {
    const r = normalizeParams({ ...base, policy: { groupSize: 1 } });
    expect(r).toEqual({ ok: false, code: 'group-too-small', reason: expect.stringContaining('行政处罚法 第四十二条') });
    expect(!r.ok && r.reason).toContain('不得少于 2 人');
  });

  it('turns ratios into parts per million and rounds strata up exactly', () => {
    const r = normalizeParams({ ...base, quotas: { byRiskRatio: { 高: 0.3, 低: 0.01 } } });
    expect(r.ok && r.params.quotas).toEqual({ mode: 'byRiskRatio', ppm: { 高: 300000, 低: 10000 } });
    expect(ratioTake(300000, 10)).toBe(3); // 0.3 × 10 is 3.0000000000000004 in floating point
    expect(ratioTake(300000, 11)).toBe(4);
    expect(ratioTake(10000, 1)).toBe(1);
    expect(ratioTake(10000, 0)).toBe(0);
    expect(normalizeParams({ ...base, quotas: { byRiskRatio: { 高: 1.5 } } }).ok).toBe(false);
    expect(normalizeParams({ ...base, quotas: { byRiskRatio: { 高: 0.0000001 } } }).ok).toBe(false);
  });

  it('accepts its own canonical form again unchanged', () => {
    const r = normalizeParams({ ...base, quotas: { byIndustry: { 建材: 2, 机械: 1 } }, filters: { riskLevels: ['高'] } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const again = normalizeParams(r.params);
    expect(again.ok && again.paramsCanonical).toBe(r.paramsCanonical);
  });

  it('explains bad input in Chinese', () => {
    const cases: Array<[unknown, string]> = [
      [{ ...base, quotas: 0 }, '抽取数量必须为正整数'],
      [{ ...base, quotas: { byRiskLevel: { 极高: 1 } } }, '风险等级「极高」无效'],
      [{ ...base, window: { from: '2025-06-20', to: '2025-06-10' } }, '晚于结束日期'],
      [{ ...base, window: { from: '2025-02-30', to: '2025-03-01' } }, '格式错误'],
      [{ ...base, filters: { industries: [] } }, '必须是非空列表'],
      [{ ...base, policy: { groupSize: 2, colour: 'red' } }, '无法识别'],
      [{ ...base, today: '2025/06/01' }, 'today'],
    ];
    for (const [input, text] of cases) {
      const r = normalizeParams(input as Parameters<typeof normalizeParams>[0]);
      expect(r.ok ? 'ok' : r.reason).toContain(text);
    }
  });
});
