/** Pins the numbers of docs/draw-algorithm.md §10 so that the document and the code agree. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '@noble/hashes/utils.js';
import {
  buildDrawExport,
  drawReplacement,
  executeDraw,
  prepareDraw,
  serializeEnterprisePool,
  serializeOfficerPool,
  verifyDrawExport,
  type PreparedInMemory,
} from '../../../src/domain/draw';
import { createStream } from '../../../src/domain/random';
import { EXAMPLE_INPUT, EXAMPLE_SECRET } from './example-data';

const EXPECTED = {
  enterprisePool:
    'drbot-draw/1 enterprise-pool\n' +
    '91410381MA00000001\t偃师区甲建材有限公司\t建材\t岳滩镇\t高\t\n' +
    '91410381MA00000002\t偃师区乙机械厂\t机械\t首阳山街道\t一般\t410381001,410381003\n' +
    '91410381MA00000003\t偃师区丙铝业有限公司\t有色\t岳滩镇\t较高\t\n' +
    '91410381MA00000004\t偃师区丁轻工制品厂\t轻工\t顾县镇\t低\t\n' +
    '91410381MA00000005\t偃师区戊纺织厂\t纺织\t顾县镇\t低\t\n',
  officerPool:
    'drbot-draw/1 officer-pool\n' +
    '410381001\t张伟\t法规科\t2026-12-31\t建材,机械\t1\t\n' +
    '410381002\t王芳\t综合行政执法大队\t2027-06-30\t有色\t1\t91410381MA00000003\n' +
    '410381003\t李娜\t综合行政执法大队\t2025-12-31\t纺织,轻工\t1\t\n' +
    '410381004\t刘洋\t法规科\t2026-03-31\t\t1\t\n',
  enterprisePoolHash: '946ad64f6ace4028d014f2949d22a2faa2a0a53f33f98afdd331abdedd5df6c4',
  officerPoolHash: 'eaa0020241ff17478a80c2cfb7fb68877177ae512d8f8fe51c45ed033003d5d4',
  paramsCanonical:
    '{"filters":{},"policy":{"cooldownMonths":0,"excludeLastInspector":true,"groupSize":2,"maxTasksPerOfficer":0,' +
    '"requireExpertise":false,"requireUnit":null,"yearlyCap":1},"quotas":{"count":3,"mode":"total"},' +
    '"today":"2025-06-01","window":{"from":"2025-06-10","to":"2025-06-20"}}',
  commitment: '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
  seed: '479278c9aa8d0d66201ed956f833b32ab22d14ea84c432d9edf21a3905fe05e7',
  targetWords: [1255774864, 3599928755, 4072381176],
  officerWords: [2279496939, 289708752, 1953411875, 1394862791, 935052315],
  tasks: [
    { uscc: '91410381MA00000005', officers: ['410381004', '410381001'] },
    { uscc: '91410381MA00000001', officers: ['410381003', '410381002'] },
    { uscc: '91410381MA00000003', officers: ['410381004', '410381003'] },
  ],
  replacement: '410381002',
};

/** The example is of seed version 1 (§4), as records of before version 2 are: still verified. */
function prepared(): PreparedInMemory {
  const p = prepareDraw(EXAMPLE_INPUT);
  if (!p.ok) throw new Error(p.reason);
  const { seedVersion: _v, excludedEnterprisesHash: _e, excludedOfficersHash: _o, ...v1 } = p;
  return v1 as PreparedInMemory;
}

describe('worked example of docs/draw-algorithm.md', () => {
  it('pools, hashes, params, commitment', () => {
    const p = prepared();
    expect(serializeEnterprisePool(p.enterprisePool)).toBe(EXPECTED.enterprisePool);
    expect(serializeOfficerPool(p.officerPool)).toBe(EXPECTED.officerPool);
    expect(p.enterprisePoolHash).toBe(EXPECTED.enterprisePoolHash);
    expect(p.officerPoolHash).toBe(EXPECTED.officerPoolHash);
    expect(p.paramsCanonical).toBe(EXPECTED.paramsCanonical);
    expect(p.commitment).toBe(EXPECTED.commitment);
    expect(p.excludedEnterprises.map((e) => [e.uscc, e.code])).toEqual([['91410381MA00000006', 'not-operating']]);
    expect(p.excludedOfficers.map((o) => [o.certificateNo, o.code])).toEqual([['410381005', 'off-duty']]);
  });

  it('seed, stream words, uniformInt steps, tasks and a replacement', () => {
    const p = prepared();
    const x = executeDraw(p, EXAMPLE_SECRET);
    if (!x.ok) throw new Error(x.reason);
    expect(x.seed).toBe(EXPECTED.seed);
    const t = createStream(hexToBytes(x.seed), 'targets:all');
    const tw = EXPECTED.targetWords.map(() => t.nextUint32());
    expect(tw).toEqual(EXPECTED.targetWords);
    expect([tw[0]! % 5, tw[1]! % 4, tw[2]! % 3]).toEqual([4, 3, 0]);
    const o = createStream(hexToBytes(x.seed), 'officers');
    const ow = EXPECTED.officerWords.map(() => o.nextUint32());
    expect(ow).toEqual(EXPECTED.officerWords);
    expect([ow[0]! % 4, ow[1]! % 3, ow[2]! % 2, ow[3]! % 3, ow[4]! % 2]).toEqual([3, 0, 1, 2, 1]);
    expect(x.tasks).toEqual(EXPECTED.tasks);
    const r = drawReplacement(p, x.tasks, { taskIndex: 0, replacementNo: 1, excludedOfficers: ['410381004'] }, EXAMPLE_SECRET);
    expect(r).toEqual({ ok: true, officer: EXPECTED.replacement });
    const doc = buildDrawExport(p, EXAMPLE_SECRET, x, [
      { taskIndex: 0, replacementNo: 1, excludedOfficers: ['410381004'], reason: '回避：与企业负责人系近亲属', officer: EXPECTED.replacement },
    ]);
    expect(verifyDrawExport(JSON.parse(JSON.stringify(doc)))).toEqual({ ok: true });
  });

  it('the seed formula, recomputed independently with node:crypto', () => {
    const lp = (text: string): Buffer => {
      const bytes = Buffer.from(text, 'utf8');
      const len = Buffer.alloc(4);
      len.writeUInt32BE(bytes.length);
      return Buffer.concat([len, bytes]);
    };
    const seed = createHash('sha256')
      .update(lp('drbot-draw/1'))
      .update(EXAMPLE_SECRET)
      .update(Buffer.from(EXPECTED.enterprisePoolHash, 'hex'))
      .update(Buffer.from(EXPECTED.officerPoolHash, 'hex'))
      .update(lp(EXPECTED.paramsCanonical))
      .update(lp(EXAMPLE_INPUT.drawNo))
      .digest('hex');
    expect(seed).toBe(EXPECTED.seed);
    expect(createHash('sha256').update(EXAMPLE_SECRET).digest('hex')).toBe(EXPECTED.commitment);
  });

  it('the document quotes these same numbers', () => {
    const doc = readFileSync(new URL('../../../docs/draw-algorithm.md', import.meta.url), 'utf8');
    const quoted = [
      EXPECTED.enterprisePoolHash,
      EXPECTED.officerPoolHash,
      EXPECTED.commitment,
      EXPECTED.seed,
      EXPECTED.paramsCanonical,
      ...EXPECTED.targetWords.map(String),
      ...EXPECTED.officerWords.map(String),
      JSON.stringify(EXPECTED.tasks),
    ];
    for (const q of quoted) expect(doc).toContain(q);
  });
});
