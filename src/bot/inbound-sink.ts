import type { CardView } from '../app/views/card-view';
import type { InboundEvent } from '../app/ports/inbound-event';

/** What a click or a form submit shows at once: a toast, and the card in its new state. */
export interface InboundReply {
  toast?: { kind: 'success' | 'info' | 'warning' | 'error'; text: string };
  card?: CardView;
}

/**
 * Where adapters hand normalized deliveries. It records the delivery (a repeated dedupe key is
 * acknowledged and has no second effect), runs the use case, and returns the immediate reply.
 * Messages to others go through the outbox, not through the return value.
 */
export type InboundSink = (event: InboundEvent) => Promise<InboundReply>;

/**
 * Deliveries taken from the inbox together, handled in one unit of work; false when they were
 * not (nothing of them is kept: the caller hands each to the sink alone).
 */
export type InboundBatch = (events: InboundEvent[]) => Promise<boolean>;
