import type { Clock } from '../../app/ports/clock';
import type { Repos } from '../../app/ports/store';
import type { MemoryTx } from './memory-database';
import type { OutboxMessage } from '../../app/ports/outbox';
import { jsonb, readJson, sortedBy } from './values';

/** Deliveries seen: true the first time a key is seen, false on a repeat. */
export function inboundRepo(tx: MemoryTx, clock: Clock): Repos['inbound'] {
  const recordOnce: Repos['inbound']['recordOnce'] = async (key, platform) => {
    if (tx.read('inboundEvents').has(key)) return false;
    tx.put('inboundEvents', key, { key, platform, receivedAt: clock.now() });
    return true;
  };
  return {
    recordOnce,
    async recordEach(deliveries) {
      const recorded = new Set<string>();
      for (const { key, platform } of deliveries) if (await recordOnce(key, platform)) recorded.add(key);
      return recorded;
    },
  };
}

/** Queues messages in the caller's transaction, in the given order; a repeated idempotency key is dropped. */
export function outboxRepo(tx: MemoryTx, clock: Clock): Repos['outbox'] {
  return {
    async queuedKeys(keys) {
      const asked = new Set(keys);
      return new Set([...tx.read('outbox').values()].map((o) => o.idempotencyKey).filter((k) => asked.has(k)));
    },
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
          orderedAt: i.orderedAt ?? now,
          claimedBy: null,
          retryUntil: null,
        });
      }
    },
    async undelivered(agencyId, limit) {
      const waiting = sortedBy(tx.read('outbox').values(), (o) => o.id).filter(
        (o) => o.agencyId === agencyId && (o.status === 'failed' || ((o.status === 'pending' || o.status === 'sending') && o.lastError !== null)),
      );
      return {
        total: waiting.length,
        items: waiting.slice(0, limit).map((o) => ({
          id: o.id,
          to: { kind: o.recipientKind, platform: o.platform, id: o.recipientId },
          message: readJson(o.message) as OutboxMessage,
          status: o.status as 'pending' | 'sending' | 'failed',
          attempts: o.attempts,
          lastError: o.lastError,
          createdAt: o.createdAt,
        })),
      };
    },
    async resend(agencyId, id, now) {
      const o = tx.read('outbox').get(id);
      const waiting = o?.status === 'pending' && (o.attempts > 0 || o.nextAttemptAt > now);
      if (!o || o.agencyId !== agencyId || (o.status !== 'failed' && !waiting)) return false;
      tx.put('outbox', id, { ...o, status: 'pending', attempts: 0, retryUntil: null, nextAttemptAt: now, lockedUntil: null, claimedBy: null });
      return true;
    },
    async abandon(agencyId, id) {
      const o = tx.read('outbox').get(id);
      if (!o || o.agencyId !== agencyId || (o.status !== 'pending' && o.status !== 'failed')) return false;
      tx.put('outbox', id, { ...o, status: 'abandoned', lockedUntil: null, claimedBy: null });
      return true;
    },
  };
}
