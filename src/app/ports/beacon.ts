/**
 * The public randomness beacon (drand): a future round fixed at preparation, fetched at
 * execution. The chain (its public key above all) is pinned in code or configuration, never
 * taken from the relay, so a relay can withhold a round but cannot forge one.
 */
import type { ChainInfo } from '../../domain/draw/beacon';

/** A published round whose signature has been verified against {@link Beacon.chain}. */
export interface VerifiedRound {
  round: number;
  /** Hex BLS signature (48 bytes, lowercase). */
  signature: string;
  /** Hex SHA-256 of the signature. */
  randomness: string;
}

export interface Beacon {
  /** The pinned chain every round is verified against. */
  chain(): ChainInfo;
  /**
   * Round `n`: waits until it is published (drand relays answer "too early" before), then
   * returns it once its signature verifies. Rejects with {@link BeaconError}: `unavailable`
   * when the relay does not deliver it within the configured time after the round is due,
   * `invalid` when the relay serves a round that does not verify, `aborted` on `signal`.
   */
  round(n: number, options?: { signal?: AbortSignal }): Promise<VerifiedRound>;
}

export type BeaconErrorCode = 'unavailable' | 'invalid' | 'aborted';

/** Why a round could not be had; `message` is Simplified Chinese, fit for a leader's card. */
export class BeaconError extends Error {
  constructor(
    readonly code: BeaconErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'BeaconError';
  }
}
