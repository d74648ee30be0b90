/**
 * The beacon as `/healthz` sees it: the outcome of the last round asked of the relay. Nothing is
 * fetched for the sake of health (the relay is a public service, asked only when a draw needs a
 * round); a relay that failed the last 确认抽取 shows as degraded until a round comes through.
 */
import { type Beacon, BeaconError } from '../app/ports/beacon';

export interface BeaconStatus {
  chainHash: string;
  lastRound?: { round: number; at: Date };
  lastFailure?: { round: number; at: Date; code: string; error: string };
}

export function observeBeacon(beacon: Beacon, now: () => Date): { beacon: Beacon; status(): BeaconStatus } {
  let lastRound: BeaconStatus['lastRound'];
  let lastFailure: BeaconStatus['lastFailure'];
  return {
    beacon: {
      chain: () => beacon.chain(),
      async round(n, options) {
        try {
          const got = await beacon.round(n, options);
          lastRound = { round: n, at: now() };
          lastFailure = undefined;
          return got;
        } catch (e) {
          // A caller giving up after its time budget (2.5 s for 确认抽取) means the relay was too slow.
          if (e instanceof BeaconError) {
            const error = e.code === 'aborted' ? `随机信标中继未能在时限内提供第 ${n} 轮` : e.message;
            lastFailure = { round: n, at: now(), code: e.code === 'aborted' ? 'unavailable' : e.code, error };
          }
          throw e;
        }
      },
    },
    status: () => ({ chainHash: beacon.chain().hash, ...(lastRound ? { lastRound } : {}), ...(lastFailure ? { lastFailure } : {}) }),
  };
}
