import type { CardView } from '../views/card-view';
import type { OutgoingMessage, Platform } from './messenger';

/** An outbox row leased to the sender. */
export interface ClaimedMessage {
  id: number;
  platform: Platform;
  recipientKind: 'chat' | 'user';
  recipientId: string;
  message: OutgoingMessage | { type: 'update'; card: CardView };
  /** When set, the row shows a card that an earlier row to the same recipient showed (an update edits that message). */
  cardKey: string | null;
  idempotencyKey: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

/**
 * The outbox as its sender sees it (src/jobs/outbox-sender.ts): the use cases fill it through
 * `Repos.outbox` inside their transactions; the sender leases what is due, delivers it and
 * settles each row. Each call is its own short unit of work.
 */
export interface OutboxQueue {
  /**
   * Leases up to `limit` rows due at `now` (pending and due, or sending with an expired lease)
   * until `leaseUntil`, oldest first, counting the attempt. A row waits while an earlier row to
   * the same recipient is unsent, so each chat sees its messages in order.
   */
  claim(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]>;
  /** The platform's id of the latest message sent before `row` that showed its card to its recipient. */
  previousMessageId(row: ClaimedMessage): Promise<string | undefined>;
  markSent(id: number, at: Date, platformMessageId: string | undefined): Promise<void>;
  /** Back to pending, to be tried again from `nextAttemptAt`. */
  retryLater(id: number, error: string, nextAttemptAt: Date): Promise<void>;
  markFailed(id: number, error: string): Promise<void>;
}
