/**
 * HEAP_GROWING_PERCENT takes effect when set at start (src/heap-growth.ts): the same allocation
 * pattern (a live set, and garbage that lives long enough to reach the old generation) leaves a
 * smaller heap than V8's default growth, in a fresh process each.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const module = fileURLToPath(new URL('../src/heap-growth.ts', import.meta.url));
const pattern = (limit: boolean) => `
  ${limit ? `const { limitHeapGrowth } = await import(${JSON.stringify(module)}); limitHeapGrowth(20);` : ''}
  const live = []; for (let i = 0; i < 300000; i++) live.push({ a: i, b: 'x' + i, c: [i] });
  const keep = []; let most = 0;
  for (let round = 0; round < 3000; round++) {
    const g = []; for (let i = 0; i < 2000; i++) g.push({ i, s: 'y' + i, arr: new Array(10).fill(i) });
    keep.push(g); if (keep.length > 40) keep.shift();
    if (round % 50 === 0) most = Math.max(most, process.memoryUsage().heapTotal);
  }
  console.log(Math.round(most / 1048576), live.length);`;
const largestHeapMb = (limit: boolean) =>
  Number(execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', pattern(limit)], { encoding: 'utf8' }).split(' ')[0]);

describe('limiting the heap growth', () => {
  it('keeps the heap smaller than V8 default growth does, for the same work', () => {
    const byDefault = largestHeapMb(false);
    const limited = largestHeapMb(true);
    expect(limited).toBeLessThan(byDefault * 0.8);
  }, 60_000);
});
