/** Test helpers: fixed seeds and the chi-square statistic. */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** A fixed 32-byte seed per test number. */
export function testSeed(n: number): Uint8Array {
  return sha256(utf8ToBytes(`drbot-test-seed-${n}`));
}

/** Pearson chi-square statistic against equal expected counts. */
export function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

/** Critical values of chi-square at p = 0.001, indexed by degrees of freedom. */
export const CHI2_P001: readonly number[] = [
  0, 10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322, 26.124, 27.877, 29.588, 31.264, 32.909, 34.528, 36.123, 37.697, 39.252, 40.79, 42.312, 43.82,
  45.315,
];
