import { describe, expect, it } from 'vitest';
import {
  executeDraw,
  findTarget,
  lineSlices,
  lotPositionsToRead,
  lotRecords,
  PartialLot,
  prepareDraw,
  serializedLot,
  serializeEnterprisePool,
  unescapeField,
  type PoolEnterprise,
  type PrepareDrawInput,
  type PreparedInMemory,
} from '../../../src/domain/draw';
import { enterprise, officer, secretOf, TODAY, WINDOW } from './fixtures';

const pool: PoolEnterprise[] = [
  { uscc: '91410381000000001A', name: '甲\t公司,分\\厂\n', industry: '冶金', township: '城关\r街道', riskLevel: '高', lastInspectors: [] },
  { uscc: '91410381000000002B', name: '乙𠀋', industry: '建,材', township: '顾县镇', riskLevel: '低', lastInspectors: ['4103,01', '4103\\02'] },
  { uscc: '91410381000000003C', name: '', industry: '机械', township: '', riskLevel: '一般', lastInspectors: ['410303'] },
];

describe('a lot read back from its serialization', () => {
  it('gives back every record, field and USCC exactly', () => {
    const read = serializedLot(serializeEnterprisePool(pool));
    if (!read.ok) throw new Error(read.reason);
    const { lot } = read;
    expect(lot.length).toBe(3);
    expect(lotRecords(lot)).toEqual(pool);
    expect(lot.at(1)).toEqual(pool[1]);
    expect(lot.at(3)).toBeUndefined();
    expect([0, 1, 2].map((i) => lot.field(i, 'industry'))).toEqual(['冶金', '建,材', '机械']);
    expect([0, 1, 2].map((i) => lot.field(i, 'riskLevel'))).toEqual(['高', '低', '一般']);
    expect(findTarget(lot, '91410381000000002B')?.name).toBe('乙𠀋');
    expect(findTarget(lot, '91410381000000002C')).toBeNull();
  });

  it('reads an empty lot, and refuses a text without the header or the final LF', () => {
    const empty = serializedLot(serializeEnterprisePool([]));
    expect(empty.ok && empty.lot.length).toBe(0);
    expect(serializedLot('x\n')).toMatchObject({ ok: false, code: 'invalid-lot' });
    expect(serializedLot(serializeEnterprisePool(pool).slice(0, -1))).toMatchObject({ ok: false, code: 'invalid-lot' });
  });

  it('unescapes what escapeField writes and nothing else', () => {
    expect(unescapeField('a\\tb\\,c\\\\d\\n\\r')).toBe('a\tb,c\\d\n\r');
    expect(unescapeField('bad\\x')).toBeNull();
  });
});

describe('a lot read in part (executing a total quota)', () => {
  const world = (n: number, quotas: PrepareDrawInput['quotas'], seed: number): PreparedInMemory => {
    const p = prepareDraw({
      drawNo: `YS-2025-06-${seed}`,
      enterprises: Array.from({ length: n }, (_, i) => enterprise(i)),
      officers: Array.from({ length: 12 }, (_, i) => officer(i)),
      history: [],
      quotas,
      window: WINDOW,
      today: TODAY,
      secret: secretOf(seed),
    });
    if (!p.ok) throw new Error(p.reason);
    return p;
  };
  const lineLengths = (lot: readonly PoolEnterprise[]): Uint8Array => {
    const body = serializeEnterprisePool(lot);
    const lines = body
      .slice(body.indexOf('\n') + 1)
      .split('\n')
      .slice(0, -1);
    const out = new DataView(new ArrayBuffer(lines.length * 4));
    for (const [i, l] of lines.entries()) out.setUint32(i * 4, new TextEncoder().encode(`${l}\n`).length);
    return new Uint8Array(out.buffer);
  };

  it('gives the draw of the whole lot from the records it names alone', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const full = world(20 + seed * 3, 1 + (seed % 9), seed);
      const positions = lotPositionsToRead(full, full.enterprisePool.length, secretOf(seed));
      expect(positions).toHaveLength(1 + (seed % 9));
      const body = new TextEncoder().encode(serializeEnterprisePool(full.enterprisePool));
      const { slices, bytes } = lineSlices(lineLengths(full.enterprisePool), positions!);
      expect(bytes).toBe(body.length);
      const lines = slices.map(([start, length]) => new TextDecoder().decode(body.subarray(start - 1, start - 1 + length)));
      const partial = new PartialLot(full.enterprisePool.length, positions!, lines);
      expect(executeDraw({ ...full, enterprisePool: partial }, secretOf(seed))).toEqual(executeDraw(full, secretOf(seed)));
    }
  });

  it('needs the whole lot for stratified quotas, none for a wrong secret, and refuses to guess', () => {
    const byIndustry = world(30, { byIndustry: { 冶金: 1 } }, 1);
    expect(lotPositionsToRead(byIndustry, 30, secretOf(1))).toBeNull();
    const total = world(30, 3, 2);
    expect(lotPositionsToRead(total, 30, secretOf(3))).toEqual([]);
    const partial = new PartialLot(3, [1], [serializeEnterprisePool(pool).split('\n')[2]!]);
    expect(partial.at(1)).toEqual(pool[1]);
    expect(partial.at(3)).toBeUndefined();
    expect(() => partial.at(0)).toThrow(/not read/);
    expect(() => lineSlices(lineLengths(pool), [3])).toThrow(/outside a lot of 3/);
    expect(() => new PartialLot(3, [0], ['not a line'])).toThrow(/malformed/);
    const lines = serializeEnterprisePool(pool).split('\n').slice(1, -1);
    expect(() => new PartialLot(3, [0, 2], [lines[2]!, lines[0]!])).toThrow(/not in canonical order: line 4/);
    expect(() => new PartialLot(3, [0, 1], [lines[1]!, lines[1]!])).toThrow(/not in canonical order/);
    expect(new PartialLot(3, [2, 0], [lines[2]!, lines[0]!]).at(2)).toEqual(pool[2]);
  });
});
