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
}

/** The transactional outbox: messages queued in the transaction of the state change they report. */
export interface OutboxRepo {
  enqueue(items: OutboxInput[]): Promise<void>;
}

/** A queued message claimed by a sender: leased to it until it is settled or the lease runs out. */
export interface ClaimedMessage {
  id: number;
  to: Recipient;
  message: OutboxMessage;
  /** When set, the message updates the earlier one that showed the same card key. */
  cardKey: string | null;
  idempotencyKey: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

/**
 * The outbox as the sender (src/jobs/outbox-sender.ts) works it, outside any unit of work: each
 * call is one short autocommitted statement, so that several senders (instances) can share it.
 */
export interface OutboxDelivery {
  /**
   * Claims up to `limit` messages due at `now` (pending and due, or sending with an expired
   * lease), leased until `leaseUntil`, their attempts counted, in id order. Locked rows are
   * skipped, and a message never goes ahead of an earlier unsent one to the same recipient,
   * so each chat sees its messages in order.
   */
  claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]>;
  /**
   * The platform's ids of every message sent to `to` with `cardKey` before message `beforeId`,
   * oldest first, each once: the copies an update edits (a card posted again, /tasks asked twice).
   */
  sentCardMessageIds(cardKey: string, to: Recipient, beforeId: number): Promise<string[]>;
  /** Delivered: keeps the platform's message id (for later card updates) and releases the lease. */
  markSent(id: number, platformMessageId: string | null, at: Date): Promise<void>;
  /** A failure worth retrying: pending again from `nextAttemptAt`, with the error kept. */
  retryLater(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  /** A failure for good: never retried, the error kept. */
  markFailed(id: number, error: string): Promise<void>;
}
