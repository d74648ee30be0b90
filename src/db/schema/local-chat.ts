import { bigserial, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { LocalFile } from '../../app/ports/local-history';
import type { CardView } from '../../app/views/card-view';

/**
 * The local chat simulator's conversations (src/bot/local): kept here, not in memory, so that
 * after a restart the page shows the same messages and their cards still answer clicks.
 */
export const localMessages = pgTable(
  'local_messages',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    /** `group`, or `dm:<localId>`. */
    conversation: text().notNull(),
    /** `bot`, or the localId of the person who typed it. */
    sender: text().notNull(),
    text: text(),
    card: jsonb().$type<CardView>(),
    /** A file sent or uploaded (a register to import, a template): its name and bytes in base64. */
    file: jsonb().$type<LocalFile>(),
    version: integer().notNull().default(1),
    /** The outbox row's key for messages the bot sent: a repeated send adds nothing. */
    idempotencyKey: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('local_messages_idempotency_uq').on(t.idempotencyKey)],
);
