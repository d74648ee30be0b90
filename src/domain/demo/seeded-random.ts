import { sha256 } from '@noble/hashes/sha2.js';

/**
 * Deterministic generator for the demo data only (not for draws: those use the documented
 * stream of src/domain/random). SHA-256(seed ":" counter) gives 32 bytes = 8 uint32 per block.
 */
export class SeededRandom {
  private counter = 0;
  private block: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private readonly encoder = new TextEncoder();

  constructor(private readonly seed: string) {}

  /** Uniform integer in [0, 2^32). */
  uint32(): number {
    if (this.offset + 4 > this.block.length) {
      this.block = sha256(this.encoder.encode(`${this.seed}:${this.counter++}`));
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 4;
    return (((b[o] ?? 0) << 24) | ((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0)) >>> 0;
  }

  /** Uniform integer in [0, n), by rejection sampling (no modulo bias). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`bad range ${n}`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const x = this.uint32();
      if (x < limit) return x % n;
    }
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((n, [, w]) => n + w, 0);
    let x = this.int(total);
    for (const [value, weight] of entries) {
      if (x < weight) return value;
      x -= weight;
    }
    throw new RangeError('weighted pick from an empty list');
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const a = [...items];
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [a[i], a[j]] = [a[j] as T, a[i] as T];
    }
    return a;
  }
}
