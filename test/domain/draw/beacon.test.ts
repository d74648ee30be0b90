import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  beaconMessage,
  type ChainInfo,
  DRAND_G1_DST,
  firstRoundAfter,
  QUICKNET,
  randomnessOf,
  roundAt,
  timeOfRound,
  verifyBeacon,
} from '../../../src/domain/draw/beacon';

/**
 * Real quicknet rounds, published by others: round 42 in drand's HTTP API docs
 * (docs.drand.love, `curl api.drand.sh/v2/beacons/quicknet/rounds/42`), round 657413 with its
 * randomness in noislabs' python-drand-verify README (`verify_quicknet`).
 */
const ROUND_42 = {
  round: 42,
  signature: '95a9f9f5b231b7714de1553105d8ffdf3dcda24cfdb1e689319bccf79a9c8ce430a91b811fbfaf763900bc998b5d686a',
};
const ROUND_657413 = {
  round: 657413,
  signature: 'b713718a38ae728dfd477991af2822e08d2f305e47718cef9f7848ce4050e7be41076862b98fad56e91a6b85b89cd97b',
  randomness: 'fc1873a13f3545aeade8401532ef5519920652eee6b0d2b19ca12643b87b3587',
};

/** A chain of our own, same scheme, key pair from a fixed seed. */
function ownChain(seedByte = 9): { chain: ChainInfo; sign: (round: number, dst?: string) => string } {
  const bls = bls12_381.shortSignatures;
  const { secretKey, publicKey } = bls.keygen(new Uint8Array(48).fill(seedByte));
  const chain: ChainInfo = { ...QUICKNET, publicKey: bytesToHex(publicKey.toBytes()) };
  const sign = (round: number, dst = DRAND_G1_DST) => bytesToHex(bls.sign(bls.hash(beaconMessage(round), dst), secretKey).toBytes());
  return { chain, sign };
}

const edit = (hex: string, at: number) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

describe('verifyBeacon against the real quicknet chain', () => {
  it('accepts real quicknet rounds and derives the published randomness', () => {
    expect(verifyBeacon(QUICKNET, ROUND_42)).toBe(true);
    expect(verifyBeacon(QUICKNET, ROUND_657413)).toBe(true);
    expect(randomnessOf(ROUND_657413.signature)).toBe(ROUND_657413.randomness);
  });

  it('refuses an edited signature, wherever the edit is', () => {
    for (const at of [0, 1, 2, 10, 47, 48, 94, 95]) {
      expect(verifyBeacon(QUICKNET, { round: 657413, signature: edit(ROUND_657413.signature, at) }), `edit at ${at}`).toBe(false);
    }
  });

  it("refuses a genuine signature presented as another round's", () => {
    for (const round of [41, 43, 657413, 1, 2 ** 40]) {
      expect(verifyBeacon(QUICKNET, { round, signature: ROUND_42.signature })).toBe(false);
    }
    expect(verifyBeacon(QUICKNET, { round: 42, signature: ROUND_657413.signature })).toBe(false);
  });

  it("refuses a real round checked against another chain's key, and another key's round against quicknet", () => {
    const own = ownChain();
    expect(verifyBeacon(own.chain, ROUND_42)).toBe(false);
    expect(verifyBeacon(QUICKNET, { round: 42, signature: own.sign(42) })).toBe(false);
  });

  it('is false, never an exception, on anything malformed', () => {
    const infinityG1 = `c0${'0'.repeat(94)}`;
    const infinityG2 = `c0${'0'.repeat(190)}`;
    const cases: Array<[ChainInfo, unknown]> = [
      [QUICKNET, { round: 42, signature: ROUND_42.signature.toUpperCase() }],
      [QUICKNET, { round: 42, signature: ROUND_42.signature.slice(2) }],
      [QUICKNET, { round: 42, signature: `${ROUND_42.signature}00` }],
      [QUICKNET, { round: 42, signature: 'zz'.repeat(48) }],
      [QUICKNET, { round: 42, signature: '' }],
      [QUICKNET, { round: 42, signature: null }],
      [QUICKNET, { round: 42, signature: '00'.repeat(48) }],
      [QUICKNET, { round: 42, signature: infinityG1 }],
      [
        { ...QUICKNET, publicKey: infinityG2 },
        { round: 42, signature: infinityG1 },
      ],
      [QUICKNET, { round: 0, signature: ROUND_42.signature }],
      [QUICKNET, { round: -42, signature: ROUND_42.signature }],
      [QUICKNET, { round: 42.5, signature: ROUND_42.signature }],
      [QUICKNET, { round: Number.NaN, signature: ROUND_42.signature }],
      [QUICKNET, { round: '42', signature: ROUND_42.signature }],
      [QUICKNET, { round: 2 ** 53, signature: ROUND_42.signature }],
      [QUICKNET, null],
      [QUICKNET, undefined],
      [{ ...QUICKNET, schemeID: 'pedersen-bls-chained' as never }, ROUND_42],
      [{ ...QUICKNET, publicKey: QUICKNET.publicKey.slice(2) }, ROUND_42],
      [{ ...QUICKNET, publicKey: `ff${QUICKNET.publicKey.slice(2)}` }, ROUND_42],
      [null as unknown as ChainInfo, ROUND_42],
    ];
    for (const [chain, beacon] of cases) {
      let result: boolean | undefined;
      expect(() => {
        result = verifyBeacon(chain, beacon as never);
      }, JSON.stringify(beacon)).not.toThrow();
      expect(result, JSON.stringify(beacon)).toBe(false);
    }
  });
});

