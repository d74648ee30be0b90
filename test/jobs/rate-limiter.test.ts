import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/jobs/rate-limiter';

/** A virtual clock: sleeping advances time, so the pacing is checked without real waiting. */
function virtualTime() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) best = Math.max(best, times.filter((x) => x >= times[i]! && x < times[i]! + windowMs).length);
  return best;
}

describe('RateLimiter', () => {
  it('spaces sends to one chat evenly, never more than the limit in any second', async () => {
    const t = virtualTime();
    const limiter = new RateLimiter(4, 45, t.now, t.sleep);
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      await limiter.wait('chat-a');
      times.push(t.now());
    }
    expect(maxInWindow(times, 1000)).toBe(4);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(250);
  });

  it('holds the global pace across chats without bursts', async () => {
    const t = virtualTime();
    const limiter = new RateLimiter(4, 10, t.now, t.sleep);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      await limiter.wait(`chat-${i % 10}`);
      times.push(t.now());
    }
    expect(maxInWindow(times, 1000)).toBe(10);
    expect(maxInWindow(times, 100)).toBe(1);
  });
});
