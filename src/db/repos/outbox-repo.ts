import type { Clock } from '../../app/ports/clock';
import type { Repos } from '../../app/ports/store';
import type { DbOrTx } from '../client';
import { outbox } from '../schema';

export function outboxRepo(tx: DbOrTx, clock: Clock): Repos['outbox'] {
  return {
    /** Queues messages in the caller's transaction; a repeated idempotency key is dropped. */
    async enqueue(items) {
      if (items.length === 0) return;
      await tx
        .insert(outbox)
        .values(
          items.map((i) => ({
            agencyId: i.agencyId,
            platform: i.to.platform,
            recipientKind: i.to.kind,
            recipientId: i.to.id,
            message: i.message as object,
            cardKey: i.cardKey ?? (i.message.type === 'card' || i.message.type === 'update' ? i.message.card.key : null),
            idempotencyKey: i.idempotencyKey,
            nextAttemptAt: clock.now(),
          })),
        )
        .onConflictDoNothing({ target: outbox.idempotencyKey });
    },
  };
}
