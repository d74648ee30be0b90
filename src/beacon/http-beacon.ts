/**
 * The {@link Beacon} port over the drand HTTP API (v1 paths, served by every relay):
 * `GET {baseUrl}/{chainHash}/public/{round}` → `{ round, randomness, signature }`.
 *
 * How relays answer a round that is not out yet (checked in their sources): drand's
 * `http-relay` (github.com/drand/http-relay, `routes_handler.go` `GetBeacon`) answers
 * **425 Too Early** for a round beyond the next one and holds the request open until the next
 * round is out; the older relay built into drand (`http/server.go` `PublicRand`) answers
 * **404** for a round in the future. Both are taken as "not yet".
 *
 * So: sleep until the round is due, ask, and on "not yet" ask again shortly; on a network
 * failure, a timeout, 429 or 5xx retry with backoff; give up `giveUpAfterMs` after the round
 * was due (or after the call, for a round long out). A served round is verified against the pinned chain before it is returned; one that
 * does not verify is refused at once (a relay cannot forge, only withhold).
 */
import { BeaconError, type Beacon, type VerifiedRound } from '../app/ports/beacon';
import { beijingTimeText, type ChainInfo, isRoundNumber, randomnessOf, timeOfRound, verifyBeacon } from '../domain/draw/beacon';
import { abortableSleep } from './sleep';

export interface HttpBeaconOptions {
  /** Relay address without the chain hash, e.g. `https://api.drand.sh`. */
  baseUrl: string;
  /** The pinned chain: its hash names the URL, its public key verifies every round. */
  chain: ChainInfo;
  /** One request's limit. A relay may hold the request for the next round up to one period. */
  requestTimeoutMs?: number;
  /** How long to keep trying once the round is due (or from the call, for a round long out). */
  giveUpAfterMs?: number;
  /** First and longest pause between retries after a failure (doubling). */
  backoffMs?: { first: number; max: number };
  /** Pause between asks while the relay says the due round is not out yet. */
  pollMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

type Attempt = { kind: 'served'; body: unknown } | { kind: 'not-yet'; status: number } | { kind: 'failed'; problem: string; retryAfterMs?: number };

export function createHttpBeacon(opts: HttpBeaconOptions): Beacon {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const chain = opts.chain;
  const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
  const giveUpAfterMs = opts.giveUpAfterMs ?? 60_000;
  const backoff = opts.backoffMs ?? { first: 500, max: 5_000 };
  const pollMs = opts.pollMs ?? Math.min(1_000, (chain.period * 1000) / 2);
  const now = opts.now ?? Date.now;
  const doFetch = opts.fetch ?? fetch;

  async function ask(url: string, signal: AbortSignal | undefined): Promise<Attempt> {
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    let res: Response;
    try {
      res = await doFetch(url, { headers: { accept: 'application/json' }, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) return { kind: 'failed', problem: `请求超时（${requestTimeoutMs / 1000} 秒无答复）` };
      return { kind: 'failed', problem: `网络错误：${describe(err)}` };
    }
    const text = await res.text().catch(() => '');
    if (res.status === 425 || res.status === 404) return { kind: 'not-yet', status: res.status };
    if (res.ok) {
      try {
        return { kind: 'served', body: JSON.parse(text) };
      } catch {
        return { kind: 'failed', problem: `答复不是 JSON：${text.slice(0, 80)}` };
      }
    }
    if (res.status === 408 || res.status === 429 || res.status >= 500) {
      return { kind: 'failed', problem: `HTTP ${res.status}`, retryAfterMs: retryAfter(res.headers.get('retry-after')) };
    }
    throw new BeaconError('unavailable', `随机信标中继 ${baseUrl} 拒绝了请求（HTTP ${res.status}：${text.slice(0, 80)}），请检查 DRAND_URL`);
  }

  function accept(n: number, body: unknown): VerifiedRound | undefined {
    if (typeof body !== 'object' || body === null) return undefined;
    const b = body as Record<string, unknown>;
    if (typeof b['signature'] !== 'string' || typeof b['round'] !== 'number') return undefined;
    const signature = b['signature'].toLowerCase();
    const invalid = (why: string) =>
      new BeaconError('invalid', `随机信标中继 ${baseUrl} 提供的第 ${n} 轮${why}，已拒绝使用（可能被篡改，或中继不是 drand 链 ${chain.hash.slice(0, 12)}…）`);
    if (b['round'] !== n) throw invalid(`实为第 ${b['round']} 轮`);
    if (!verifyBeacon(chain, { round: n, signature })) throw invalid('签名未通过 drand 公钥核验');
    const randomness = randomnessOf(signature);
    if (b['randomness'] !== undefined && String(b['randomness']).toLowerCase() !== randomness) throw invalid('随机数与签名不符');
    return { round: n, signature, randomness };
  }

  async function round(n: number, options: { signal?: AbortSignal } = {}): Promise<VerifiedRound> {
    if (!isRoundNumber(n)) throw new RangeError(`beacon round must be a positive integer, got ${n}`);
    const { signal } = options;
    const url = `${baseUrl}/${chain.hash}/public/${n}`;
    const due = timeOfRound(chain, n) * 1000;
    // From the due time, or from now for a round long out (a retried execution gets its full time).
    const deadline = Math.max(due, now()) + giveUpAfterMs;
    let pause = backoff.first;
    let lastProblem = '尚未发布';
    try {
      await abortableSleep(due - now(), signal);
      for (;;) {
        const attempt = await ask(url, signal);
        let wait: number;
        if (attempt.kind === 'served') {
          const verified = accept(n, attempt.body);
          if (verified) return verified;
          lastProblem = '答复缺少 round 或 signature';
          wait = pause;
          pause = Math.min(pause * 2, backoff.max);
        } else if (attempt.kind === 'not-yet') {
          lastProblem =
            now() < due + 2 * chain.period * 1000
              ? `中继答复尚未发布（HTTP ${attempt.status}）`
              : `轮次应已发布，中继仍答复尚未发布（HTTP ${attempt.status}）：DRAND_URL 可能不是 drand 中继，或不提供链 ${chain.hash.slice(0, 12)}…`;
          wait = Math.max(due - now(), pollMs);
        } else {
          lastProblem = attempt.problem;
          wait = Math.max(pause, attempt.retryAfterMs ?? 0);
          pause = Math.min(pause * 2, backoff.max);
        }
        const left = deadline - now();
        if (left <= 0) break;
        await abortableSleep(Math.min(wait, left), signal);
      }
    } catch (err) {
      if (signal?.aborted) throw new BeaconError('aborted', `已停止等待随机信标第 ${n} 轮`, err);
      throw err;
    }
    throw new BeaconError(
      'unavailable',
      `无法从随机信标中继 ${baseUrl} 取得第 ${n} 轮（应于 ${beijingTimeText(due / 1000)} 发布；已重试 ${Math.round(giveUpAfterMs / 1000)} 秒）：${lastProblem}。请检查网络或 DRAND_URL 后重试；承诺的轮次不变`,
    );
  }

  return { chain: () => chain, round };
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `（${(err.cause as NodeJS.ErrnoException).code ?? err.cause.message}）` : '';
  return `${err.message}${cause}`;
}

/** `Retry-After` in seconds (the only form relays send), bounded to a minute. */
function retryAfter(value: string | null): number | undefined {
  const seconds = value === null ? Number.NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : undefined;
}
