import { describe, expect, it } from 'vitest';
import { findTarget, lotRecords, serializedLot, serializeEnterprisePool, unescapeField, type PoolEnterprise } from '../../../src/domain/draw';

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
    expect(serializedLot('x\n')).toMatchObject({ ok: false });
    expect(serializedLot(serializeEnterprisePool(pool).slice(0, -1))).toMatchObject({ ok: false });
  });

  it('unescapes what escapeField writes and nothing else', () => {
    expect(unescapeField('a\\tb\\,c\\\\d\\n\\r')).toBe('a\tb,c\\d\n\r');
    expect(unescapeField('bad\\x')).toBeNull();
  });
});
