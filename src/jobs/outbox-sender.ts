import { createDrainLoop } from '../drain-loop';
import { NetworkError, PlatformRejectedError, type Messenger, type Platform } from '../app/ports/messenger';
import type { CardBindings } from '../app/ports/card-bindings';
import type { Clock } from '../app/ports/clock';
import { NOTICE_KEY_PREFIX, type ClaimedMessage, type OutboxDelivery, type UndeliveredReport } from '../app/ports/outbox';
import type { Logger } from '../logger';
import { RateLimiter } from './rate-limiter';
import { randomBytes } from 'node:crypto';

/** How sending to one platform went lately; `lastFailure` is cleared by the next success. */
export interface PlatformDeliveryStatus {
  lastSentAt?: Date;
  lastFailure?: { at: Date; kind: 'transient' | 'permanent' | 'configuration'; error: string };
}

export interface OutboxSenderDeps {
  /** The queued messages: claimed, then settled one by one. */
  outbox: OutboxDelivery;
  messengers: Partial<Record<Platform, Messenger>>;
  clock: Clock;
  logger: Logger;
  limiter?: RateLimiter;
  /** Seconds a claimed row stays leased before another sender may take it (crash recovery). */
  leaseSeconds?: number;
  /** How long transient failures are retried before the message counts as failed (default 24 h). */
  retryForSeconds?: number;
  /** Seconds to wait after the n-th failed attempt (default {@link backoffSeconds}). */
  backoff?: (attempts: number) => number;
  batchSize?: number;
  /**
   * Prefixed to every idempotency key a platform sees: this installation's id, so that a reset
   * database does not reuse keys inside the platform's dedupe window (Feishu: one hour).
   */
  installationId?: string;
  /** Tells the administrators about a message that was not delivered; errors are logged. */
  report?: (report: UndeliveredReport) => Promise<void>;
  /** The name this sender claims rows under (default: random, one per process). */
  senderId?: string;
  /** Where the controls of each card shown are recorded (clicks are checked against them). */
  cards?: CardBindings;
}

/** Backoff after a failed attempt: 2, 4, 8 … seconds, at most 10 minutes. */
export function backoffSeconds(attempts: number): number {
  return Math.min(600, 2 ** Math.max(1, attempts));
}

/**
 * Delivers the outbox. Rows are claimed with `FOR UPDATE SKIP LOCKED` in short statements (no
 * session locks, so it is safe behind poolers and with several instances), at most one row per
 * recipient at a time and never ahead of an earlier unsent row for the same recipient, so each
 * chat sees its messages in order. A send that crashed mid-way is retried after its lease with
 * the same idempotency key, which the platform drops if it already went out.
 *
 * Nothing is given up silently: transient failures (network, 5xx, rate limits, an expired token)
 * are retried with capped backoff for `retryForSeconds` (24 h by default); a permanent refusal,
 * or retries running out, marks the message failed and reports it to the administrators, who can
 * resend or abandon it with `/outbox`. A refusal of our credentials is reported and retried.
 */
