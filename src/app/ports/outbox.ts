import type { CardView } from '../views/card-view';
import type { OutgoingMessage, Recipient } from './messenger';

export interface OutboxInput {
  agencyId: number | null;
  to: Recipient;
  message: OutgoingMessage | { type: 'update'; card: CardView };
  /** Deterministic per logical message, e.g. `draw:3:result:group`. */
  idempotencyKey: string;
  cardKey?: string;
}

/** The transactional outbox: messages queued in the transaction of the state change they report. */
export interface OutboxRepo {
  enqueue(items: OutboxInput[]): Promise<void>;
}
