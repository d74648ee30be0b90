/**
 * The public randomness beacon in a draw's life: at preparation the draw commits to a drand
 * round published at least {@link BEACON_DELAY_SECONDS} later; at 确认抽取 that round is fetched
 * and verified, and its randomness goes into the seed. Until the round is out nobody — the
 * server's operator who holds the draw key included — can know the result.
 */
import { firstRoundAfter, timeOfRound } from '../domain/draw/beacon';
import { shanghaiDateTimeSeconds } from '../domain/workdays';
import type { PrefetchContext } from './commands/entry';
import { BeaconError } from './ports/beacon';
import type { DrawBeacon, DrawRow } from './ports/store';
import { AppError, type AppEnv } from './use-case';

/** How long after preparation the committed round is published: time to read the card, too short to matter. */
export const BEACON_DELAY_SECONDS = 120;

/** How long 确认抽取 waits for the relay (a card's answer is due within 3 seconds). */
export const BEACON_FETCH_MS = 2500;

/** The round a draw prepared now commits to, or null without a beacon. */
export function committedRound(env: AppEnv): DrawBeacon | null {
  if (!env.beacon) return null;
  const chain = env.beacon.chain();
  const round = firstRoundAfter(chain, Math.floor(env.clock.now().getTime() / 1000), BEACON_DELAY_SECONDS);
  return { chainHash: chain.hash, round, publishAt: new Date(timeOfRound(chain, round) * 1000).toISOString() };
}

/**
 * The draw's beacon with its round's signature and randomness: fetched now when the draw
 * committed to a round and has not got it yet. Refused, with nothing changed, before the round
 * is due, without a beacon configured, or when the relay does not deliver in time.
 */
export async function fetchCommittedRound(env: AppEnv, draw: DrawRow): Promise<DrawBeacon | null> {
  const b = draw.beacon;
  if (!b || b.randomness) return b;
  if (!env.beacon || env.beacon.chain().hash !== b.chainHash) {
    throw new AppError(
      'invalid',
      `${draw.drawNo} 在准备时承诺使用公共随机信标 drand 第 ${b.round} 轮，但本服务器现在没有配置该随机信标（DRAND_URL），不能执行。请恢复 DRAND_URL 设置后再点“确认抽取”，或放弃本次抽取。`,
    );
  }
  const due = Date.parse(b.publishAt);
  const now = env.clock.now().getTime();
  if (now < due) {
    throw new AppError(
      'invalid',
      `${draw.drawNo} 承诺使用公共随机信标 drand 第 ${b.round} 轮，该轮将于 ${shanghaiDateTimeSeconds(new Date(due))} 发布（还有 ${Math.ceil((due - now) / 1000)} 秒）。` +
        '请届时再点“确认抽取”：在该轮发布之前，包括服务器管理员在内的任何人都无法预知抽取结果。',
    );
  }
  try {
    const got = await env.beacon.round(b.round, { signal: AbortSignal.timeout(BEACON_FETCH_MS) });
    return { ...b, signature: got.signature, randomness: got.randomness };
  } catch (e) {
    if (e instanceof BeaconError) throw new AppError('invalid', `${e.message}。本次抽取保持待确认，请稍后再点“确认抽取”。`);
    throw e;
  }
}

/**
 * Fetches a prepared draw's committed round ahead of 确认抽取's or 放弃's transaction, through
 * the request's memoizing beacon (see `memoizeRounds`), so the database is not held while the
 * relay answers. Failures are left for the action itself to meet and explain.
 */
export async function prefetchCommittedRound(ctx: PrefetchContext, drawId: number): Promise<void> {
  const draw = await ctx.read((repos, actor) => repos.draws.byId(actor.agencyId, drawId));
  if (draw?.status === 'prepared') await fetchCommittedRound(ctx.env, draw);
}