describe('verifyBeacon with a key pair of our own', () => {
  it('accepts what the key signs under the RFC 9380 G1 tag, nothing else', () => {
    const { chain, sign } = ownChain();
    for (const round of [1, 2, 1000, 2 ** 32 + 5]) expect(verifyBeacon(chain, { round, signature: sign(round) })).toBe(true);
    // fastnet's non-RFC tag (drand-client's default for bls-unchained-on-g1): refused.
    expect(verifyBeacon(chain, { round: 7, signature: sign(7, 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_') })).toBe(false);
    expect(verifyBeacon(chain, { round: 8, signature: sign(7) })).toBe(false);
    expect(verifyBeacon(ownChain(10).chain, { round: 7, signature: sign(7) })).toBe(false);
  });
});

describe('round arithmetic (drand-client roundAt / roundTime)', () => {
  const g = QUICKNET.genesisTime;

  it('numbers rounds from 1 at genesis, one per period', () => {
    expect(roundAt(QUICKNET, g - 1)).toBe(0);
    expect(roundAt(QUICKNET, g)).toBe(1);
    expect(roundAt(QUICKNET, g + 2.999)).toBe(1);
    expect(roundAt(QUICKNET, g + 3)).toBe(2);
    expect(timeOfRound(QUICKNET, 1)).toBe(g);
    expect(timeOfRound(QUICKNET, 657413)).toBe(1694775603);
    expect(() => timeOfRound(QUICKNET, 0)).toThrow(RangeError);
    expect(() => roundAt(QUICKNET, Number.NaN)).toThrow(RangeError);
  });

  it('round-trips: a round is the latest published at its own time, and not a millisecond before', () => {
    for (const round of [1, 2, 3, 42, 657413, 30_000_000, 2 ** 40]) {
      const t = timeOfRound(QUICKNET, round);
      expect(roundAt(QUICKNET, t)).toBe(round);
      expect(roundAt(QUICKNET, t - 0.001)).toBe(round - 1);
      expect(roundAt(QUICKNET, t + QUICKNET.period - 0.001)).toBe(round);
    }
  });

  it('firstRoundAfter gives the earliest round published at least the delay after the time', () => {
    const prepared = Date.parse('2026-03-02T01:30:00.250Z') / 1000;
    const r = firstRoundAfter(QUICKNET, prepared, 120);
    expect(timeOfRound(QUICKNET, r)).toBeGreaterThanOrEqual(prepared + 120);
    expect(timeOfRound(QUICKNET, r - 1)).toBeLessThan(prepared + 120);
    for (let k = 0; k < 600; k++) {
      const t = g + 1_000_000 + k * 0.37;
      for (const delay of [0, 1, 3, 120]) {
        const round = firstRoundAfter(QUICKNET, t, delay);
        expect(timeOfRound(QUICKNET, round)).toBeGreaterThanOrEqual(t + delay);
        expect(round === 1 || timeOfRound(QUICKNET, round - 1) < t + delay).toBe(true);
      }
    }
    expect(firstRoundAfter(QUICKNET, g - 1000, 120)).toBe(1);
    expect(firstRoundAfter(QUICKNET, g, 0)).toBe(1);
    expect(() => firstRoundAfter(QUICKNET, prepared, -1)).toThrow(RangeError);
  });
});
