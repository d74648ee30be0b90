import { describe, expect, it } from 'vitest';
import { createStream, partialFisherYates, partialFisherYatesIndices, uniformInt, type WordSource } from '../../../src/domain/random';
import { chiSquare, CHI2_P001, testSeed } from '../draw/stats';

/** Textbook partial Fisher–Yates on a real array, for comparison. */
function reference(n: number, k: number, s: WordSource): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + uniformInt(s, n - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

describe('partial Fisher–Yates', () => {
  it('equals the textbook array version for the same stream', () => {
    for (let t = 0; t < 50; t++) {
      const n = 1 + ((t * 7) % 40);
      const k = t % (n + 1);
      const got = partialFisherYatesIndices(n, k, createStream(testSeed(t), 'fy'));
      expect(got).toEqual(reference(n, k, createStream(testSeed(t), 'fy')));
    }
  });

  it('returns k distinct items in selection order; k = n is a permutation; k = 0 is empty', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const all = partialFisherYates(items, 5, createStream(testSeed(2), 'fy'));
    expect([...all].sort()).toEqual(items);
    expect(partialFisherYates(items, 0, createStream(testSeed(2), 'fy'))).toEqual([]);
    const three = partialFisherYates(items, 3, createStream(testSeed(2), 'fy'));
    expect(three).toEqual(all.slice(0, 3));
  });

  it('costs O(k) on a huge virtual range', () => {
    const picks = partialFisherYatesIndices(50_000_000, 1000, createStream(testSeed(3), 'fy'));
    expect(new Set(picks).size).toBe(1000);
    expect(picks.every((p) => p >= 0 && p < 50_000_000)).toBe(true);
  });

  it('refuses k > n', () => {
    expect(() => partialFisherYatesIndices(3, 4, createStream(testSeed(0), 'fy'))).toThrow(RangeError);
  });

  it('every item is equally likely at every position (chi-square over 6000 shuffles)', () => {
    const n = 6;
    const byPosition = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let t = 0; t < 6000; t++) {
      const perm = partialFisherYatesIndices(n, n, createStream(testSeed(t), 'fy-chi'));
      for (const [pos, item] of perm.entries()) byPosition[pos]![item]! += 1;
    }
    for (const counts of byPosition) expect(chiSquare(counts)).toBeLessThan(CHI2_P001[n - 1]!);
  });
});
