import { describe, expect, it } from 'vitest';
import { drawNumber, parseDrawRef, resolveDrawRef } from '../../../src/domain/draw/draw-number';

describe('draw numbers as people type them', () => {
  it('reads the full number with any kind of brackets', () => {
    for (const text of [
      '偃应急抽〔2026〕3号',
      '偃应急抽[2026]3号',
      '偃应急抽【2026】3号',
      '偃应急抽（2026）3号',
      '偃应急抽(2026)3',
      '偃应急抽 〔2026〕 3 号',
      '偃应急抽［2026］3号',
    ]) {
      expect(parseDrawRef(text), text).toEqual({ prefix: '偃应急抽', year: 2026, seq: 3 });
    }
  });

  it('reads the year and sequence alone, and the sequence alone', () => {
    for (const text of ['2026-3', '2026年3号', '2026/3', '2026.3', '〔2026〕3号', '2026年第3号'])
      expect(parseDrawRef(text), text).toEqual({ year: 2026, seq: 3 });
    for (const text of ['3', '3号', '第3号', ' 12 ']) expect(parseDrawRef(text), text).toEqual({ seq: Number(text.replace(/\D/g, '')) });
  });

  it('refuses what is not a draw number', () => {
    for (const text of ['', 'abc', '0', '0号', '120263', '偃应急抽〔2026〕', '2026-', '3-2026']) expect(parseDrawRef(text), text).toBeUndefined();
  });

  it('resolves to the canonical number in the agency, this year by default', () => {
    expect(resolveDrawRef({ seq: 3 }, '偃应急', 2027)).toEqual({ drawNo: drawNumber('偃应急', 2027, 3) });
    expect(resolveDrawRef({ year: 2026, seq: 3 }, '偃应急', 2027)).toEqual({ drawNo: '偃应急抽〔2026〕3号' });
    expect(resolveDrawRef({ prefix: '偃应急抽', year: 2026, seq: 3 }, '偃应急', 2027)).toEqual({ drawNo: '偃应急抽〔2026〕3号' });
    expect(resolveDrawRef({ prefix: '洛应急抽', year: 2026, seq: 3 }, '偃应急', 2027)).toEqual({ refusal: expect.stringMatching(/不是本单位的/) });
  });
});
