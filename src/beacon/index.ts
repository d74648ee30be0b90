/**
 * The public randomness beacon for draws: the League of Entropy's quicknet chain, pinned in
 * code ({@link QUICKNET}), reached through the relay of `DRAND_URL`; none when it is `off`.
 */
import type { Beacon } from '../app/ports/beacon';
import type { Config } from '../config';
import { QUICKNET } from '../domain/draw/beacon';
import { createHttpBeacon } from './http-beacon';

export { createHttpBeacon, type HttpBeaconOptions } from './http-beacon';

/** The beacon the configuration asks for, or undefined for an offline installation. */
export function beaconFromConfig(drand: Config['drand']): Beacon | undefined {
  if (!drand) return undefined;
  return createHttpBeacon({ baseUrl: drand.url, chain: QUICKNET, giveUpAfterMs: drand.timeoutSeconds * 1000 });
}
