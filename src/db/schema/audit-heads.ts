import { date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The published daily heads of the audit chain (each day's entry count and the hash of its last
 * entry), as posted to the bound groups and listed on `/public/audit-heads`. Append-only (a
 * trigger refuses UPDATE, DELETE and TRUNCATE, and an insert that does not match the chain).
 * A copy kept outside the server lets `audit verify --anchors` tell whether the chain is still
 * what it was when the head was published.
 */
export const auditDailyHeads = pgTable('audit_daily_heads', {
  /** The Asia/Shanghai day whose end the head stands for. */
  day: date({ mode: 'string' }).primaryKey(),
  /** Entries in the chain at the end of that day (= the id of the last one). */
  entryCount: integer().notNull(),
  /** The hash of entry `entryCount` (the genesis hash for an empty chain). */
  hash: text().notNull(),
  recordedAt: timestamp({ withTimezone: true }).notNull(),
});
