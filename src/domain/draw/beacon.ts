/**
 * The drand public randomness beacon (League of Entropy): round arithmetic and the BLS check
 * of a round's signature. Pure: no I/O, no clock (callers pass the time).
 *
 * A drand chain publishes round `r` at `genesisTime + (r − 1) · period` (round 1 at genesis).
 * In the unchained scheme `bls-unchained-g1-rfc9380` (the `quicknet` chain) the signature of
 * round `r` is a BLS12-381 signature on G1, compressed to 48 bytes, of the message
 * `SHA-256(r as 8-byte big-endian)`, hashed to G1 with RFC 9380 and the domain separation tag
 * `BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_`; the group public key is on G2 (96 bytes). The
 * round's randomness is `SHA-256(signature)`. Nobody can compute a round's signature before a
 * threshold of the League's nodes sign it, and for a fixed public key there is exactly one
 * valid signature per round, so a committed round number fixes the randomness without anyone
 * knowing it in advance.
 *
 * Sources:
 * - quicknet chain info (public key, period 3 s, genesis 1692803367, hash, scheme):
 *   drand blog "quicknet is live on the League of Entropy mainnet", 2023-10-16
 *   (github.com/drand/website, docs/blog/2023-10-16-quicknet-is-live.md), the answer of
 *   `https://api.drand.sh/52db9ba7…e971/info`.
 * - message, DST, randomness and round time: drand-client (github.com/drand/drand-client)
 *   `lib/beacon-verification.ts` (`unchainedBeaconMessage`, `verifySigOnG1` with the RFC 9380
 *   DST for `bls-unchained-g1-rfc9380`), `lib/util.ts` (`roundAt`, `roundTime`), `lib/api.ts`
 *   (`randomnessFromSignature`).
 * - real quicknet rounds used in the tests: round 42 (docs.drand.love "Our HTTP API",
 *   `api.drand.sh/v2/beacons/quicknet/rounds/42`) and round 657413 with its randomness
 *   (README of noislabs' python-drand-verify, `verify_quicknet`).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

/** The one drand scheme this module verifies. */
export const UNCHAINED_G1_RFC9380 = 'bls-unchained-g1-rfc9380' as const;

/** RFC 9380 hash-to-G1 domain separation tag of {@link UNCHAINED_G1_RFC9380}. */
export const DRAND_G1_DST = 'BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_';

/** A drand chain, as its `/info` endpoint describes it (camelCase), pinned in code or config. */
export interface ChainInfo {
  /** Hex of the group public key: a compressed G2 point, 96 bytes. */
  publicKey: string;
  /** Seconds between rounds. */
  period: number;
  /** Unix seconds of round 1. */
  genesisTime: number;
  /** Hex chain hash (32 bytes): the chain's identifier in URLs and records. */
  hash: string;
  schemeID: typeof UNCHAINED_G1_RFC9380;
}

/** The League of Entropy's `quicknet` chain (mainnet, 3-second rounds), pinned. */
export const QUICKNET: Readonly<ChainInfo> = Object.freeze({
  publicKey:
    '83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a',
  period: 3,
  genesisTime: 1692803367,
  hash: '52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971',
  schemeID: UNCHAINED_G1_RFC9380,
});

/** A round as a relay serves it: the number and the hex signature. */
export interface BeaconSignature {
  round: number;
  signature: string;
}

const SIGNATURE_HEX = /^[0-9a-f]{96}$/;
const PUBLIC_KEY_HEX = /^[0-9a-f]{192}$/;
const HASH_HEX = /^[0-9a-f]{64}$/;

/** True for a round number a chain can have: an integer from 1 up to 2^53 − 1. */
export function isRoundNumber(round: unknown): round is number {
  return typeof round === 'number' && Number.isSafeInteger(round) && round >= 1;
}

/** True for 96 lowercase hex digits (a compressed G1 signature). */
export function isSignatureHex(value: unknown): value is string {
  return typeof value === 'string' && SIGNATURE_HEX.test(value);
}

