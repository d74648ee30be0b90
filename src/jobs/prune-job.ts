import type { JobContext } from './schedule';

/** Dedupe keys must outlive Feishu's retries (15 s, 5 min, 1 h, 6 h): keep them 30 days. */
export const INBOUND_KEEP_DAYS = 30;
/** Reminder keys only stop a second send on the same day; 90 days keeps them for inspection. */
export const REMINDER_KEEP_DAYS = 90;
/** Delivered outbox rows are kept a year: they are the record of what was sent to whom. */
export const SENT_OUTBOX_KEEP_DAYS = 365;
/**
 * A card's buttons stay clickable as long as its message is in the chat; after 400 days (past a
 * year's inspection cycle) a click on it is answered "卡片已失效" and the card must be fetched again.
 */
export const CARD_CONTROLS_KEEP_DAYS = 400;
/** A register file that was never confirmed (its preview expired) keeps its rows a week more, then only its preview. */
export const EXPIRED_IMPORT_KEEP_DAYS = 7;

/**
 * Deletes what only served to stop duplicates once it can no longer do so. The audit log, draws,
 * tasks and findings are never pruned.
 */
export async function pruneJob(ctx: JobContext, slot: Date): Promise<unknown> {
  const before = (days: number) => new Date(slot.getTime() - days * 86_400_000);
  const inbound = await ctx.retention.deleteInboundBefore(before(INBOUND_KEEP_DAYS));
  const reminders = await ctx.retention.deleteRemindersBefore(before(REMINDER_KEEP_DAYS));
  const outbox = await ctx.retention.deleteSentOutboxBefore(before(SENT_OUTBOX_KEEP_DAYS));
  const cardControls = await ctx.retention.deleteCardControlsBefore(before(CARD_CONTROLS_KEEP_DAYS));
  const importRows = await ctx.retention.dropExpiredImportRows(before(EXPIRED_IMPORT_KEEP_DAYS));
  ctx.logger.info('pruned old dedupe records', { inbound, reminders, outbox, cardControls, importRows });
  return { inbound, reminders, outbox, cardControls, importRows };
}
