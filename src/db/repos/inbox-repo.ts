import { eq, inArray, sql } from 'drizzle-orm';
import type { ClaimedInboxEvent, InboxQueue } from '../../app/ports/inbox';
import type { InboundEvent } from '../../app/ports/inbound-event';
import { rowsOf, type DbOrTx } from '../database';
import { inboxEvents } from '../schema';
import { releaseClaims } from './release-claims';

/** JSON keeps a Date as its ISO text: `sentAt` comes back a Date. */
function revive(raw: unknown): InboundEvent {
  const event = raw as InboundEvent & { sentAt?: unknown };
  return (event.type === 'command' || event.type === 'file') && typeof event.sentAt === 'string' ? { ...event, sentAt: new Date(event.sentAt) } : event;
}

/**
 * The inbox in `inbox_events`; claims with `FOR UPDATE SKIP LOCKED`, safe for several processes.
 * Deliveries are recorded through `intake` when given (a pool of their own, see Database.intake).
 */
export function inboxRepo(db: DbOrTx, intake?: () => DbOrTx): InboxQueue {
  return {
    async add(events, at) {
      if (!events.length) return new Set();
      const rows = await (intake?.() ?? db)
        .insert(inboxEvents)
        .values(events.map((event) => ({ dedupeKey: event.dedupeKey, platform: event.chat.platform, event, receivedAt: at, nextAttemptAt: at })))
        .onConflictDoNothing({ target: inboxEvents.dedupeKey })
        .returning({ key: inboxEvents.dedupeKey });
      return new Set(rows.map((r) => r.key));
    },
    async claim(now, leaseUntil, limit, claimedBy) {
      const at = now.toISOString();
      const result = await db.execute(sql`
        update inbox_events set status = 'processing', locked_until = ${leaseUntil.toISOString()}::timestamptz, claimed_by = ${claimedBy}, attempts = attempts + 1
        where id = any(array(
          select id from inbox_events
          where next_attempt_at <= ${at}::timestamptz and (status = 'pending' or locked_until < ${at}::timestamptz)
          order by next_attempt_at, id limit ${limit} for update skip locked
        ))
        returning id, event, attempts`);
      return rowsOf<{ id: number | string; event: unknown; attempts: number }>(result)
        .map((r): ClaimedInboxEvent => ({ id: Number(r.id), event: revive(r.event), attempts: r.attempts }))
        .sort((a, b) => a.id - b.id);
    },
    async done(ids) {
      if (ids.length) await db.delete(inboxEvents).where(inArray(inboxEvents.id, ids));
    },
    async retryLater(id, error, nextAttemptAt) {
      await db
        .update(inboxEvents)
        .set({ status: 'pending', lockedUntil: null, claimedBy: null, lastError: error, nextAttemptAt })
        .where(eq(inboxEvents.id, id));
    },
    release(claimedBy) {
      return releaseClaims(db, { table: 'inbox_events', busy: 'processing' }, claimedBy);
    },
    async size() {
      return rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from inbox_events`))[0]?.n ?? 0;
    },
  };
}
