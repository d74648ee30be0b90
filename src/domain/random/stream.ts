/**
 * Deterministic random stream for auditable draws.
 *
 * Block `c` (c = 0, 1, 2, …) is
 * `HMAC-SHA256(key = seed, msg = utf8(label) || 0x00 || uint64_be(c))`;
 * each 32-byte block yields eight big-endian uint32 words, consumed in order.
 * The label separates independent sub-streams of one seed (`targets:all`, `officers`, …).
 *
 * Never seeded from a clock or Math.random: the seed is exactly 32 bytes, so the number of
 * possible streams is never the bottleneck (a 32-bit seed could not reach most selections).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { uniformInt } from './uniform-int';

/** Anything that yields uniformly distributed uint32 words (tests inject fakes). */
export interface WordSource {
  /** Next word, an integer in [0, 2^32 − 1]. */
  nextUint32(): number;
}

/** Length of a seed in bytes. */
export const SEED_BYTES = 32;

/** HMAC-SHA256 counter-mode stream (see module comment for the exact construction). */
export class HmacStream implements WordSource {
  private readonly keyed: ReturnType<typeof hmac.create>;
  private readonly message: Uint8Array;
  private readonly view: DataView;
  private readonly counterOffset: number;
  private block: Uint8Array = new Uint8Array(0);
  private blockView: DataView = new DataView(new ArrayBuffer(0));
  private position = 32;
  private counter = 0;

  constructor(seed: Uint8Array, label: string) {
    if (!(seed instanceof Uint8Array) || seed.length !== SEED_BYTES) {
      throw new RangeError(`seed must be ${SEED_BYTES} bytes`);
    }
    if (label.includes('\u0000')) throw new RangeError('label must not contain NUL');
    const labelBytes = utf8ToBytes(label);
    this.keyed = hmac.create(sha256, seed);
    this.counterOffset = labelBytes.length + 1;
    this.message = new Uint8Array(this.counterOffset + 8);
    this.message.set(labelBytes, 0);
    this.message[labelBytes.length] = 0;
    this.view = new DataView(this.message.buffer);
  }

  /** Number of 32-byte blocks produced so far. */
  get blocksUsed(): number {
    return this.counter;
  }

  nextUint32(): number {
    if (this.position >= 32) this.refill();
    const word = this.blockView.getUint32(this.position, false);
    this.position += 4;
    return word;
  }

  /** Shorthand for {@link uniformInt}(this, n). */
  uniformInt(n: number): number {
    return uniformInt(this, n);
  }

  private refill(): void {
    // Counter as 8-byte big-endian; counters stay far below 2^53.
    this.view.setUint32(this.counterOffset, Math.floor(this.counter / 0x1_0000_0000), false);
    this.view.setUint32(this.counterOffset + 4, this.counter >>> 0, false);
    this.block = this.keyed.clone().update(this.message).digest();
    this.blockView = new DataView(this.block.buffer, this.block.byteOffset, this.block.byteLength);
    this.counter += 1;
    this.position = 0;
  }
}

/** A stream for `label` under `seed` (32 bytes). Throws RangeError on a malformed seed. */
export function createStream(seed: Uint8Array, label: string): HmacStream {
  return new HmacStream(seed, label);
}
