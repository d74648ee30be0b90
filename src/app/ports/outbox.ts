import type { CardView } from '../views/card-view';
import type { OutgoingMessage, Recipient } from './messenger';

/**
 * What an outbox row delivers: a message, or `{ type: 'update', card }` to edit every copy of the
 * card shown earlier to the same recipient (sent anew when none was shown, unless `ifShown`: a
 * form or a secondary card that only needs to change where a person has it).
 */
export type OutboxMessage = OutgoingMessage | { type: 'update'; card: CardView; ifShown?: boolean };

export interface OutboxInput {
  agencyId: number | null;
  to: Recipient;
  message: OutboxMessage;
  /** Deterministic per logical message, e.g. `draw:3:result:group`. */
  idempotencyKey: string;
  cardKey?: string;
  /**
   * Its place in the recipient's queue: when the message it answers was sent (default: now).
   * A chat receives its messages in this order, whatever order their transactions committed in.
   */
  orderedAt?: Date;
}

/** A message not (yet) delivered, as `/outbox` lists it. */
export interface UndeliveredMessage {
  id: number;
  to: Recipient;
  message: OutboxMessage;
  /** `failed`: given up (a refusal or retries ran out); `pending`/`sending`: still being retried. */
  status: 'pending' | 'sending' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** The transactional outbox: messages queued in the transaction of the state change they report. */
export interface OutboxRepo {
  enqueue(items: OutboxInput[]): Promise<void>;
  /** Which of these idempotency keys have been queued already (sent or not): what a repeated request would drop. */
  queuedKeys(keys: readonly string[]): Promise<Set<string>>;
  /**
   * An agency's messages that failed, or that are being retried after a failure, oldest first,
   * at most `limit`, and how many there are in all.
   */
  undelivered(agencyId: number, limit: number): Promise<{ items: UndeliveredMessage[]; total: number }>;
  /**
   * A failed (or waiting) message of the agency queued again, due at `now`, with a fresh retry
   * window; false when it is not there, already sent, being sent, abandoned, or already queued
   * afresh and due (a second 重发 of one double click).
   */
  resend(agencyId: number, id: number, now: Date): Promise<boolean>;
  /** A failed (or waiting) message of the agency given up for good; false as for `resend`. */
  abandon(agencyId: number, id: number): Promise<boolean>;
}

/** A queued message claimed by a sender: leased to it until it is settled or the lease runs out. */
export interface ClaimedMessage {
  id: number;
  agencyId: number | null;
  to: Recipient;
  message: OutboxMessage;
  /** When set, the message updates the earlier one that showed the same card key. */
  cardKey: string | null;
  idempotencyKey: string;
  /** Attempts so far, this one included. */
  attempts: number;
  /** Until when transient failures are retried (set at the first one), or null before any. */
  retryUntil: Date | null;
}

/** What is waiting, for `/healthz`: messages not yet sent and the oldest of them. */
export interface OutboxBacklog {
  /** Pending or being sent. */
  unsent: number;
  /** Failed for good (until an administrator resends or abandons them in `/outbox`). */
  failed: number;
  /** The `orderedAt` of the oldest unsent message (when it, or the message it answers, was sent), or null when none is. */
  oldestUnsentAt: Date | null;
}

/**
 * The outbox as the sender (src/jobs/outbox-sender.ts) works it, outside any unit of work: each
 * call is one short autocommitted statement, so that several senders (instances) can share it.
 */
export interface OutboxDelivery {
  /**
   * Claims up to `limit` messages due at `now` for the sender `claimedBy`, at most one per
   * recipient: each recipient's head (its earliest unsent message by `orderedAt`, then id),
   * when that is pending and due or sending with an expired lease. Leased until `leaseUntil`,
   * attempts counted, locked rows skipped. A message never goes ahead of an earlier unsent one
   * to the same recipient, so each chat sees its messages in order. The cost is a few index
   * probes per recipient with unsent messages, however many are queued behind each head.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number, claimedBy: string): Promise<ClaimedMessage[]>;
  /**
   * The platform's ids of every message sent to `to` with `cardKey` before message `beforeId`,
   * oldest first, each once: the copies an update edits (a card posted again, /tasks asked twice).
   */
  sentCardMessageIds(cardKey: string, to: Recipient, beforeId: number): Promise<string[]>;
  /** Delivered: keeps the platform's message id (for later card updates) and releases the lease. */
  markSent(id: number, platformMessageId: string | null, at: Date): Promise<void>;
  /** A failure worth retrying: pending again from `nextAttemptAt`, with the error kept; retried until `retryUntil`. */
  retryLater(id: number, error: string, nextAttemptAt: Date, retryUntil: Date): Promise<void>;
  /** A failure for good: not retried until an administrator resends it, the error kept. */
  markFailed(id: number, error: string): Promise<void>;
  /**
   * Gives back the claims of `claimedBy` (a stopping sender): pending again, due at once, the
   * unfinished attempt not counted. Returns how many were released.
   */
  release(claimedBy: string): Promise<number>;
  backlog(): Promise<OutboxBacklog>;
}

/** Why a message was not delivered, as the administrators are told. */
export interface UndeliveredReport {
  row: ClaimedMessage;
  /**
   * `permanent`: the platform refused it and retrying cannot help (the bot is not in the chat, the
   * person is outside the app's scope, the card was rejected); `expired`: transient failures went
   * on past the retry window; `configuration`: the platform refuses our credentials (e.g. an
   * invalid app secret): the message is still retried, and is sent once the setting is fixed.
   */
  kind: 'permanent' | 'expired' | 'configuration';
  error: string;
  code?: number | string;
}

/** Idempotency keys of the administrators' notices: those are never reported themselves (no loop). */
export const NOTICE_KEY_PREFIX = 'notice:';
