import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/client';
import type { JobContext } from './schedule';

/** Dedupe keys must outlive Feishu's retries (15 s, 5 min, 1 h, 6 h): keep them 30 days. */
export const INBOUND_KEEP_DAYS = 30;
/** Reminder keys only stop a second send on the same day; 90 days keeps them for inspection. */
export const REMINDER_KEEP_DAYS = 90;
/** Delivered outbox rows are kept a year: they are the record of what was sent to whom. */
export const SENT_OUTBOX_KEEP_DAYS = 365;

/**
 * Deletes what only served to stop duplicates once it can no longer do so. The audit log, draws,
 * tasks and findings are never pruned.
 */
export async function pruneJob(ctx: JobContext, slot: Date): Promise<unknown> {
  const before = (days: number) => new Date(slot.getTime() - days * 86_400_000).toISOString();
  const count = async (query: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await ctx.db.execute(query))[0]?.n ?? 0;
  const inbound = await count(
    sql`with d as (delete from inbound_events where received_at < ${before(INBOUND_KEEP_DAYS)}::timestamptz returning 1) select count(*)::int as n from d`,
  );
  const reminders = await count(
    sql`with d as (delete from reminders where created_at < ${before(REMINDER_KEEP_DAYS)}::timestamptz returning 1) select count(*)::int as n from d`,
  );
  const outbox = await count(
    sql`with d as (delete from outbox where status = 'sent' and sent_at < ${before(SENT_OUTBOX_KEEP_DAYS)}::timestamptz returning 1) select count(*)::int as n from d`,
  );
  ctx.logger.info('pruned old dedupe records', { inbound, reminders, outbox });
  return { inbound, reminders, outbox };
}
