import { and, desc, eq, sql } from 'drizzle-orm';
import { NetworkError, PlatformRejectedError, type Messenger, type OutgoingMessage, type Platform, type Recipient } from '../app/ports/messenger';
import type { Clock } from '../app/ports/clock';
import type { CardView } from '../app/views/card-view';
import { rowsOf, type Db } from '../db/client';
import { outbox } from '../db/schema';
import type { Logger } from '../logger';
import { RateLimiter } from './rate-limiter';

export interface OutboxSenderDeps {
  db: Db;
  messengers: Partial<Record<Platform, Messenger>>;
  clock: Clock;
  logger: Logger;
  limiter?: RateLimiter;
  /** Seconds a claimed row stays leased before another sender may take it (crash recovery). */
  leaseSeconds?: number;
  maxAttempts?: number;
  batchSize?: number;
}

interface ClaimedRow {
  id: number;
  platform: Platform;
  recipient_kind: 'chat' | 'user';
  recipient_id: string;
  message: OutgoingMessage | { type: 'update'; card: CardView };
  card_key: string | null;
  idempotency_key: string;
  attempts: number;
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
  const { db, clock, logger } = deps;
  // A margin under Feishu's 5 per second per chat or user and 50 per second per app: network jitter can
  // bunch sends up on the platform's side, and every 429 costs a retry.
  const limiter = deps.limiter ?? new RateLimiter(4, 45);
  const lease = deps.leaseSeconds ?? 60;
  const maxAttempts = deps.maxAttempts ?? 8;
  const batch = deps.batchSize ?? 20;

  async function claim(): Promise<ClaimedRow[]> {
    const now = clock.now().toISOString();
    const leaseUntil = new Date(clock.now().getTime() + lease * 1000).toISOString();
    const result = await db.execute(sql`
      update outbox set status = 'sending', locked_until = ${leaseUntil}::timestamptz, attempts = attempts + 1
      where id in (
        select o.id from outbox o
        where ((o.status = 'pending' and o.next_attempt_at <= ${now}::timestamptz) or (o.status = 'sending' and o.locked_until < ${now}::timestamptz))
          and not exists (
            select 1 from outbox e
            where e.platform = o.platform and e.recipient_id = o.recipient_id and e.id < o.id
              and (e.status = 'pending' or e.status = 'sending')
          )
        order by o.id
        limit ${batch}
        for update skip locked
      )
      returning id, platform, recipient_kind, recipient_id, message, card_key, idempotency_key, attempts`);
    return rowsOf<ClaimedRow>(result).sort((a, b) => a.id - b.id);
  }

  async function previousMessageId(row: ClaimedRow): Promise<string | undefined> {
    if (!row.card_key) return undefined;
    const [prev] = await db
      .select({ id: outbox.platformMessageId })
      .from(outbox)
      .where(
        and(
          eq(outbox.cardKey, row.card_key),
          eq(outbox.platform, row.platform),
          eq(outbox.recipientId, row.recipient_id),
          eq(outbox.status, 'sent'),
          sql`${outbox.platformMessageId} is not null`,
          sql`${outbox.id} < ${row.id}`,
        ),
      )
      .orderBy(desc(outbox.id))
      .limit(1);
    return prev?.id ?? undefined;
  }

  async function deliver(row: ClaimedRow): Promise<string | undefined> {
    const messenger = deps.messengers[row.platform];
    if (!messenger) throw new PlatformRejectedError(`no messenger configured for ${row.platform}`, 'no_messenger', undefined, false);
    const to: Recipient = { kind: row.recipient_kind, platform: row.platform, id: row.recipient_id };
    await limiter.wait(`${row.platform}:${row.recipient_id}`);
    if (row.message.type === 'update') {
      const messageId = await previousMessageId(row);
      if (messageId) {
        await messenger.updateCard(messageId, row.message.card);
        return messageId;
      }
      return (await messenger.send(to, { type: 'card', card: row.message.card }, row.idempotency_key)).messageId;
    }
    return (await messenger.send(to, row.message, row.idempotency_key)).messageId;
  }

  async function settle(row: ClaimedRow, error: unknown): Promise<void> {
    const retryable = error instanceof NetworkError || (error instanceof PlatformRejectedError && error.retryable);
    const message = error instanceof Error ? error.message : String(error);
    if (retryable && row.attempts < maxAttempts) {
      const wait = error instanceof PlatformRejectedError && error.retryAfterSeconds ? error.retryAfterSeconds : backoffSeconds(row.attempts);
      await db
        .update(outbox)
        .set({ status: 'pending', lockedUntil: null, lastError: message, nextAttemptAt: new Date(clock.now().getTime() + wait * 1000) })
        .where(eq(outbox.id, row.id));
      logger.warn('send failed, will retry', { id: row.id, attempt: row.attempts, inSeconds: wait, error: message });
    } else {
      await db.update(outbox).set({ status: 'failed', lockedUntil: null, lastError: message }).where(eq(outbox.id, row.id));
      logger.error('send failed for good', { id: row.id, attempts: row.attempts, error: message });
    }
  }

  /** Claims and sends what is due; returns how many rows it handled. */
  async function drainOnce(): Promise<number> {
    const rows = await claim();
    for (const row of rows) {
      try {
        const messageId = await deliver(row);
        await db
          .update(outbox)
          .set({ status: 'sent', sentAt: clock.now(), lockedUntil: null, platformMessageId: messageId ?? null, lastError: null })
          .where(eq(outbox.id, row.id));
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
