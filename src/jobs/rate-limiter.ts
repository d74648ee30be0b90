/**
 * Paces sends within platform limits (Feishu: 5 per second per chat or user, 50 per second per
 * app): a sliding one-second window per key and one for everything. `wait(key)` resolves when a
 * send may go out, spacing bursts instead of dropping them.
 */
export class RateLimiter {
  private readonly perKey = new Map<string, number[]>();
  private global: number[] = [];

  constructor(
    private readonly perKeyPerSecond: number,
    private readonly globalPerSecond: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Milliseconds until a send for `key` is allowed (0 = now). */
  delayFor(key: string): number {
    const t = this.now();
    const recent = (this.perKey.get(key) ?? []).filter((x) => t - x < 1000);
    this.perKey.set(key, recent);
    this.global = this.global.filter((x) => t - x < 1000);
    const waitKey = recent.length >= this.perKeyPerSecond ? 1000 - (t - recent[recent.length - this.perKeyPerSecond]!) : 0;
    const waitGlobal = this.global.length >= this.globalPerSecond ? 1000 - (t - this.global[this.global.length - this.globalPerSecond]!) : 0;
    return Math.max(waitKey, waitGlobal, 0);
  }

  async wait(key: string): Promise<void> {
    for (let d = this.delayFor(key); d > 0; d = this.delayFor(key)) await this.sleep(d);
    const t = this.now();
    this.perKey.get(key)!.push(t);
    this.global.push(t);
  }
}
