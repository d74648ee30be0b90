/**
 * Commit–reveal: the commitment to a 32-byte secret is published before the draw; the seed
 * mixes the secret with the hashes of the frozen pools, the canonical params and the draw
 * number, so neither the pools, the params nor the secret can change once committed.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json';
import { ALGORITHM_VERSION } from './types';

/** Length of the secret in bytes. */
export const SECRET_BYTES = 32;

const HEX_64 = /^[0-9a-f]{64}$/;

/** True for 64 lowercase hex digits (a SHA-256 digest or a secret). */
export function isHex32(value: unknown): value is string {
  return typeof value === 'string' && HEX_64.test(value);
}

/** The secret is exactly 32 bytes. */
export function isSecret(secret: unknown): secret is Uint8Array {
  return secret instanceof Uint8Array && secret.length === SECRET_BYTES;
}

/** `hex(SHA-256(secret))`. */
export function commitmentOf(secret: Uint8Array): string {
  return bytesToHex(sha256(secret));
}

/** Length of the installation's draw key and of a draw's nonce, in bytes. */
export const DRAW_KEY_BYTES = 32;

/**
 * A draw's secret, derived rather than stored: `HMAC-SHA256(drawKey, lp("drbot-draw-secret/1")
 * ‖ lp(drawNo) ‖ nonce)`. The nonce is stored with the draw; the key is kept outside the
 * database (an environment variable or a key file), so whoever can read the database alone
 * cannot compute a pending draw's secret, and so cannot know its result before 确认抽取.
 */
export function deriveDrawSecret(drawKey: Uint8Array, nonce: Uint8Array, drawNo: string): Uint8Array {
  if (drawKey.length !== DRAW_KEY_BYTES) throw new Error(`the draw key must be ${DRAW_KEY_BYTES} bytes`);
  const h = hmac.create(sha256, drawKey);
  h.update(lengthPrefixed('drbot-draw-secret/1'));
  h.update(lengthPrefixed(drawNo));
  h.update(nonce);
  return h.digest();
}

/** 4-byte big-endian byte length, then the UTF-8 bytes. */
function lengthPrefixed(text: string): Uint8Array {
  const bytes = utf8ToBytes(text);
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, false);
  out.set(bytes, 4);
  return out;
}

export interface SeedInputs {
  secret: Uint8Array;
  /** Hex SHA-256 of the enterprise pool serialization. */
  enterprisePoolHash: string;
  /** Hex SHA-256 of the officer pool serialization. */
  officerPoolHash: string;
  /** Canonical JSON of the params. */
  paramsCanonical: string;
  drawNo: string;
}

/**
 * `seed = SHA-256( lp("drbot-draw/1") ‖ secret (32 bytes) ‖ enterprisePoolHash (32 raw bytes)
 * ‖ officerPoolHash (32 raw bytes) ‖ lp(paramsCanonical) ‖ lp(drawNo) )`, where `lp(s)` is the
 * UTF-8 byte length of s as uint32 big-endian followed by those bytes.
 */
export function deriveSeed(inputs: SeedInputs): Uint8Array {
  const h = sha256.create();
  h.update(lengthPrefixed(ALGORITHM_VERSION));
  h.update(inputs.secret);
  h.update(hexToBytes(inputs.enterprisePoolHash));
  h.update(hexToBytes(inputs.officerPoolHash));
  h.update(lengthPrefixed(inputs.paramsCanonical));
  h.update(lengthPrefixed(inputs.drawNo));
  return h.digest();
}

/** Inputs of {@link deriveSeedV2}: version 1's, the exclusion lists' hashes and the beacon. */
export interface SeedInputsV2 extends SeedInputs {
  excludedEnterprisesHash: string;
  excludedOfficersHash: string;
  beacon: SeedBeacon | null;
}

/**
 * hex SHA-256 of the canonical JSON of an exclusion list in canonical order (by USCC for
 * enterprises, by certificate number for officers; the order a store lists them in is not part
 * of what was decided).
 */
export function exclusionsHash(list: ReadonlyArray<{ uscc: string } | { certificateNo: string }>): string {
  const key = (e: { uscc: string } | { certificateNo: string }) => ('uscc' in e ? e.uscc : e.certificateNo);
  const sorted = [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(sorted))));
}

/** Version label of {@link deriveSeedV2}, the first thing it hashes. */
export const SEED_V2_LABEL = 'drbot-draw/2';

/** The drand round mixed into a version-2 seed (checked by `verifyRecordedBeacon` first). */
export interface SeedBeacon {
  /** Hex chain hash (32 bytes). */
  chainHash: string;
  round: number;
  /** Hex randomness of the round, SHA-256 of its signature (32 bytes). */
  randomness: string;
}

/**
 * Version 2: version 1's inputs, then the public randomness of a drand round committed to at
 * preparation, so that nobody, the operator who holds the secret included, knows the seed
 * before that round is published.
 *
 * It also commits to who was left out and why (《行政执法公示》: the excluded enterprises and
 * officers are published with their reasons): a changed or added exclusion reason changes the
 * seed, and `draw verify` names the list whose hash differs.
 *
 * `seed = SHA-256( lp("drbot-draw/2") ‖ secret (32 bytes) ‖ enterprisePoolHash (32 raw bytes)
 * ‖ officerPoolHash (32 raw bytes) ‖ lp(paramsCanonical) ‖ lp(drawNo)
 * ‖ excludedEnterprisesHash (32 raw bytes) ‖ excludedOfficersHash (32 raw bytes) ‖ B )`, the
 * exclusion hashes being {@link exclusionsHash} of each list, and where
 * `B = 0x01 ‖ chainHash (32 raw bytes) ‖ round (uint64 big-endian) ‖ randomness (32 raw bytes)`
 * for a draw with a beacon and `B = 0x00` for one without (an offline installation; the
 * record says so). Every part has a fixed length or a length prefix, so no two different
 * input lists hash the same bytes. {@link deriveSeed} (version 1) is unchanged.
 */
export function deriveSeedV2(inputs: SeedInputsV2): Uint8Array {
  const h = sha256.create();
  h.update(lengthPrefixed(SEED_V2_LABEL));
  h.update(inputs.secret);
  h.update(hexToBytes(inputs.enterprisePoolHash));
  h.update(hexToBytes(inputs.officerPoolHash));
  h.update(lengthPrefixed(inputs.paramsCanonical));
  h.update(lengthPrefixed(inputs.drawNo));
  h.update(hexToBytes(inputs.excludedEnterprisesHash));
  h.update(hexToBytes(inputs.excludedOfficersHash));
  const { beacon } = inputs;
  if (!beacon) {
    h.update(Uint8Array.of(0));
    return h.digest();
  }
  if (!isHex32(beacon.chainHash) || !isHex32(beacon.randomness) || !Number.isSafeInteger(beacon.round) || beacon.round < 1) {
    throw new RangeError('deriveSeedV2: the beacon needs a 32-byte hex chainHash and randomness and a positive round');
  }
  const round = new Uint8Array(8);
  new DataView(round.buffer).setBigUint64(0, BigInt(beacon.round), false);
  h.update(Uint8Array.of(1));
  h.update(hexToBytes(beacon.chainHash));
  h.update(round);
  h.update(hexToBytes(beacon.randomness));
  return h.digest();
}

export { bytesToHex, hexToBytes };