/** True for a chain description this module can verify against. */
export function isChainInfo(chain: unknown): chain is ChainInfo {
  if (typeof chain !== 'object' || chain === null) return false;
  const c = chain as Record<string, unknown>;
  return (
    c['schemeID'] === UNCHAINED_G1_RFC9380 &&
    typeof c['publicKey'] === 'string' &&
    PUBLIC_KEY_HEX.test(c['publicKey']) &&
    typeof c['hash'] === 'string' &&
    HASH_HEX.test(c['hash']) &&
    Number.isSafeInteger(c['period']) &&
    (c['period'] as number) >= 1 &&
    Number.isSafeInteger(c['genesisTime']) &&
    (c['genesisTime'] as number) >= 0
  );
}

/**
 * The latest round published at `unixSeconds` (which may have a fraction): `0` before genesis.
 * drand-client `roundAt`: `floor((t − genesis) / period) + 1`.
 */
export function roundAt(chain: ChainInfo, unixSeconds: number): number {
  if (!Number.isFinite(unixSeconds)) throw new RangeError(`roundAt: not a time: ${unixSeconds}`);
  if (unixSeconds < chain.genesisTime) return 0;
  return Math.floor((unixSeconds - chain.genesisTime) / chain.period) + 1;
}

/** Unix seconds at which `round` (≥ 1) is published: `genesis + (round − 1) · period`. */
export function timeOfRound(chain: ChainInfo, round: number): number {
  if (!isRoundNumber(round)) throw new RangeError(`timeOfRound: not a round number: ${round}`);
  return chain.genesisTime + (round - 1) * chain.period;
}

/**
 * The first round published at least `minDelaySeconds` after `unixSeconds`: the round a
 * preparation commits to, so that its randomness is unknown to everyone, the operator
 * included, until well after the commitment is public.
 */
export function firstRoundAfter(chain: ChainInfo, unixSeconds: number, minDelaySeconds: number): number {
  if (!Number.isFinite(unixSeconds) || !Number.isFinite(minDelaySeconds) || minDelaySeconds < 0) {
    throw new RangeError(`firstRoundAfter: bad time ${unixSeconds} or delay ${minDelaySeconds}`);
  }
  const target = unixSeconds + minDelaySeconds;
  if (target <= chain.genesisTime) return 1;
  return Math.ceil((target - chain.genesisTime) / chain.period) + 1;
}

/** The message a round's signature signs: `SHA-256(round as uint64 big-endian)`. */
export function beaconMessage(round: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(round), false);
  return sha256(bytes);
}

/**
 * True when `signature` is the chain's signature of `round`. False on anything malformed (a
 * non-hex or wrong-length signature or key, a point off the curve or at infinity, a round
 * that is not a positive integer, an unknown scheme); never throws.
 */
export function verifyBeacon(chain: ChainInfo, beacon: BeaconSignature): boolean {
  try {
    if (!isChainInfo(chain) || !isRoundNumber(beacon?.round) || !isSignatureHex(beacon.signature)) return false;
    const bls = bls12_381.shortSignatures;
    const message = bls.hash(beaconMessage(beacon.round), DRAND_G1_DST);
    return bls.verify(hexToBytes(beacon.signature), message, hexToBytes(chain.publicKey));
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD HH:mm:ss（北京时间）` of unix seconds (Asia/Shanghai is UTC+8, no daylight saving). */
export function beijingTimeText(unixSeconds: number): string {
  if (!Number.isFinite(unixSeconds)) return String(unixSeconds);
  const iso = new Date((Math.floor(unixSeconds) + 8 * 3600) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}（北京时间）`;
}

/** A round's randomness: hex `SHA-256(signature bytes)`. Throws on a signature that is not hex. */
export function randomnessOf(signature: string): string {
  return bytesToHex(sha256(hexToBytes(signature)));
}
