import { describe, expect, it } from 'vitest';
import { readDocNo, targetCount } from '../../../src/domain/plan';

describe('a target as a number of enterprises', () => {
  it('is the count itself', () => {
    expect(targetCount({ kind: 'count', value: 5 }, 0)).toBe(5);
    expect(targetCount({ kind: 'count', value: 5 }, 1000)).toBe(5);
  });

  it('rounds a share of the eligible directory up, exactly', () => {
    // 5% of 20 is exactly 1 (0.05 * 20 in floating point is 1.0000000000000002).
    expect(targetCount({ kind: 'percent', value: 5 }, 20)).toBe(1);
    expect(targetCount({ kind: 'percent', value: 5 }, 21)).toBe(2);
    expect(targetCount({ kind: 'percent', value: 2.5 }, 40)).toBe(1);
    expect(targetCount({ kind: 'percent', value: 2.5 }, 41)).toBe(2);
    expect(targetCount({ kind: 'percent', value: 10 }, 0)).toBe(0);
    expect(targetCount({ kind: 'percent', value: 100 }, 7)).toBe(7);
    expect(targetCount({ kind: 'percent', value: 0.1 }, 1000)).toBe(1);
    expect(targetCount({ kind: 'percent', value: 0.1 }, 1001)).toBe(2);
    expect(targetCount({ kind: 'percent', value: 30 }, 10)).toBe(3);
  });
});

describe('document numbers', () => {
  it('reads any brackets into the canonical 六角括号', () => {
    for (const t of [
      '偃应急〔2023〕18号',
      '偃应急[2023]18号',
      '偃应急【2023】18号',
      '偃应急（2023）18号',
      '偃应急(2023)第18号',
      ' 偃应急 〔２０２３〕 18 号',
    ]) {
      expect(readDocNo(t), t).toBe('偃应急〔2023〕18号');
    }
  });

  it('refuses what is not one', () => {
    for (const t of ['〔2023〕18号', '偃应急2023-18', '偃应急〔2023〕0号', '偃应急〔1899〕1号', '机械', '18号']) expect(readDocNo(t), t).toBeUndefined();
  });
});
