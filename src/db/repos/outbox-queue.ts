import { and, desc, eq, sql } from 'drizzle-orm';
import type { ClaimedMessage, OutboxQueue } from '../../app/ports/outbox-queue';
import { rowsOf, type Db } from '../client';
import { outbox } from '../schema';

interface ClaimedRow {
  id: number;
  platform: ClaimedMessage['platform'];
  recipient_kind: ClaimedMessage['recipientKind'];
  recipient_id: string;
  message: ClaimedMessage['message'];
  card_key: string | null;
  idempotency_key: string;
  attempts: number;
}

/**
 * The outbox queue in SQL. Rows are claimed with `FOR UPDATE SKIP LOCKED` in short transactions
 * (no session locks, so it is safe behind poolers and with several instances).
 */
export function drizzleOutboxQueue(db: Db): OutboxQueue {
  return {
    async claim(now, leaseUntil, limit) {
      const result = await db.execute(sql`
        update outbox set status = 'sending', locked_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1
        where id in (
          select o.id from outbox o
          where ((o.status = 'pending' and o.next_attempt_at <= ${now.toISOString()}::timestamptz) or (o.status = 'sending' and o.locked_until < ${now.toISOString()}::timestamptz))
            and not exists (
              select 1 from outbox e
              where e.platform = o.platform and e.recipient_id = o.recipient_id and e.id < o.id
                and (e.status = 'pending' or e.status = 'sending')
            )
          order by o.id
          limit ${limit}
          for update skip locked
        )
        returning id, platform, recipient_kind, recipient_id, message, card_key, idempotency_key, attempts`);
      return rowsOf<ClaimedRow>(result)
        .sort((a, b) => a.id - b.id)
        .map((r) => ({
          id: Number(r.id),
          platform: r.platform,
          recipientKind: r.recipient_kind,
          recipientId: r.recipient_id,
          message: r.message,
          cardKey: r.card_key,
          idempotencyKey: r.idempotency_key,
          attempts: r.attempts,
        }));
    },
    async previousMessageId(row) {
      if (!row.cardKey) return undefined;
      const [prev] = await db
        .select({ id: outbox.platformMessageId })
        .from(outbox)
        .where(
          and(
            eq(outbox.cardKey, row.cardKey),
            eq(outbox.platform, row.platform),
            eq(outbox.recipientId, row.recipientId),
            eq(outbox.status, 'sent'),
            sql`${outbox.platformMessageId} is not null`,
            sql`${outbox.id} < ${row.id}`,
          ),
        )
        .orderBy(desc(outbox.id))
        .limit(1);
      return prev?.id ?? undefined;
    },
    async markSent(id, at, platformMessageId) {
      await db
        .update(outbox)
        .set({ status: 'sent', sentAt: at, lockedUntil: null, platformMessageId: platformMessageId ?? null, lastError: null })
        .where(eq(outbox.id, id));
    },
    async retryLater(id, error, nextAttemptAt) {
      await db.update(outbox).set({ status: 'pending', lockedUntil: null, lastError: error, nextAttemptAt }).where(eq(outbox.id, id));
    },
    async markFailed(id, error) {
      await db.update(outbox).set({ status: 'failed', lockedUntil: null, lastError: error }).where(eq(outbox.id, id));
    },
  };
}
