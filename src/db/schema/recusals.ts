import { sql } from 'drizzle-orm';
import { integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { RecusalGround } from '../../domain/recusal/grounds';
import { agencies, people } from './directory';
import { taskOfficers, tasks } from './inspections';

export const RECUSAL_KINDS = ['application', 'order'] as const;
export type RecusalKind = (typeof RECUSAL_KINDS)[number];
export const RECUSAL_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type RecusalStatus = (typeof RECUSAL_STATUSES)[number];

/**
 * 回避 (行政处罚法 第四十三条；河南省行政执法条例 第二十三条): an officer's application, decided by
 * the agency head, or an order of the head. The reason is private: it is seen by the officer
 * concerned and the leaders, and never leaves this table for the group, the public page or the
 * draw's public record (which keeps only that a recusal happened).
 */
export const recusals = pgTable(
  'recusals',
  {
    id: serial().primaryKey(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    taskId: integer()
      .notNull()
      .references(() => tasks.id),
    /** The officer's row on the task (the one who leaves it when approved). */
    taskOfficerId: integer()
      .notNull()
      .references(() => taskOfficers.id),
    kind: text().$type<RecusalKind>().notNull(),
    ground: text().$type<RecusalGround>().notNull(),
    reason: text().notNull(),
    /** The applicant (kind application) or the leader who ordered it (kind order). */
    requestedBy: integer()
      .notNull()
      .references(() => people.id),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    /** The officer's status on the task before applying, restored when the application is refused. */
    previousStatus: text().$type<'pending' | 'confirmed'>().notNull(),
    status: text().$type<RecusalStatus>().notNull().default('pending'),
    decidedBy: integer().references(() => people.id),
    decidedAt: timestamp({ withTimezone: true }),
    /** Why it was refused (不同意 needs a reason); null otherwise. */
    decisionReason: text(),
    /** The replacement draw made on approval (null when none was needed or none could be drawn). */
    replacementNo: integer(),
  },
  (t) => [uniqueIndex('recusals_one_open_uq').on(t.taskOfficerId).where(sql`status = 'pending'`)],
);
