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

/** Due rows the first claim statement looks at, oldest due first. */
export const CLAIM_WINDOW = 256;

/**
 * The outbox sender's statements, each one short autocommitted statement (no session locks, so
 * it is safe behind poolers and with several instances).
 *
 * The claim takes chat heads (each recipient's earliest unsent row) that are due, oldest first,
 * in at most two statements:
 * 1. Among the {@link CLAIM_WINDOW} rows due first (read in order from `outbox_pending_idx`), the
 *    earliest of each recipient's, oldest first, that has no earlier unsent row (one probe of
 *    `outbox_head_idx` each, until enough are found). Its cost is bounded by the window however
 *    many chats have something queued: the loose scan below reads every one of them (84 ms a
 *    claim on PostgreSQL and 139 ms on PGlite at 5 000 chats, on PGlite with the event loop held).
 * 2. Only when the window was full and found too few heads (a deep queue behind a head that is not
 *    due, say): a loose index scan over `outbox_head_idx`, where a recursive CTE steps from one
 *    recipient with unsent rows to the next (one probe each) and a lateral `limit 1` takes each
 *    one's head. Its cost grows with the chats that have something queued, not with the rows
 *    behind each head. The earlier form of both, "due and no earlier unsent row" over every due
 *    row, was quadratic in the rows queued for one chat (seconds at a few thousand on PGlite).
 *
 * The heads found are locked by primary key with `SKIP LOCKED` (`= any(array(…))` keeps those
 * lookups on the index rather than a hash join over the table) and re-checked, so a row another
 * sender settled in the meantime is not claimed again.
 */
export function outboxDeliveryRepo(db: DbOrTx): OutboxDelivery {
  return {
    async claimDue(now, leaseUntil, limit, claimedBy) {
      const at = now.toISOString();
      const due = sql`((status = 'pending' and next_attempt_at <= ${at}::timestamptz) or (status = 'sending' and locked_until < ${at}::timestamptz))`;
      // Locks the `heads` found and claims those still due.
      const claimHeads = sql`
        locked as (select o.id from outbox o where o.id = any(array(select id from heads)) for update skip locked),
        claimed as (
          update outbox set status = 'sending', locked_until = ${leaseUntil.toISOString()}::timestamptz, attempts = attempts + 1, claimed_by = ${claimedBy}
          where id = any(array(select id from locked)) and ${due}
          returning id, agency_id, platform, recipient_kind, recipient_id, message, card_key, idempotency_key, attempts, retry_until, ordered_at
        )`;
      const inWindow = rowsOf<ClaimedRaw & { window_rows: number }>(
        await db.execute(sql`
        with win as (
          (select id, platform, recipient_id, ordered_at from outbox
            where status = 'pending' and next_attempt_at <= ${at}::timestamptz order by next_attempt_at limit ${CLAIM_WINDOW})
          union all
          (select id, platform, recipient_id, ordered_at from outbox
            where status = 'sending' and locked_until < ${at}::timestamptz limit ${CLAIM_WINDOW})
        ),
        -- Of each recipient's rows in the window only the earliest can be its head.
        firsts as (
          select distinct on (platform, recipient_id) id, platform, recipient_id, ordered_at from win
          order by platform, recipient_id, ordered_at, id
        ),
        heads as (
          -- Oldest first, probed one at a time until enough are found (the subquery's limit keeps
          -- its order). A scalar subquery in the index's order, not NOT EXISTS: the planner turned
          -- that into an anti-join reading every unsent row, or a scan stopping at the first match
          -- (the whole table for a chat's head); this is one probe of outbox_head_idx per row.
          select f.id from (select * from firsts order by ordered_at, id limit ${CLAIM_WINDOW}) f
          where (
            select 1 from outbox e
            where e.${UNSENT} and e.platform = f.platform and e.recipient_id = f.recipient_id and (e.ordered_at, e.id) < (f.ordered_at, f.id)
            order by e.ordered_at, e.id
            limit 1
          ) is null
          limit ${limit}
        ),
        ${claimHeads}
        select c.*, (select count(*)::int from win) as window_rows from (select 1) as one left join claimed c on true`),
      );
      const rows: ClaimedRaw[] = inWindow.filter((r) => r.id !== null && r.id !== undefined);
      const windowFull = (inWindow[0]?.window_rows ?? 0) >= CLAIM_WINDOW;
      if (rows.length < limit && windowFull) {
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
          limit ${limit - rows.length}
        ),
        ${claimHeads}
        select * from claimed`);
        rows.push(...rowsOf<ClaimedRaw>(result));
      }
      return rows.sort((a, b) => new Date(a.ordered_at).getTime() - new Date(b.ordered_at).getTime() || Number(a.id) - Number(b.id)).map(claimed);
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
