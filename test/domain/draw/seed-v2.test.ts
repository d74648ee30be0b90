import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bytesToHex, deriveSeed, deriveSeedV2, type SeedInputsV2 } from '../../../src/domain/draw/commitment';

const INPUTS: Omit<SeedInputsV2, 'beacon'> = {
  secret: Uint8Array.from({ length: 32 }, (_, i) => i),
  enterprisePoolHash: 'aa'.repeat(32),
  officerPoolHash: 'bb'.repeat(32),
  paramsCanonical: '{"count":5,"groupSize":2,"industries":["机械"]}',
  drawNo: '偃应急抽〔2026〕3号',
  excludedEnterprisesHash: 'cc'.repeat(32),
  excludedOfficersHash: 'dd'.repeat(32),
};
const BEACON = {
  chainHash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  round: 657413,
  randomness: 'fc1873a13f3545aeade8401532ef5519920652eee6b0d2b19ca12643b87b3587',
};

/** The formula written out byte by byte with node:crypto, independently of the code under test. */
function byHand(version: string, tail: Buffer, exclusions = version !== 'drbot-draw/1'): string {
  const lp = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    const n = Buffer.alloc(4);
    n.writeUInt32BE(b.length);
    return Buffer.concat([n, b]);
  };
  const h = createHash('sha256')
    .update(lp(version))
    .update(INPUTS.secret)
    .update(Buffer.from(INPUTS.enterprisePoolHash, 'hex'))
    .update(Buffer.from(INPUTS.officerPoolHash, 'hex'))
    .update(lp(INPUTS.paramsCanonical))
    .update(lp(INPUTS.drawNo));
  if (exclusions) h.update(Buffer.from(INPUTS.excludedEnterprisesHash, 'hex')).update(Buffer.from(INPUTS.excludedOfficersHash, 'hex'));
  return h.update(tail).digest('hex');
}

describe('deriveSeedV2: the seed with the public randomness of a drand round', () => {
  it('is the documented byte layout, with and without a beacon', () => {
    const round = Buffer.alloc(8);
    round.writeBigUInt64BE(BigInt(BEACON.round));
    const withBeacon = Buffer.concat([Buffer.of(1), Buffer.from(BEACON.chainHash, 'hex'), round, Buffer.from(BEACON.randomness, 'hex')]);
    expect(bytesToHex(deriveSeedV2({ ...INPUTS, beacon: BEACON }))).toBe(byHand('drbot-draw/2', withBeacon));
    expect(bytesToHex(deriveSeedV2({ ...INPUTS, beacon: null }))).toBe(byHand('drbot-draw/2', Buffer.of(0)));
  });

  it('leaves version 1 as it was, so older records still verify', () => {
    expect(bytesToHex(deriveSeed(INPUTS))).toBe(byHand('drbot-draw/1', Buffer.alloc(0)));
  });

  it('changes with every part of the beacon and differs from the seed without one and from version 1', () => {
    const seeds = new Set(
      [
        deriveSeedV2({ ...INPUTS, beacon: BEACON }),
        deriveSeedV2({ ...INPUTS, beacon: null }),
        deriveSeedV2({ ...INPUTS, beacon: { ...BEACON, round: BEACON.round + 1 } }),
        deriveSeedV2({ ...INPUTS, beacon: { ...BEACON, randomness: `${BEACON.randomness.slice(0, 63)}8` } }),
        deriveSeedV2({ ...INPUTS, beacon: { ...BEACON, chainHash: '8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce' } }),
        deriveSeedV2({ ...INPUTS, excludedEnterprisesHash: 'ce'.repeat(32), beacon: BEACON }),
        deriveSeedV2({ ...INPUTS, excludedOfficersHash: 'de'.repeat(32), beacon: BEACON }),
        deriveSeed(INPUTS),
      ].map(bytesToHex),
    );
    expect(seeds.size).toBe(8);
  });

  it('refuses a beacon that is not 32-byte hex with a positive round', () => {
    for (const bad of [{ round: 0 }, { round: 1.5 }, { randomness: 'abc' }, { chainHash: BEACON.chainHash.toUpperCase() }]) {
      expect(() => deriveSeedV2({ ...INPUTS, beacon: { ...BEACON, ...bad } })).toThrow(RangeError);
    }
  });
});
