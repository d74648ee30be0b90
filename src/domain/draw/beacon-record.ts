/**
 * `draw verify` for the beacon section of a draw record: is the recorded drand round the one
 * the preparation committed to, published after the preparation, signed by the pinned chain?
 * Then its randomness is the one mixed into the seed. Pure; never throws; each refusal names
 * the record's JSON field in Chinese, for the bureau's staff and the public.
 */
import { beijingTimeText, type ChainInfo, isChainInfo, isRoundNumber, isSignatureHex, randomnessOf, timeOfRound, verifyBeacon } from './beacon';

/** The beacon section of a draw record, as read from JSON (hence `unknown` fields). */
export interface RecordedBeacon {
  /** Hex chain hash of the drand chain the round belongs to. */
  chainHash: unknown;
  round: unknown;
  /** Hex BLS signature of the round (48 bytes). */
  signature: unknown;
  /** Optional in the record: when present it must equal SHA-256(signature). */
  randomness?: unknown;
}

/** What else the record says about the round, checked when given. */
export interface BeaconExpectations {
  /** The round announced at preparation (the commitment); the executed round must be it. */
  committedRound?: unknown;
  /** Unix seconds of the preparation: the round must be published strictly after it. */
  preparedAt?: number;
}

export type BeaconRecordFailureCode =
  | 'beacon-malformed'
  | 'beacon-unknown-chain'
  | 'beacon-round-mismatch'
  | 'beacon-before-preparation'
  | 'beacon-signature-invalid'
  | 'beacon-randomness-mismatch';

export type BeaconRecordResult = { ok: true; round: number; randomness: string } | { ok: false; code: BeaconRecordFailureCode; reason: string };

const HASH_HEX = /^[0-9a-f]{64}$/;

const fail = (code: BeaconRecordFailureCode, reason: string): BeaconRecordResult => ({ ok: false, code, reason });

const shown = (value: unknown): string => {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  return text === undefined ? '（缺失）' : text.length > 120 ? `${text.slice(0, 120)}…` : text;
};

/**
 * Checks a recorded drand round against the pinned chain (`chain`, e.g. {@link QUICKNET}) and
 * returns its randomness. The chain is the verifier's own, never the record's: a record that
 * names another chain is refused, since whoever wrote it could hold that chain's key.
 */
export function verifyRecordedBeacon(beacon: RecordedBeacon, chain: ChainInfo, expect: BeaconExpectations = {}): BeaconRecordResult {
  if (!isChainInfo(chain)) return fail('beacon-unknown-chain', '本程序固定的随机信标链参数无效（公钥、周期、创世时间或方案不对），无法核验');
  if (typeof beacon !== 'object' || beacon === null) return fail('beacon-malformed', '记录缺少随机信标 beacon 部分');
  const { chainHash, round, signature } = beacon;
  if (typeof chainHash !== 'string' || !HASH_HEX.test(chainHash)) {
    return fail('beacon-malformed', `随机信标链标识 beacon.chainHash 应为 64 位小写十六进制，记录为 ${shown(chainHash)}`);
  }
  if (!isRoundNumber(round)) return fail('beacon-malformed', `随机信标轮次 beacon.round 应为正整数，记录为 ${shown(round)}`);
  if (!isSignatureHex(signature)) {
    return fail('beacon-malformed', `随机信标签名 beacon.signature 应为 96 位小写十六进制（48 字节），记录为 ${shown(signature)}`);
  }
  if (chainHash !== chain.hash) {
    return fail('beacon-unknown-chain', `随机信标链 beacon.chainHash 为 ${chainHash}，不是本程序固定的 drand 链 ${chain.hash}，其签名无法用可信公钥核验`);
  }
  if (expect.committedRound !== undefined && expect.committedRound !== round) {
    return fail('beacon-round-mismatch', `随机信标轮次 beacon.round 为 ${round}，与准备时公布承诺的轮次 ${shown(expect.committedRound)} 不一致`);
  }
  if (expect.preparedAt !== undefined) {
    if (!Number.isFinite(expect.preparedAt)) return fail('beacon-malformed', `准备时间无效（${shown(expect.preparedAt)}），无法核对随机信标轮次的发布时间`);
    const published = timeOfRound(chain, round);
    if (!(published > expect.preparedAt)) {
      return fail(
        'beacon-before-preparation',
        `随机信标第 ${round} 轮发布于 ${beijingTimeText(published)}，不晚于准备时间 ${beijingTimeText(expect.preparedAt)}：准备时其随机数已可得知`,
      );
    }
  }
  if (!verifyBeacon(chain, { round, signature })) {
    return fail('beacon-signature-invalid', `随机信标第 ${round} 轮的签名 beacon.signature 未通过 drand 公钥核验：签名被改动、伪造或属于其他轮次`);
  }
  const randomness = randomnessOf(signature);
  if (beacon.randomness !== undefined && beacon.randomness !== randomness) {
    return fail('beacon-randomness-mismatch', `随机信标随机数 beacon.randomness 不一致：记录为 ${shown(beacon.randomness)}，由签名计算为 ${randomness}`);
  }
  return { ok: true, round, randomness };
}
