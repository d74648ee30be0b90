import { sql, type SQL } from 'drizzle-orm';
import type { RetentionRepo } from '../../app/ports/retention';
import { rowsOf, type DbOrTx } from '../database';

/** Deletes and counts in one statement (`with d as (delete … returning 1) select count(*)`). */
async function count(db: DbOrTx, query: SQL): Promise<number> {
  return rowsOf<{ n: number }>(await db.execute(query))[0]?.n ?? 0;
}

/** The prune job's deletions, each one autocommitted statement. */
export function retentionRepo(db: DbOrTx): RetentionRepo {
  return {
    deleteInboundBefore: (before) =>
      count(
        db,
        sql`with d as (delete from inbound_events where received_at < ${before.toISOString()}::timestamptz returning 1) select count(*)::int as n from d`,
      ),
    deleteRemindersBefore: (before) =>
      count(db, sql`with d as (delete from reminders where created_at < ${before.toISOString()}::timestamptz returning 1) select count(*)::int as n from d`),
    deleteSentOutboxBefore: (before) =>
      count(
        db,
        sql`with d as (delete from outbox where status = 'sent' and sent_at < ${before.toISOString()}::timestamptz returning 1) select count(*)::int as n from d`,
      ),
    deleteCardControlsBefore: (before) =>
      count(
        db,
        sql`with d as (delete from card_controls where updated_at < ${before.toISOString()}::timestamptz returning 1) select count(*)::int as n from d`,
      ),
    dropExpiredImportRows: (before) =>
      count(
        db,
        sql`with d as (update pending_imports set rows = '[]'::jsonb where status = 'pending' and expires_at < ${before.toISOString()}::timestamptz and rows <> '[]'::jsonb returning 1) select count(*)::int as n from d`,
      ),
  };
}
