import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  escapeField,
  hashEnterprisePool,
  hashOfficerPool,
  serializeEnterprisePool,
  serializeOfficerPool,
  type PoolEnterprise,
  type PoolOfficer,
} from '../../../src/domain/draw';

const sha = (text: string): string => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

const e1: PoolEnterprise = { uscc: '91410381MA00000001', name: '甲公司', industry: '建材', township: '岳滩镇', riskLevel: '高', lastInspectors: ['A1', 'B2'] };
const e2: PoolEnterprise = { uscc: '91410381MA00000002', name: 'a,b\\c\td\ne\rf', industry: '机械', township: '顾县镇', riskLevel: '低', lastInspectors: [] };
const o1: PoolOfficer = {
  certificateNo: 'A1',
  name: '张三',
  unit: '法规科',
  certificateValidUntil: '2026-01-01',
  expertise: ['建材', '机械'],
  onDuty: true,
  conflicts: ['91410381MA00000002'],
};

describe('canonical serialization', () => {
  it('writes the documented bytes for enterprises (header, TAB fields, LF lines, escapes)', () => {
    expect(serializeEnterprisePool([e1, e2])).toBe(
      'drbot-draw/1 enterprise-pool\n' +
        '91410381MA00000001\t甲公司\t建材\t岳滩镇\t高\tA1,B2\n' +
        '91410381MA00000002\ta\\,b\\\\c\\td\\ne\\rf\t机械\t顾县镇\t低\t\n',
    );
  });

  it('writes the documented bytes for officers (onDuty as 1/0)', () => {
    expect(serializeOfficerPool([o1, { ...o1, certificateNo: 'B2', onDuty: false, expertise: [], conflicts: [] }])).toBe(
      'drbot-draw/1 officer-pool\n' + 'A1\t张三\t法规科\t2026-01-01\t建材,机械\t1\t91410381MA00000002\n' + 'B2\t张三\t法规科\t2026-01-01\t\t0\t\n',
    );
  });

  it('escapes list items so that a comma inside an item is not a separator', () => {
    expect(escapeField('x,y')).toBe('x\\,y');
    const a = { ...e1, lastInspectors: ['x,y'] };
    const b = { ...e1, lastInspectors: ['x', 'y'] };
    expect(hashEnterprisePool([a])).not.toBe(hashEnterprisePool([b]));
  });

  it('hash = SHA-256 of the serialization, also when hashed in many chunks', () => {
    expect(hashEnterprisePool([e1, e2])).toBe(sha(serializeEnterprisePool([e1, e2])));
    expect(hashOfficerPool([o1])).toBe(sha(serializeOfficerPool([o1])));
    const many = Array.from({ length: 20000 }, (_, i) => ({ ...e1, uscc: `9141${String(i).padStart(14, '0')}`, name: `企业${i}`.repeat(3) }));
    expect(hashEnterprisePool(many)).toBe(sha(serializeEnterprisePool(many)));
    const huge = [{ ...e1, name: '长'.repeat(400_000) }];
    expect(hashEnterprisePool(huge)).toBe(sha(serializeEnterprisePool(huge)));
  });

  it('a change in any hashed field changes the hash', () => {
    const base = hashEnterprisePool([e1, e2]);
    const variants: PoolEnterprise[] = [
      { ...e1, uscc: '91410381MA00000009' },
      { ...e1, name: '乙公司' },
      { ...e1, industry: '冶金' },
      { ...e1, township: '顾县镇' },
      { ...e1, riskLevel: '较高' },
      { ...e1, lastInspectors: ['A1'] },
    ];
    for (const v of variants) expect(hashEnterprisePool([v, e2])).not.toBe(base);
    expect(hashEnterprisePool([e1])).not.toBe(base);
    const ob = hashOfficerPool([o1]);
    const ovariants: PoolOfficer[] = [
      { ...o1, certificateNo: 'A2' },
      { ...o1, name: '李四' },
      { ...o1, unit: '综合行政执法大队' },
      { ...o1, certificateValidUntil: '2026-01-02' },
      { ...o1, expertise: ['建材'] },
      { ...o1, onDuty: false },
      { ...o1, conflicts: [] },
    ];
    for (const v of ovariants) expect(hashOfficerPool([v])).not.toBe(ob);
  });

  it('empty pools hash differently for enterprises and officers', () => {
    expect(hashEnterprisePool([])).not.toBe(hashOfficerPool([]));
    expect(hashEnterprisePool([])).toBe(sha('drbot-draw/1 enterprise-pool\n'));
  });
});
