import type { Clock } from '../../app/ports/clock';
import type { Repos } from '../../app/ports/store';
import type { MemoryTx } from './memory-database';
import { jsonb } from './values';

/** Deliveries seen: true the first time a key is seen, false on a repeat. */
export function inboundRepo(tx: MemoryTx, clock: Clock): Repos['inbound'] {
  return {
    async recordOnce(key, platform) {
      if (tx.read('inboundEvents').has(key)) return false;
      tx.put('inboundEvents', key, { key, platform, receivedAt: clock.now() });
      return true;
    },
  };
}

/** Queues messages in the caller's transaction, in the given order; a repeated idempotency key is dropped. */
export function outboxRepo(tx: MemoryTx, clock: Clock): Repos['outbox'] {
  return {
    async enqueue(items) {
      const keys = new Set([...tx.read('outbox').values()].map((o) => o.idempotencyKey));
      for (const i of items) {
        if (keys.has(i.idempotencyKey)) continue;
        keys.add(i.idempotencyKey);
        const id = tx.nextId('outbox');
        const card = i.message.type === 'card' || i.message.type === 'update' ? i.message.card.key : null;
        const now = clock.now();
        tx.put('outbox', id, {
          id,
          agencyId: i.agencyId,
          platform: i.to.platform,
          recipientKind: i.to.kind,
          recipientId: i.to.id,
          message: jsonb(i.message),
          cardKey: i.cardKey ?? card,
          idempotencyKey: i.idempotencyKey,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          lockedUntil: null,
          platformMessageId: null,
          lastError: null,
          createdAt: now,
          sentAt: null,
        });
      }
    },
  };
}
