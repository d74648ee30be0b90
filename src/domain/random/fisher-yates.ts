/**
 * Partial Fisher–Yates: the first k positions of a uniform shuffle.
 */
import type { WordSource } from './stream';
import { uniformInt } from './uniform-int';

/**
 * Indices of the first `k` picks of a Fisher–Yates shuffle of `0 … n−1`.
 *
 * Step i (0 ≤ i < k) picks `j = i + uniformInt(n − i)` and swaps positions i and j; the value
 * at position i is the i-th pick. The array is virtual (a sparse map of swapped positions), so
 * the cost is O(k) whatever n is. When i = n − 1 the step consumes no word (uniformInt(1)).
 */
export function partialFisherYatesIndices(n: number, k: number, source: WordSource): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`k must be in [0, n]`);
  const moved = new Map<number, number>();
  const at = (p: number): number => moved.get(p) ?? p;
  const picks: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + uniformInt(source, n - i);
    const vi = at(i);
    const vj = at(j);
    moved.set(i, vj);
    moved.set(j, vi);
    picks.push(vj);
  }
  return picks;
}

/** The first `k` items of a Fisher–Yates shuffle of `items`, in selection order. */
export function partialFisherYates<T>(items: readonly T[], k: number, source: WordSource): T[] {
  return partialFisherYatesIndices(items.length, k, source).map((i) => items[i] as T);
}
