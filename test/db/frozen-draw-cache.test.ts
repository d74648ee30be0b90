import { describe, expect, it } from 'vitest';
import { FrozenDrawCache } from '../../src/db/repos/draw-repo';

describe('FrozenDrawCache', () => {
  it('answers only for the same draw and commitment, and keeps the most recent few', () => {
    const cache = new FrozenDrawCache<{ pool: number }>(2);
    cache.set(1, 'c1', { pool: 1 });
    cache.set(2, 'c2', { pool: 2 });
    expect(cache.get(1, 'c1')).toEqual({ pool: 1 });
    expect(cache.get(1, 'other commitment')).toBeUndefined();
    cache.set(3, 'c3', { pool: 3 });
    expect(cache.get(2, 'c2')).toBeUndefined();
    expect(cache.get(1, 'c1')).toEqual({ pool: 1 });
    expect(cache.get(3, 'c3')).toEqual({ pool: 3 });
  });
});
