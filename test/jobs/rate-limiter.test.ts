import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/jobs/rate-limiter';

/** A virtual clock: sleeping advances time, so the pacing is checked without real waiting. */
function virtualTime() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe('RateLimiter', () => {
  it('never lets more than the per-key limit out in any one-second window', async () => {
    const t = virtualTime();
    const limiter = new RateLimiter(4, 45, t.now, t.sleep);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      await limiter.wait('chat-a');
      times.push(t.now());
    }
    for (let i = 4; i < times.length; i++) expect(times[i]! - times[i - 4]!).toBeGreaterThanOrEqual(1000);
    expect(times[19]).toBeLessThanOrEqual(4000);
  });

  it('keeps chats apart but holds the global limit', async () => {
    const t = virtualTime();
    const limiter = new RateLimiter(4, 10, t.now, t.sleep);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      await limiter.wait(`chat-${i % 10}`);
      times.push(t.now());
    }
    expect(times.slice(0, 10).every((x) => x === 0)).toBe(true);
    for (let i = 10; i < times.length; i++) expect(times[i]! - times[i - 10]!).toBeGreaterThanOrEqual(1000);
  });
});
