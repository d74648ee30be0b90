import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';
import type { Platform } from '../../app/ports/messenger';
import type { OutboxMessage } from '../../app/ports/outbox';
import type { CardControls } from '../../app/ports/card-bindings';
import type { InboundEvent } from '../../app/ports/inbound-event';

/** Every platform delivery, once (dedupe on message_id / event_id). */
export const inboundEvents = pgTable('inbound_events', {
  key: text().primaryKey(),
  platform: text().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * `pending` (due from next_attempt_at), `sending` (claimed, leased until locked_until), `sent`,
 * `failed` (a permanent refusal, or retries ran out: administrators were told; `/outbox` can
 * resend it), `abandoned` (an administrator gave it up in `/outbox`).
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'abandoned'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Transactional outbox: written in the same transaction as the state change it reports. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    agencyId: integer(),
    platform: text().$type<Platform>().notNull(),
    recipientKind: text().$type<'chat' | 'user'>().notNull(),
    recipientId: text().notNull(),
    /** OutgoingMessage, or `{ type: 'update', card }` for a card update. */
    message: jsonb().$type<OutboxMessage>().notNull(),
    /** When set, this row updates the earlier message that showed the same card key. */
    cardKey: text(),
    idempotencyKey: text().notNull(),
    status: text().$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Delivery order within a recipient: when the message that caused this one was sent (a
     * reply follows the order of the messages it answers, not the order of the commits), else
     * when it was queued. Ties go by id.
     */
    orderedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    /** The sender (process) holding the claim, so a shutdown releases its own claims only. */
    claimedBy: text(),
    /** Set at the first transient failure: retries go on until then (OUTBOX_RETRY_HOURS). */
    retryUntil: timestamp({ withTimezone: true }),
    platformMessageId: text(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
    index('outbox_pending_idx').on(t.status, t.nextAttemptAt),
    // The claim walks the recipients with unsent rows and takes each one's head from here.
    index('outbox_head_idx').on(t.platform, t.recipientId, t.orderedAt, t.id).where(sql`status in ('pending', 'sending')`),
    index('outbox_card_idx').on(t.cardKey),
  ],
);

/** Administrator overrides of the working-day calendar (a new year's schedule, local holidays). */
export const holidayOverrides = pgTable('holiday_overrides', {
  date: date({ mode: 'string' }).primaryKey(),
  kind: text().$type<'holiday' | 'workday'>().notNull(),
  name: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Years whose schedule an administrator loaded completely. */
export const holidayYears = pgTable('holiday_years', {
  year: integer().primaryKey(),
  loadedBy: text().notNull(),
  loadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One row per reminder ever enqueued: (subject, kind, day) is unique, so a rerun sends nothing twice. */
export const reminders = pgTable(
  'reminders',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    key: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    recipient: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reminders_key_uq').on(t.key)],
);

/** Scheduled job runs: (job, slot) unique, so two instances run a slot once; missed slots are caught up. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    job: text().notNull(),
    slot: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    ok: boolean(),
    detail: jsonb(),
  },
  (t) => [uniqueIndex('job_runs_uq').on(t.job, t.slot)],
);

/**
 * This installation's id, one row, made at the first start. It prefixes every idempotency key
 * sent to a platform, so a reset database (whose outbox ids start again at 1) does not reuse a
 * key inside Feishu's one-hour `uuid` dedupe window and have its messages silently dropped.
 */
export const installation = pgTable('installation', {
  singleton: boolean().primaryKey().default(true),
  id: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** `/healthz` writes here (one row per process) to prove the database takes writes, not only reads. */
export const healthProbes = pgTable('health_probes', {
  instance: text().primaryKey(),
  probedAt: timestamp({ withTimezone: true }).notNull(),
});

/** The buttons and form of each card message the bot shows, by the platform's message id (see ports/card-bindings.ts). */
export const cardControls = pgTable(
  'card_controls',
  {
    platform: text().$type<Platform>().notNull(),
    messageId: text().notNull(),
    controls: jsonb().$type<CardControls>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.messageId] })],
);

/**
 * The durable inbox: a platform delivery (a typed message) is written here before it is
 * acknowledged, then processed from here with bounded concurrency; a crash between the two loses
 * nothing (the row is claimed again when its lease runs out, or at once after a clean stop).
 * Rows are deleted once processed (the router's `inbound_events` keeps the dedupe record).
 */
export const inboxEvents = pgTable(
  'inbox_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    dedupeKey: text().notNull(),
    platform: text().$type<Platform>().notNull(),
    /** The normalized event (a command's `sentAt` is stored as its ISO text). */
    event: jsonb().$type<InboundEvent>().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: text().$type<'pending' | 'processing'>().notNull().default('pending'),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true }),
    claimedBy: text(),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [uniqueIndex('inbox_events_dedupe_uq').on(t.dedupeKey), index('inbox_events_due_idx').on(t.nextAttemptAt, t.id)],
);
