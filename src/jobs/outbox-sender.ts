import { NetworkError, PlatformRejectedError, type Messenger, type Platform } from '../app/ports/messenger';
import type { Clock } from '../app/ports/clock';
import type { ClaimedMessage, OutboxDelivery } from '../app/ports/outbox';
import type { Logger } from '../logger';
import { RateLimiter } from './rate-limiter';

export interface OutboxSenderDeps {
  /** The queued messages: claimed, then settled one by one. */
  outbox: OutboxDelivery;
  messengers: Partial<Record<Platform, Messenger>>;
  clock: Clock;
  logger: Logger;
  limiter?: RateLimiter;
  /** Seconds a claimed row stays leased before another sender may take it (crash recovery). */
  leaseSeconds?: number;
  maxAttempts?: number;
  batchSize?: number;
}

/** Backoff after a failed attempt: 2, 4, 8 … seconds, at most 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(600, 2 ** Math.max(1, attempts));
}

/**
 * Delivers the outbox. Rows are claimed with `FOR UPDATE SKIP LOCKED` in short transactions (no
 * session locks, so it is safe behind poolers and with several instances), at most one row per
 * recipient at a time and never ahead of an earlier unsent row for the same recipient, so each
 * chat sees its messages in order. A send that crashed mid-way is retried after its lease with
 * the same idempotency key, which the platform drops if it already went out.
 */
export function createOutboxSender(deps: OutboxSenderDeps) {
  const { outbox, clock, logger } = deps;
  // A margin under Feishu's 5 per second per chat or user and 50 per second per app: network jitter can
  // bunch sends up on the platform's side, and every 429 costs a retry.
  const limiter = deps.limiter ?? new RateLimiter(4, 45);
  const lease = deps.leaseSeconds ?? 60;
  const maxAttempts = deps.maxAttempts ?? 8;
  const batch = deps.batchSize ?? 20;

  function claim(): Promise<ClaimedMessage[]> {
    const now = clock.now();
    return outbox.claimDue(now, new Date(now.getTime() + lease * 1000), batch);
  }

  function shownCopies(row: ClaimedMessage): Promise<string[]> {
    return row.cardKey ? outbox.sentCardMessageIds(row.cardKey, row.to, row.id) : Promise.resolve([]);
  }

  async function deliver(row: ClaimedMessage): Promise<string | undefined> {
    const { to } = row;
    const messenger = deps.messengers[to.platform];
    if (!messenger) throw new PlatformRejectedError(`no messenger configured for ${to.platform}`, 'no_messenger', undefined, false);
    await limiter.wait(`${to.platform}:${to.id}`);
    if (row.message.type === 'update') {
      // Every copy the recipient has is edited, so none keeps a button that no longer applies.
      const copies = await shownCopies(row);
      for (const messageId of copies) await messenger.updateCard(messageId, row.message.card);
      if (copies.length) return copies.at(-1);
      if (row.message.ifShown) return undefined;
      return (await messenger.send(to, { type: 'card', card: row.message.card }, row.idempotencyKey)).messageId;
    }
    return (await messenger.send(to, row.message, row.idempotencyKey)).messageId;
  }

  async function settle(row: ClaimedMessage, error: unknown): Promise<void> {
    const retryable = error instanceof NetworkError || (error instanceof PlatformRejectedError && error.retryable);
    const message = error instanceof Error ? error.message : String(error);
    if (retryable && row.attempts < maxAttempts) {
      const wait = error instanceof PlatformRejectedError && error.retryAfterSeconds ? error.retryAfterSeconds : backoffSeconds(row.attempts);
      await outbox.retryLater(row.id, message, new Date(clock.now().getTime() + wait * 1000));
      logger.warn('send failed, will retry', { id: row.id, attempt: row.attempts, inSeconds: wait, error: message });
    } else {
      await outbox.markFailed(row.id, message);
      logger.error('send failed for good', { id: row.id, attempts: row.attempts, error: message });
    }
  }

  /** Claims and sends what is due; returns how many rows it handled. */
  async function drainOnce(): Promise<number> {
    const rows = await claim();
    for (const row of rows) {
      try {
        const messageId = await deliver(row);
        await outbox.markSent(row.id, messageId ?? null, clock.now());
      } catch (error) {
        await settle(row, error);
      }
    }
    return rows.length;
  }

  /** Drains until nothing is due (bounded). Calls in one process run one after another. */
  let chain: Promise<unknown> = Promise.resolve();
  function drain(maxRounds = 100): Promise<number> {
    const run = chain.then(async () => {
      let total = 0;
      for (let i = 0; i < maxRounds; i++) {
        const n = await drainOnce();
        total += n;
        if (n === 0) break;
      }
      return total;
    });
    chain = run.catch(() => undefined);
    return run;
  }

  let timer: NodeJS.Timeout | undefined;
  let queued = false;

  /** Coalesces wake-ups: at most one extra drain waits behind the running one. */
  function wake(): void {
    if (queued) return;
    queued = true;
    void drain()
      .catch((error: unknown) => logger.error('outbox drain failed', { error }))
      .finally(() => {
        queued = false;
      });
  }

  return {
    drainOnce,
    drain,
    wake,
    start(intervalMs = 1000) {
      timer = setInterval(wake, intervalMs);
      timer.unref();
      wake();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await chain;
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
