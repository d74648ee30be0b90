import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createStream, HmacStream } from '../../../src/domain/random';

const seed = Uint8Array.from({ length: 32 }, (_, i) => i);

/** Independent reference: node:crypto HMAC in counter mode. */
function referenceWords(key: Uint8Array, label: string, count: number): number[] {
  const words: number[] = [];
  for (let c = 0; words.length < count; c++) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(c));
    const block = createHmac('sha256', key)
      .update(Buffer.concat([Buffer.from(label, 'utf8'), Buffer.from([0]), counter]))
      .digest();
    for (let i = 0; i < 32 && words.length < count; i += 4) words.push(block.readUInt32BE(i));
  }
  return words;
}

describe('HMAC-SHA256 counter-mode stream', () => {
  it('matches an independent node:crypto implementation over several blocks', () => {
    const s = createStream(seed, 'targets:all');
    const got = Array.from({ length: 40 }, () => s.nextUint32());
    expect(got).toEqual(referenceWords(seed, 'targets:all', 40));
    expect(s.blocksUsed).toBe(5);
  });

  it('is deterministic and separates labels and seeds', () => {
    const a = createStream(seed, 'officers');
    const b = createStream(seed, 'officers');
    const c = createStream(seed, 'officers ');
    const other = seed.slice();
    other[31] = 99;
    const d = createStream(other, 'officers');
    const first = a.nextUint32();
    expect(b.nextUint32()).toBe(first);
    expect(createStream(seed, 'officers').uniformInt(1 << 16)).toBe(first % (1 << 16));
    expect(c.nextUint32()).not.toBe(first);
    expect(d.nextUint32()).not.toBe(first);
  });

  it('handles a non-ASCII label as UTF-8', () => {
    const s = createStream(seed, 'targets:industry:建材');
    expect([s.nextUint32(), s.nextUint32()]).toEqual(referenceWords(seed, 'targets:industry:建材', 2));
  });

  it('refuses seeds that are not 32 bytes and labels with NUL', () => {
    expect(() => new HmacStream(new Uint8Array(4), 'x')).toThrow(RangeError);
    expect(() => new HmacStream(new Uint8Array(33), 'x')).toThrow(RangeError);
    expect(() => new HmacStream(seed, 'a\u0000b')).toThrow(RangeError);
  });

  it('words look uniform (every byte value appears, mean near 2^31)', () => {
    const s = createStream(seed, 'uniformity');
    let sum = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) sum += s.nextUint32();
    expect(Math.abs(sum / n / 2 ** 31 - 1)).toBeLessThan(0.02);
  });
});
