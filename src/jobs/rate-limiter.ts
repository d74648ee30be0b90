/**
 * Paces sends within platform limits (Feishu: 5 per second per chat or user, 50 per second per
 * app) by spacing them evenly: one send per 1/limit seconds for each key and for everything.
 * A queue of 1,000 digests goes out at a steady rate instead of in one burst per second.
 */
export class RateLimiter {
  private readonly nextByKey = new Map<string, number>();
  private nextGlobal = 0;
  private readonly keyGapMs: number;
  private readonly globalGapMs: number;

  constructor(
    perKeyPerSecond: number,
    globalPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.keyGapMs = 1000 / perKeyPerSecond;
    this.globalGapMs = 1000 / globalPerSecond;
  }

  /** Milliseconds until a send for `key` is allowed (0 = now). */
  delayFor(key: string): number {
    const t = this.now();
    return Math.max(0, (this.nextByKey.get(key) ?? 0) - t, this.nextGlobal - t);
  }

  async wait(key: string): Promise<void> {
    for (let d = this.delayFor(key); d > 0; d = this.delayFor(key)) await this.sleep(d);
    const t = this.now();
    this.nextByKey.set(key, t + this.keyGapMs);
    this.nextGlobal = t + this.globalGapMs;
    if (this.nextByKey.size > 10_000) this.forgetPast(t);
  }

  /** Drops keys whose gap is over, so the map does not grow with every chat ever seen. */
  private forgetPast(t: number): void {
    for (const [k, next] of this.nextByKey) if (next <= t) this.nextByKey.delete(k);
  }
}