export function createOutboxSender(deps: OutboxSenderDeps) {
  const { outbox, clock, logger } = deps;
  // A margin under Feishu's 5 per second per chat or user and 50 per second per app: network jitter can
  // bunch sends up on the platform's side, and every 429 costs a retry.
  const limiter = deps.limiter ?? new RateLimiter(4, 45);
  const lease = deps.leaseSeconds ?? 60;
  const retryFor = deps.retryForSeconds ?? 24 * 3600;
  const backoff = deps.backoff ?? backoffSeconds;
  const batch = deps.batchSize ?? 20;
  const senderId = deps.senderId ?? `sender-${randomBytes(6).toString('hex')}`;
  const keyOf = (row: ClaimedMessage) => (deps.installationId ? `${deps.installationId}:${row.idempotencyKey}` : row.idempotencyKey);
  let stopping = false;
  const outcomes = new Map<Platform, PlatformDeliveryStatus>();
  const note = (platform: Platform, change: Partial<PlatformDeliveryStatus>) => outcomes.set(platform, { ...outcomes.get(platform), ...change });

  function claim(): Promise<ClaimedMessage[]> {
    const now = clock.now();
    return outbox.claimDue(now, new Date(now.getTime() + lease * 1000), batch, senderId);
  }

  function shownCopies(row: ClaimedMessage): Promise<string[]> {
    return row.cardKey ? outbox.sentCardMessageIds(row.cardKey, row.to, row.id) : Promise.resolve([]);
  }

  async function deliver(row: ClaimedMessage): Promise<string | undefined> {
    const { to } = row;
    const messenger = deps.messengers[to.platform];
    if (!messenger) throw new PlatformRejectedError(`no messenger configured for ${to.platform}`, 'no_messenger', undefined, false);
    if (messenger.paced !== false) await limiter.wait(`${to.platform}:${to.id}`);
    if (row.message.type === 'update') {
      // Every copy the recipient has is edited, so none keeps a button that no longer applies.
      const copies = await shownCopies(row);
      for (const messageId of copies) {
        await messenger.updateCard(messageId, row.message.card);
        await deps.cards?.record(to.platform, messageId, row.message.card);
      }
      if (copies.length) return copies.at(-1);
      if (row.message.ifShown) return undefined;
      return (await messenger.send(to, { type: 'card', card: row.message.card }, keyOf(row))).messageId;
    }
    return (await messenger.send(to, row.message, keyOf(row))).messageId;
  }

  async function report(row: ClaimedMessage, kind: UndeliveredReport['kind'], error: string, code?: number | string): Promise<void> {
    if (!deps.report || row.idempotencyKey.startsWith(NOTICE_KEY_PREFIX)) return;
    try {
      await deps.report({ row, kind, error, ...(code !== undefined ? { code } : {}) });
    } catch (e) {
      logger.error('could not tell the administrators about an undelivered message', { id: row.id, error: e });
    }
  }

  async function settle(row: ClaimedMessage, error: unknown): Promise<void> {
    const rejected = error instanceof PlatformRejectedError ? error : undefined;
    const retryable = error instanceof NetworkError || rejected?.retryable === true;
    const message = error instanceof Error ? error.message : String(error);
    const now = clock.now();
    const retryUntil = row.retryUntil ?? new Date(now.getTime() + retryFor * 1000);
    note(row.to.platform, {
      lastFailure: { at: now, kind: rejected?.kind === 'configuration' ? 'configuration' : retryable ? 'transient' : 'permanent', error: message },
    });
    if (retryable && now < retryUntil) {
      const wait = rejected?.retryAfterSeconds ? rejected.retryAfterSeconds : backoff(row.attempts);
      await outbox.retryLater(row.id, message, new Date(now.getTime() + wait * 1000), retryUntil);
      const data = { id: row.id, to: `${row.to.platform}:${row.to.id}`, attempt: row.attempts, inSeconds: wait, error: message };
      if (rejected?.kind === 'configuration') {
        logger.error('send refused: the platform rejects our credentials; will retry', data);
        await report(row, 'configuration', message, rejected.code);
      } else logger.warn('send failed, will retry', data);
      return;
    }
    await outbox.markFailed(row.id, message);
    const kind = retryable ? 'expired' : 'permanent';
    logger.error(retryable ? 'send failed: retries ran out' : 'send failed for good', {
      id: row.id,
      to: `${row.to.platform}:${row.to.id}`,
      attempts: row.attempts,
      error: message,
    });
    await report(row, kind, message, rejected?.code);
  }

  /** Claims and sends what is due; returns how many rows it handled. Nothing once stopping. */
  async function drainOnce(): Promise<number> {
    if (stopping) return 0;
    const rows = await claim();
    let handled = 0;
    for (const row of rows) {
      // Rows claimed but not started are released by stop(), so the next start sends them at once.
      if (stopping) break;
      try {
        const messageId = await deliver(row);
        note(row.to.platform, { lastSentAt: clock.now(), lastFailure: undefined });
        if (messageId && (row.message.type === 'card' || row.message.type === 'update')) await deps.cards?.record(row.to.platform, messageId, row.message.card);
        await outbox.markSent(row.id, messageId ?? null, clock.now());
      } catch (error) {
        await settle(row, error);
      }
      handled++;
    }
    return handled;
  }

  /** Drains until nothing is due (bounded). Calls in one process run one after another. */
  const loop = createDrainLoop(
    async (maxRounds: number = 100) => {
      let total = 0;
      for (let i = 0; i < maxRounds; i++) {
        const n = await drainOnce();
        total += n;
        if (n === 0) break;
      }
      return total;
    },
    logger,
    'outbox',
  );
  const { drain, wake } = loop;

  return {
    /** The latest outcome per platform, for `/healthz`. */
    deliveryStatus: (platform: Platform): PlatformDeliveryStatus => outcomes.get(platform) ?? {},
    drainOnce,
    drain,
    wake,
    start: loop.start,
    /**
     * Stops claiming, waits for the send in progress at most `graceMs` (default 5 s), then
     * releases this sender's claims (due again at once, the interrupted attempt not counted),
     * so the next start sends them without waiting for a lease to run out. A send cut off here
     * may have reached the platform: its retry carries the same key, which the platform drops.
     */
    async stop(graceMs = 5000): Promise<void> {
      stopping = true;
      const finished = await loop.halt(graceMs);
      if (!finished) logger.warn('outbox: shutdown grace over with a send in progress', { graceMs });
      const released = await outbox.release(senderId);
      if (released) logger.info('outbox: released unsent claims for the next start', { released });
    },
  };
}

export type OutboxSender = ReturnType<typeof createOutboxSender>;
