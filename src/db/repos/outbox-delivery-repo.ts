import { and, asc, eq, sql } from 'drizzle-orm';
import type { Platform } from '../../app/ports/messenger';
import type { ClaimedMessage, OutboxDelivery, OutboxMessage } from '../../app/ports/outbox';
import { rowsOf, type DbOrTx } from '../database';
import { outbox } from '../schema';
import { releaseClaims } from './release-claims';

interface ClaimedRaw {
  id: number | string;
  agency_id: number | null;
  platform: Platform;
  recipient_kind: 'chat' | 'user';
  recipient_id: string;
  message: OutboxMessage;
  card_key: string | null;
  idempotency_key: string;
  attempts: number;
  retry_until: string | Date | null;
  ordered_at: string | Date;
}

function claimed(r: ClaimedRaw): ClaimedMessage {
  return {
    id: Number(r.id),
    agencyId: r.agency_id,
    to: { kind: r.recipient_kind, platform: r.platform, id: r.recipient_id },
    message: r.message,
    cardKey: r.card_key,
    idempotencyKey: r.idempotency_key,
    attempts: r.attempts,
    retryUntil: r.retry_until === null ? null : new Date(r.retry_until),
  };
}

const UNSENT = sql.raw(`status in ('pending', 'sending')`);

/**
 * The outbox sender's statements, each one short autocommitted statement (no session locks, so
 * it is safe behind poolers and with several instances).
 *
 * The claim is a loose index scan over `outbox_head_idx` (a partial index of the unsent rows by
 * recipient, then order): a recursive CTE steps from one recipient with unsent rows to the next
 * (one index probe each), and a lateral `limit 1` takes each recipient's head (one more). The
 * earlier form, "due and no earlier unsent row for the same recipient", compared every pending
 * row with every earlier one: quadratic in the rows queued for one chat (seconds at a few
 * thousand on PGlite). The heads found are then locked by primary key with `SKIP LOCKED` (`= any(array(…))`
 * keeps those lookups on the index rather than a hash join over the table) and re-checked, so a
 * row another sender settled in the meantime is not claimed again.
 */
export function outboxDeliveryRepo(db: DbOrTx): OutboxDelivery {
  return {
    async claimDue(now, leaseUntil, limit, claimedBy) {
      const at = now.toISOString();
      const due = sql`((status = 'pending' and next_attempt_at <= ${at}::timestamptz) or (status = 'sending' and locked_until < ${at}::timestamptz))`;
      const result = await db.execute(sql`
      with recursive recipients(platform, recipient_id) as (
        (select platform, recipient_id from outbox where ${UNSENT} order by platform, recipient_id limit 1)
        union all
        select n.platform, n.recipient_id from recipients r cross join lateral (
          select o.platform, o.recipient_id from outbox o
          where o.${UNSENT} and (o.platform, o.recipient_id) > (r.platform, r.recipient_id)
          order by o.platform, o.recipient_id limit 1
        ) n
      ),
      heads as (
        select h.id, h.ordered_at from recipients r cross join lateral (
          select o.id, o.ordered_at, o.status, o.next_attempt_at, o.locked_until from outbox o
          where o.${UNSENT} and o.platform = r.platform and o.recipient_id = r.recipient_id
          order by o.ordered_at, o.id limit 1
        ) h
        where (h.status = 'pending' and h.next_attempt_at <= ${at}::timestamptz) or (h.status = 'sending' and h.locked_until < ${at}::timestamptz)
        order by h.ordered_at, h.id
        limit ${limit}
      ),
      locked as (select o.id from outbox o where o.id = any(array(select id from heads)) for update skip locked)
      update outbox set status = 'sending', locked_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1, claimed_by = ${claimedBy}
      where id = any(array(select id from locked)) and ${due}
      returning id, agency_id, platform, recipient_kind, recipient_id, message, card_key, idempotency_key, attempts, retry_until, ordered_at`);
      return rowsOf<ClaimedRaw>(result)
        .sort((a, b) => new Date(a.ordered_at).getTime() - new Date(b.ordered_at).getTime() || Number(a.id) - Number(b.id))
        .map(claimed);
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
      await db
        .update(outbox)
        .set({ status: 'sent', sentAt: at, lockedUntil: null, claimedBy: null, platformMessageId, lastError: null })
        .where(eq(outbox.id, id));
    },
    async retryLater(id, error, nextAttemptAt, retryUntil) {
      await db
        .update(outbox)
        .set({ status: 'pending', lockedUntil: null, claimedBy: null, lastError: error, nextAttemptAt, retryUntil })
        .where(eq(outbox.id, id));
    },
    async markFailed(id, error) {
      await db.update(outbox).set({ status: 'failed', lockedUntil: null, claimedBy: null, lastError: error }).where(eq(outbox.id, id));
    },
    release(claimedBy) {
      return releaseClaims(db, { table: 'outbox', busy: 'sending' }, claimedBy);
    },
    async backlog() {
      const [row] = rowsOf<{ unsent: number; failed: number; oldest: string | Date | null }>(
        await db.execute(sql`
          select (select count(*)::int from outbox where ${UNSENT}) as unsent,
                 (select count(*)::int from outbox where status = 'failed') as failed,
                 (select min(ordered_at) from outbox where ${UNSENT}) as oldest`),
      );
      return { unsent: row?.unsent ?? 0, failed: row?.failed ?? 0, oldestUnsentAt: row?.oldest ? new Date(row.oldest) : null };
    },
  };
}
