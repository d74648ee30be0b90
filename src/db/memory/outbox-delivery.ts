import type { ClaimedMessage, OutboxDelivery } from '../../app/ports/outbox';
import type { MemoryDatabase } from './memory-database';
import type { OutboxRecord } from './rows';
import { readJson, sortedBy } from './values';

const unsent = (o: OutboxRecord) => o.status === 'pending' || o.status === 'sending';

/** The outbox as its sender works it, on the in-memory tables; each call is one transaction, as each statement is in SQL. */
export function memoryOutboxDelivery(memory: MemoryDatabase): OutboxDelivery {
  const update = (id: number, change: (row: OutboxRecord) => Partial<OutboxRecord>) =>
    memory.transaction(async (tx) => {
      const row = tx.read('outbox').get(id);
      if (row) tx.put('outbox', id, { ...row, ...change(row) });
    });
  return {
    claimDue(now, leaseUntil, limit) {
      return memory.transaction(async (tx) => {
        const rows = sortedBy(tx.read('outbox').values(), (o) => o.id);
        const due = (o: OutboxRecord) =>
          (o.status === 'pending' && o.nextAttemptAt <= now) || (o.status === 'sending' && o.lockedUntil !== null && o.lockedUntil < now);
        // Decided on the rows as they were before this claim, as the SQL's subquery sees them.
        const waiting = (o: OutboxRecord) => rows.some((e) => e.platform === o.platform && e.recipientId === o.recipientId && e.id < o.id && unsent(e));
        const claimed = rows.filter((o) => due(o) && !waiting(o)).slice(0, limit);
        return claimed.map((o): ClaimedMessage => {
          const attempts = o.attempts + 1;
          tx.put('outbox', o.id, { ...o, status: 'sending', lockedUntil: leaseUntil, attempts });
          return {
            id: o.id,
            to: { kind: o.recipientKind, platform: o.platform, id: o.recipientId },
            message: readJson(o.message) as ClaimedMessage['message'],
            cardKey: o.cardKey,
            idempotencyKey: o.idempotencyKey,
            attempts,
          };
        });
      });
    },
    async sentCardMessageIds(cardKey, to, beforeId) {
      const sent = sortedBy(memory.committed.outbox.values(), (o) => o.id).filter(
        (o) =>
          o.cardKey === cardKey &&
          o.platform === to.platform &&
          o.recipientId === to.id &&
          o.status === 'sent' &&
          o.platformMessageId !== null &&
          o.id < beforeId,
      );
      return [...new Set(sent.map((o) => o.platformMessageId!))];
    },
    markSent: (id, platformMessageId, at) =>
      update(id, () => ({ status: 'sent', sentAt: at, lockedUntil: null, platformMessageId: platformMessageId ?? null, lastError: null })),
    retryLater: (id, error, nextAttemptAt) => update(id, () => ({ status: 'pending', lockedUntil: null, lastError: error, nextAttemptAt })),
    markFailed: (id, error) => update(id, () => ({ status: 'failed', lockedUntil: null, lastError: error })),
  };
}
