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
    claimDue(now, leaseUntil, limit, claimedBy) {
      return memory.transaction(async (tx) => {
        // Each recipient's head: its earliest unsent message by orderedAt, then id.
        const order = (o: OutboxRecord) => [o.orderedAt.getTime(), o.id] as const;
        const before = (a: OutboxRecord, b: OutboxRecord) => order(a)[0] < order(b)[0] || (order(a)[0] === order(b)[0] && a.id < b.id);
        const rows = sortedBy(tx.read('outbox').values(), (o) => o.id);
        const due = (o: OutboxRecord) =>
          (o.status === 'pending' && o.nextAttemptAt <= now) || (o.status === 'sending' && o.lockedUntil !== null && o.lockedUntil < now);
        // Decided on the rows as they were before this claim, as the SQL sees them.
        const waiting = (o: OutboxRecord) =>
          rows.some((e) => e.platform === o.platform && e.recipientId === o.recipientId && e !== o && unsent(e) && before(e, o));
        const claimed = rows.filter((o) => unsent(o) && due(o) && !waiting(o)).slice(0, limit);
        return claimed.map((o): ClaimedMessage => {
          const attempts = o.attempts + 1;
          tx.put('outbox', o.id, { ...o, status: 'sending', lockedUntil: leaseUntil, attempts, claimedBy });
          return {
            id: o.id,
            agencyId: o.agencyId,
            retryUntil: o.retryUntil,
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
      update(id, () => ({ status: 'sent', sentAt: at, lockedUntil: null, claimedBy: null, platformMessageId: platformMessageId ?? null, lastError: null })),
    retryLater: (id, error, nextAttemptAt, retryUntil) =>
      update(id, () => ({ status: 'pending', lockedUntil: null, claimedBy: null, lastError: error, nextAttemptAt, retryUntil })),
    markFailed: (id, error) => update(id, () => ({ status: 'failed', lockedUntil: null, claimedBy: null, lastError: error })),
    release: (claimedBy) =>
      memory.transaction(async (tx) => {
        let n = 0;
        for (const o of tx.read('outbox').values()) {
          if (o.status !== 'sending' || o.claimedBy !== claimedBy) continue;
          tx.put('outbox', o.id, { ...o, status: 'pending', lockedUntil: null, claimedBy: null, attempts: Math.max(o.attempts - 1, 0) });
          n++;
        }
        return n;
      }),
    async backlog() {
      const all = [...memory.committed.outbox.values()];
      const waiting = all.filter(unsent);
      const oldest = waiting.reduce<Date | null>((m, o) => (m === null || o.orderedAt < m ? o.orderedAt : m), null);
      return { unsent: waiting.length, failed: all.filter((o) => o.status === 'failed').length, oldestUnsentAt: oldest };
    },
  };
}
