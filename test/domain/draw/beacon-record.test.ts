import { describe, expect, it } from 'vitest';
import { QUICKNET, timeOfRound } from '../../../src/domain/draw/beacon';
import { type RecordedBeacon, verifyRecordedBeacon } from '../../../src/domain/draw/beacon-record';

/** Real quicknet round 657413 and its randomness (noislabs' python-drand-verify README). */
const REAL: RecordedBeacon = {
  chainHash: QUICKNET.hash,
  round: 657413,
  signature: 'b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b',
  randomness: 'fc1873a13f3545aeade8401532ef5519920652eee6b0d2b19ca12643b87b3587',
};
const PUBLISHED = timeOfRound(QUICKNET, 657413);

describe('verifyRecordedBeacon (draw verify, beacon section)', () => {
  it('accepts the committed round, published after preparation, signed by the pinned chain, and returns its randomness', () => {
    const result = verifyRecordedBeacon(REAL, QUICKNET, { committedRound: 657413, preparedAt: PUBLISHED - 120 });
    expect(result).toEqual({ ok: true, round: 657413, randomness: REAL.randomness });
    const { randomness: _, ...withoutRandomness } = REAL;
    expect(verifyRecordedBeacon(withoutRandomness, QUICKNET)).toEqual({ ok: true, round: 657413, randomness: REAL.randomness });
  });

  it('refuses a forged or edited signature, naming the field', () => {
    const sig = String(REAL.signature);
    const edited = `${sig.slice(0, 40)}${sig[40] === 'a' ? 'b' : 'a'}${sig.slice(41)}`;
    const result = verifyRecordedBeacon({ ...REAL, signature: edited, randomness: undefined }, QUICKNET);
    expect(result).toMatchObject({ ok: false, code: 'beacon-signature-invalid' });
    expect(!result.ok && result.reason).toContain('beacon.signature');
    expect(!result.ok && result.reason).toContain('657413');
  });

  it("refuses a genuine signature moved to another round (the record's round rewritten)", () => {
    const result = verifyRecordedBeacon({ ...REAL, round: 657414 }, QUICKNET);
    expect(result).toMatchObject({ ok: false, code: 'beacon-signature-invalid' });
  });

  it('refuses a round other than the one committed at preparation', () => {
    const result = verifyRecordedBeacon(REAL, QUICKNET, { committedRound: 657412 });
    expect(result).toMatchObject({ ok: false, code: 'beacon-round-mismatch' });
    expect(!result.ok && result.reason).toContain('657412');
  });

  it('refuses a round already published when the draw was prepared', () => {
    for (const preparedAt of [PUBLISHED, PUBLISHED + 1, PUBLISHED + 86400]) {
      const result = verifyRecordedBeacon(REAL, QUICKNET, { preparedAt });
      expect(result).toMatchObject({ ok: false, code: 'beacon-before-preparation' });
      expect(!result.ok && result.reason).toContain('北京时间');
    }
    expect(verifyRecordedBeacon(REAL, QUICKNET, { preparedAt: PUBLISHED - 0.5 }).ok).toBe(true);
  });

  it('refuses a record naming another chain, whose key the verifier does not trust', () => {
    const other = '8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce';
    expect(verifyRecordedBeacon({ ...REAL, chainHash: other }, QUICKNET)).toMatchObject({ ok: false, code: 'beacon-unknown-chain' });
  });

  it('refuses a recorded randomness that is not the SHA-256 of the signature', () => {
    const result = verifyRecordedBeacon({ ...REAL, randomness: '00'.repeat(32) }, QUICKNET);
    expect(result).toMatchObject({ ok: false, code: 'beacon-randomness-mismatch' });
  });

  it('names malformed fields in Chinese and never throws', () => {
    const cases: Array<[unknown, string]> = [
      [null, '缺少'],
      [{ ...REAL, chainHash: 'abc' }, 'beacon.chainHash'],
      [{ ...REAL, chainHash: QUICKNET.hash.toUpperCase() }, 'beacon.chainHash'],
      [{ ...REAL, round: '657413' }, 'beacon.round'],
      [{ ...REAL, round: 0 }, 'beacon.round'],
      [{ ...REAL, round: 1.5 }, 'beacon.round'],
      [{ ...REAL, signature: 123 }, 'beacon.signature'],
      [{ ...REAL, signature: 'x'.repeat(96) }, 'beacon.signature'],
      [{ ...REAL, signature: 'ab'.repeat(500) }, 'beacon.signature'],
    ];
    for (const [beacon, field] of cases) {
      const result = verifyRecordedBeacon(beacon as RecordedBeacon, QUICKNET);
      expect(result, JSON.stringify(beacon)).toMatchObject({ ok: false, code: 'beacon-malformed' });
      expect(!result.ok && result.reason).toContain(field);
      expect(!result.ok && result.reason.length).toBeLessThan(300);
    }
    expect(verifyRecordedBeacon(REAL, QUICKNET, { preparedAt: Number.NaN })).toMatchObject({ ok: false, code: 'beacon-malformed' });
    expect(verifyRecordedBeacon(REAL, { ...QUICKNET, publicKey: 'ab' })).toMatchObject({ ok: false, code: 'beacon-unknown-chain' });
  });
});
