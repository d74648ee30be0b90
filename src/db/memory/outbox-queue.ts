import type { ClaimedMessage, OutboxQueue } from '../../app/ports/outbox-queue';
import type { MemoryDatabase } from './memory-database';
import type { OutboxRecord } from './rows';
import { readJson, sortedBy } from './values';

const unsent = (o: OutboxRecord) => o.status === 'pending' || o.status === 'sending';

/** The outbox queue on the in-memory tables; each call is one transaction, as each statement is in SQL. */
export function memoryOutboxQueue(memory: MemoryDatabase): OutboxQueue {
  const update = (id: number, change: (row: OutboxRecord) => Partial<OutboxRecord>) =>
    memory.transaction(async (tx) => {
      const row = tx.read('outbox').get(id);
      if (row) tx.put('outbox', id, { ...row, ...change(row) });
    });
  return {
    claim(now, leaseUntil, limit) {
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
            platform: o.platform,
            recipientKind: o.recipientKind,
            recipientId: o.recipientId,
            message: readJson(o.message) as ClaimedMessage['message'],
            cardKey: o.cardKey,
            idempotencyKey: o.idempotencyKey,
            attempts,
          };
        });
      });
    },
    async previousMessageId(row) {
      if (!row.cardKey) return undefined;
      const sent = sortedBy(memory.committed.outbox.values(), (o) => -o.id).find(
        (o) =>
          o.cardKey === row.cardKey &&
          o.platform === row.platform &&
          o.recipientId === row.recipientId &&
          o.status === 'sent' &&
          o.platformMessageId !== null &&
          o.id < row.id,
      );
      return sent?.platformMessageId ?? undefined;
    },
    markSent: (id, at, platformMessageId) =>
      update(id, () => ({ status: 'sent', sentAt: at, lockedUntil: null, platformMessageId: platformMessageId ?? null, lastError: null })),
    retryLater: (id, error, nextAttemptAt) => update(id, () => ({ status: 'pending', lockedUntil: null, lastError: error, nextAttemptAt })),
    markFailed: (id, error) => update(id, () => ({ status: 'failed', lockedUntil: null, lastError: error })),
  };
}
