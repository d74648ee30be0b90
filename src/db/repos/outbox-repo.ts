import type { Clock } from '../../app/ports/clock';
import type { Repos } from '../../app/ports/store';
import { and, asc, eq, gt, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Recipient } from '../../app/ports/messenger';
import type { UndeliveredMessage } from '../../app/ports/outbox';
import type { DbOrTx } from '../database';
import { outbox } from '../schema';

/** Failed for good, or unsent after at least one failed attempt (a delivered row has its error cleared). */
const WAITING_OR_FAILED = or(eq(outbox.status, 'failed'), and(inArray(outbox.status, ['pending', 'sending']), isNotNull(outbox.lastError)));

export function outboxRepo(tx: DbOrTx, clock: Clock): Repos['outbox'] {
  return {
    /** Queues messages in the caller's transaction; a repeated idempotency key is dropped. */
    async enqueue(items) {
      if (items.length === 0) return;
      const now = clock.now();
      // One JSON parameter for all the rows (a draw queues two thousand cards at once), inserted
      // in the given order: ids are the order of delivery.
      const rows = items.map((i) => ({
        agency: i.agencyId,
        platform: i.to.platform,
        kind: i.to.kind,
        recipient: i.to.id,
        message: i.message,
        card: i.cardKey ?? (i.message.type === 'card' || i.message.type === 'update' ? i.message.card.key : null),
        key: i.idempotencyKey,
        at: (i.orderedAt ?? now).toISOString(),
      }));
      await tx.execute(sql`insert into ${outbox} (agency_id, platform, recipient_kind, recipient_id, message, card_key, idempotency_key, next_attempt_at, ordered_at)
        select (m ->> 'agency')::int, m ->> 'platform', m ->> 'kind', m ->> 'recipient', m -> 'message', m ->> 'card', m ->> 'key', ${now.toISOString()}::timestamptz,
          (m ->> 'at')::timestamptz
        from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(m, n)
        order by e.n
        on conflict (idempotency_key) do nothing`);
    },
    async queuedKeys(keys) {
      if (keys.length === 0) return new Set();
      const rows = await tx
        .select({ key: outbox.idempotencyKey })
        .from(outbox)
        .where(inArray(outbox.idempotencyKey, [...keys]));
      return new Set(rows.map((r) => r.key));
    },
    async undelivered(agencyId, limit) {
      const where = and(eq(outbox.agencyId, agencyId), WAITING_OR_FAILED);
      const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(outbox).where(where);
      const rows = await tx.select().from(outbox).where(where).orderBy(asc(outbox.id)).limit(limit);
      return {
        total: count?.n ?? 0,
        items: rows.map((r) => ({
          id: r.id,
          to: { kind: r.recipientKind, platform: r.platform, id: r.recipientId } as Recipient,
          message: r.message,
          status: r.status as UndeliveredMessage['status'],
          attempts: r.attempts,
          lastError: r.lastError,
          createdAt: r.createdAt,
        })),
      };
    },
    async resend(agencyId, id, now) {
      const rows = await tx
        .update(outbox)
        .set({ status: 'pending', attempts: 0, retryUntil: null, nextAttemptAt: now, lockedUntil: null, claimedBy: null })
        .where(
          and(
            eq(outbox.id, id),
            eq(outbox.agencyId, agencyId),
            or(eq(outbox.status, 'failed'), and(eq(outbox.status, 'pending'), or(gt(outbox.attempts, 0), gt(outbox.nextAttemptAt, now)))),
          ),
        )
        .returning({ id: outbox.id });
      return rows.length > 0;
    },
    async abandon(agencyId, id) {
      const rows = await tx
        .update(outbox)
        .set({ status: 'abandoned', lockedUntil: null, claimedBy: null })
        .where(and(eq(outbox.id, id), eq(outbox.agencyId, agencyId), inArray(outbox.status, ['pending', 'failed'])))
        .returning({ id: outbox.id });
      return rows.length > 0;
    },
  };
}
