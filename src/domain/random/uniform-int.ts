/**
 * Unbiased integers from uint32 words by rejection sampling.
 */
import type { WordSource } from './stream';

/** 2^32, the number of distinct uint32 words. */
const TWO_POW_32 = 0x1_0000_0000;

/** Largest n accepted by {@link uniformInt}. */
export const MAX_UNIFORM_N = TWO_POW_32 - 1;

/**
 * Uniform integer in [0, n) for 1 ≤ n ≤ 2^32 − 1.
 *
 * `limit = floor(2^32 / n) * n`; draw a word `v`, redraw while `v >= limit`, return `v % n`.
 * Every residue then has exactly `floor(2^32 / n)` preimages, so there is no modulo bias.
 * For n = 1 the answer is 0 and **no word is consumed** (nothing is random about it).
 */
export function uniformInt(source: WordSource, n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > MAX_UNIFORM_N) {
    throw new RangeError(`uniformInt: n must be an integer in [1, 2^32 − 1], got ${n}`);
  }
  if (n === 1) return 0;
  const limit = Math.floor(TWO_POW_32 / n) * n;
  for (;;) {
    const v = source.nextUint32();
    if (v < limit) return v % n;
  }
}
