/**
 * Deletes what only served to stop duplicates once it can no longer do so (src/jobs/prune-job.ts
 * decides how long each is kept). Each returns the number of rows deleted. The audit log, draws,
 * tasks and findings are never deleted.
 */
export interface RetentionRepo {
  /** Inbound delivery keys received before `before`. */
  deleteInboundBefore(before: Date): Promise<number>;
  /** Reminder keys created before `before`. */
  deleteRemindersBefore(before: Date): Promise<number>;
  /** Delivered outbox rows sent before `before` (pending and failed ones stay). */
  deleteSentOutboxBefore(before: Date): Promise<number>;
  /** Recorded card controls (ports/card-bindings.ts) last replaced before `before`. */
  deleteCardControlsBefore(before: Date): Promise<number>;
  /**
   * The parsed rows of register imports still pending that expired before `before` (never
   * confirmed, never cancelled): dropped, the preview and status kept. Returns how many.
   */
  dropExpiredImportRows(before: Date): Promise<number>;
}
