/**
 * One request's view of the beacon: each round is asked of the relay at most once, and the
 * answer — the verified round or the failure — is kept for the rest of the request. The router
 * uses it to fetch a draw's drand round before the database transaction opens (an action's
 * `prefetch`) and find it at once inside, so the database is never held while waiting on the
 * network, and a relay that failed is not waited out a second time (a card's answer is due
 * within 3 seconds).
 */
import { type Beacon, BeaconError, type VerifiedRound } from './ports/beacon';

export function memoizeRounds(beacon: Beacon): Beacon {
  const answers = new Map<number, Promise<VerifiedRound>>();
  return {
    chain: () => beacon.chain(),
    round(n, options) {
      let answer = answers.get(n);
      if (!answer) {
        answer = beacon.round(n, options).catch((e: unknown) => {
          // A fetch cut short by the time budget is a slow relay, and is told as one.
          if (e instanceof BeaconError && e.code === 'aborted') throw new BeaconError('unavailable', `未能及时取得随机信标第 ${n} 轮`, e);
          throw e;
        });
        answers.set(n, answer);
      }
      return answer;
    },
  };
}
