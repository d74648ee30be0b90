import { describe, expect, it } from 'vitest';
import { createStream, MAX_UNIFORM_N, uniformInt, type WordSource } from '../../../src/domain/random';
import { chiSquare, CHI2_P001, testSeed } from '../draw/stats';

/** A fake stream returning the given words, failing if asked for more. */
function fake(words: number[]): WordSource & { used: number } {
  return {
    used: 0,
    nextUint32() {
      const w = words[this.used];
      if (w === undefined) throw new Error('stream exhausted');
      this.used += 1;
      return w;
    },
  };
}

const TOP = 2 ** 32 - 1;

describe('uniformInt: rejection sampling', () => {
  it('n = 1 returns 0 without consuming a word', () => {
    const s = fake([]);
    expect(uniformInt(s, 1)).toBe(0);
    expect(s.used).toBe(0);
  });

  it('n = 2 and n = 2^31 accept every word (limit = 2^32)', () => {
    const s = fake([TOP, 7]);
    expect(uniformInt(s, 2)).toBe(1);
    expect(s.used).toBe(1);
    const t = fake([2 ** 31 + 5]);
    expect(uniformInt(t, 2 ** 31)).toBe(5);
  });

  it('n = 3 rejects the one word at the limit 4294967295 and redraws', () => {
    expect(Math.floor(2 ** 32 / 3) * 3).toBe(TOP);
    const s = fake([TOP, TOP, 5]);
    expect(uniformInt(s, 3)).toBe(2);
    expect(s.used).toBe(3);
    const t = fake([TOP - 1]);
    expect(uniformInt(t, 3)).toBe((TOP - 1) % 3);
  });

  it('n = 2^32 − 1 rejects exactly 2^32 − 1', () => {
    const s = fake([TOP, TOP - 1]);
    expect(uniformInt(s, MAX_UNIFORM_N)).toBe(TOP - 1);
    expect(s.used).toBe(2);
    const t = fake([123]);
    expect(uniformInt(t, MAX_UNIFORM_N)).toBe(123);
  });

  it('n = 2^31 + 1 rejects the upper half (limit = 2^31 + 1)', () => {
    const s = fake([2 ** 31 + 1, TOP, 2 ** 31]);
    expect(uniformInt(s, 2 ** 31 + 1)).toBe(2 ** 31);
    expect(s.used).toBe(3);
  });

  it('n = 5 rejects words at or above 4294967295, accepts just below', () => {
    const s = fake([TOP, 4294967294]);
    expect(uniformInt(s, 5)).toBe(4294967294 % 5);
    expect(s.used).toBe(2);
  });

  it('refuses n outside [1, 2^32 − 1]', () => {
    for (const n of [0, -1, 1.5, 2 ** 32, Number.NaN]) expect(() => uniformInt(fake([1]), n)).toThrow(RangeError);
  });

  it('is uniform for n = 7 (chi-square, p = 0.001)', () => {
    const s = createStream(testSeed(1), 'chi');
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 70000; i++) counts[uniformInt(s, 7)]! += 1;
    expect(chiSquare(counts)).toBeLessThan(CHI2_P001[6]!);
  });
});
