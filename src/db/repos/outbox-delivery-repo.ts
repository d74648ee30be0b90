import { and, asc, eq, sql } from 'drizzle-orm';
import type { Platform } from '../../app/ports/messenger';
import type { ClaimedMessage, OutboxDelivery, OutboxMessage } from '../../app/ports/outbox';
import { rowsOf, type DbOrTx } from '../client';
import { outbox } from '../schema';

interface ClaimedRaw {
  id: number | string;
  platform: Platform;
  recipient_kind: 'chat' | 'user';
  recipient_id: string;
  message: OutboxMessage;
  card_key: string | null;
  idempotency_key: string;
  attempts: number;
}

function claimed(r: ClaimedRaw): ClaimedMessage {
  return {
    id: Number(r.id),
    to: { kind: r.recipient_kind, platform: r.platform, id: r.recipient_id },
    message: r.message,
    cardKey: r.card_key,
    idempotencyKey: r.idempotency_key,
    attempts: r.attempts,
  };
}

/**
 * The outbox sender's statements. Rows are claimed with `FOR UPDATE SKIP LOCKED` in one short
 * statement (no session locks, so it is safe behind poolers and with several instances).
 */
export function outboxDeliveryRepo(db: DbOrTx): OutboxDelivery {
  return {
    async claimDue(now, leaseUntil, limit) {
      const at = now.toISOString();
      const result = await db.execute(sql`
      update outbox set status = 'sending', locked_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1
      where id in (
        select o.id from outbox o
        where ((o.status = 'pending' and o.next_attempt_at <= ${at}::timestamptz) or (o.status = 'sending' and o.locked_until < ${at}::timestamptz))
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
      return rowsOf<ClaimedRaw>(result)
        .map(claimed)
        .sort((a, b) => a.id - b.id);
    },
    async sentCardMessageIds(cardKey, to, beforeId) {
      const rows = await db
        .select({ id: outbox.platformMessageId })
        .from(outbox)
        .where(
          and(
            eq(outbox.cardKey, cardKey),
            eq(outbox.platform, to.platform),
            eq(outbox.recipientId, to.id),
            eq(outbox.status, 'sent'),
            sql`${outbox.platformMessageId} is not null`,
            sql`${outbox.id} < ${beforeId}`,
          ),
        )
        .orderBy(asc(outbox.id));
      return [...new Set(rows.map((r) => r.id!))];
    },
    async markSent(id, platformMessageId, at) {
      await db.update(outbox).set({ status: 'sent', sentAt: at, lockedUntil: null, platformMessageId, lastError: null }).where(eq(outbox.id, id));
    },
    async retryLater(id, error, nextAttemptAt) {
      await db.update(outbox).set({ status: 'pending', lockedUntil: null, lastError: error, nextAttemptAt }).where(eq(outbox.id, id));
    },
    async markFailed(id, error) {
      await db.update(outbox).set({ status: 'failed', lockedUntil: null, lastError: error }).where(eq(outbox.id, id));
    },
  };
}
