import { boolean, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import type { ImportPreview, PendingImportStatus, RegisterKind } from '../../app/ports/registers';
import { agencies, people } from './directory';

/**
 * A register file sent in the chat, checked and previewed, waiting for 确认导入: the rows exactly
 * as they will be written, the preview shown, and the register's fingerprint at preview time
 * (a confirmation is refused when the register changed since). Expires; never applied twice
 * (`status` changes from `pending` once).
 */
export const pendingImports = pgTable('pending_imports', {
  id: serial().primaryKey(),
  agencyId: integer()
    .notNull()
    .references(() => agencies.id),
  /** Random, carried by the card's buttons with the id: a guessed id alone does nothing. */
  key: text().notNull(),
  register: text().$type<RegisterKind>().notNull(),
  fileName: text().notNull(),
  /** The parsed rows (Enterprise[] or Officer[]); emptied once the import has ended. */
  rows: jsonb().$type<unknown[]>().notNull(),
  preview: jsonb().$type<ImportPreview>().notNull(),
  baseline: text().notNull(),
  /** A full import marks the register's rows missing from the file as no longer listed. */
  full: boolean().notNull().default(true),
  status: text().$type<PendingImportStatus>().notNull().default('pending'),
  createdBy: integer()
    .notNull()
    .references(() => people.id),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  endedAt: timestamp({ withTimezone: true }),
  endedBy: integer().references(() => people.id),
});
