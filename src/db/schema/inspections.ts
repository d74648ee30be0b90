import { sql } from 'drizzle-orm';
import { bigserial, boolean, customType, date, index, integer, jsonb, pgTable, serial, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Platform } from '../../app/ports/messenger';
import type { DrawBeacon, DrawResult, DrawSummary } from '../../app/ports/draws';
import type { RecheckResult } from '../../app/ports/reminders';
import type { CanonicalParams, ReplacementRecord } from '../../domain/draw';
import type { FindingsDraft, ValidFindings } from '../../domain/findings/types';
import type { RecheckHazardResult } from '../../domain/findings/recheck';
import type { PlanBatch } from '../../domain/plan/types';
import { agencies, people } from './directory';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * 年度抽查计划 (安全生产法 第六十二条第二款: 按照年度监督检查计划进行监督检查): its document
 * number, check items and batches with their windows and per-industry targets. Every draw
 * belongs to one (`draws.planId`); a draw that names none goes to the year's default plan
 * (`isDefault`, one per agency and year, created on demand). See src/domain/plan.
 */
export const plans = pgTable(
  'plans',
  {
    id: serial().primaryKey(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    year: integer().notNull(),
    /** The plan's name (计划名称). */
    title: text().notNull(),
    /** 文号, canonical form `偃应急〔2023〕18号`; null for a default plan created on demand. */
    docNo: text(),
    /** The check items of the plan (随机抽查事项清单 codes, CI01–CI10). */
    checkItems: jsonb().$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    /** The batches (批次) with their windows and targets, in order. */
    batches: jsonb().$type<PlanBatch[]>().notNull().default(sql`'[]'::jsonb`),
    /** The plan a draw of this year goes to when it names none. */
    isDefault: boolean().notNull().default(false),
    /**
     * The eligible enterprises per industry once the plan's year is over, frozen at the first look
     * after it: its percentage targets are counted against them, not against a directory that has
     * changed since (a year's 考评 read again later says what it said).
     */
    eligibleAtYearEnd: jsonb().$type<Record<string, number>>(),
    createdBy: text().notNull().default('cli'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plans_doc_no_uq').on(t.agencyId, t.docNo), uniqueIndex('plans_default_uq').on(t.agencyId, t.year).where(sql`is_default`)],
);

export const DRAW_STATUSES = ['prepared', 'executed', 'abandoned', 'cancelled'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];

/**
 * The frozen enterprise lot of a draw: its canonical serialization (docs/draw-algorithm.md §2),
 * exactly the bytes whose SHA-256 is the draw's enterprisePoolHash. Written once by
 * `insert … select` in the database; never updated.
 */
export const drawLots = pgTable('draw_lots', {
  id: serial().primaryKey(),
  agencyId: integer()
    .notNull()
    .references(() => agencies.id),
  size: integer().notNull(),
  sha256: text().notNull(),
  body: text().notNull(),
  /**
   * The UTF-8 length of each record's line in `body` (LF included), 4 bytes big-endian each, in
   * lot order: where line k starts, so that executing a draw reads its thousand drawn lines and
   * not the million (null for lots frozen before it was kept; those are read whole).
   */
  lineLengths: bytea(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One draw (摇号). Never deleted: an abandoned or cancelled draw stays in the record. */
export const draws = pgTable(
  'draws',
  {
    id: serial().primaryKey(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    planId: integer().references(() => plans.id),
    /** The batch of the plan (1-based `PlanBatch.no`); null when the plan has no batches. */
    planBatch: integer(),
    year: integer().notNull(),
    seq: integer().notNull(),
    drawNo: text().notNull(),
    status: text().$type<DrawStatus>().notNull(),
    params: jsonb().$type<CanonicalParams>().notNull(),
    enterprisePoolHash: text().notNull(),
    officerPoolHash: text().notNull(),
    commitment: text().notNull(),
    /**
     * Hex; null until revealed (at execution or abandonment). Draws prepared before the draw key
     * existed kept it here from the start; newer ones derive it from `secretNonce` and the key
     * kept outside the database (see deriveDrawSecret).
     */
    secret: text(),
    /** Hex nonce the secret is derived from with the installation's draw key. */
    secretNonce: text(),
    /** The public randomness beacon round the draw waits for, and (once executed) its value. */
    beacon: jsonb().$type<DrawBeacon>(),
    seed: text(),
    /** gzip of the frozen PreparedHead JSON (officer pool, exclusions, strata, hashes). */
    frozen: bytea().notNull(),
    /** The frozen enterprise lot. */
    lotId: integer().references(() => drawLots.id),
    summary: jsonb().$type<DrawSummary>().notNull(),
    /** Null until executed. */
    result: jsonb().$type<DrawResult>(),
    platform: text().$type<Platform>().notNull(),
    chatId: text().notNull(),
    preparedBy: integer()
      .notNull()
      .references(() => people.id),
    executedBy: integer().references(() => people.id),
    endedReason: text(),
    /** Who abandoned or cancelled the draw (for a cancellation: who asked; `cancelConfirmedBy` agreed). */
    endedBy: integer().references(() => people.id),
    cancelConfirmedBy: integer().references(() => people.id),
    /** The ended draw of the same scope this one follows (a re-draw after an abandonment or a cancellation). */
    supersedesId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    executedAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('draws_no_uq').on(t.agencyId, t.drawNo), uniqueIndex('draws_seq_uq').on(t.agencyId, t.year, t.seq), index('draws_plan_idx').on(t.planId)],
);

export const TASK_STATUSES = ['assigned', 'inspected', 'published', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** 检查任务: one enterprise and its officers. */
export const tasks = pgTable(
  'tasks',
  {
    id: serial().primaryKey(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    drawId: integer()
      .notNull()
      .references(() => draws.id),
    ordinal: integer().notNull(),
    uscc: text().notNull(),
    enterpriseName: text().notNull(),
    industry: text().notNull(),
    /** The enterprise's 乡镇/街道 when it was drawn (as its name and industry), for the public page's filter. */
    township: text().notNull().default(''),
    status: text().$type<TaskStatus>().notNull().default('assigned'),
    windowFrom: date({ mode: 'string' }).notNull(),
    windowTo: date({ mode: 'string' }).notNull(),
    resultDate: date({ mode: 'string' }),
    publicationDue: date({ mode: 'string' }),
    publicationDueProvisional: boolean().notNull().default(false),
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: integer().references(() => people.id),
    publicationRef: text(),
    /**
     * Set when the result is marked published: 0 when it was on time, else the working days
     * between the deadline and the publication date (a late publication stays recorded as late).
     */
    publicationLateWorkdays: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tasks_draw_ordinal_uq').on(t.drawId, t.ordinal),
    // The public results (src/db/repos/public-record-repo.ts): newest published first, a page at
    // a time by keyset, unfiltered or by industry or township. The name/USCC search has its own
    // GIN index (drizzle/0009_public_search.sql, over all tasks); the year filter reads result_date.
    index('tasks_published_idx').on(t.publishedAt.desc(), t.id.desc()).where(sql`status = 'published'`),
    index('tasks_published_industry_idx').on(t.industry, t.publishedAt.desc(), t.id.desc()).where(sql`status = 'published'`),
    index('tasks_published_township_idx').on(t.township, t.publishedAt.desc(), t.id.desc()).where(sql`status = 'published'`),
    // One agency's results (a server may hold several bureaus): its pages and its count walk this.
    index('tasks_published_agency_idx').on(t.agencyId, t.publishedAt.desc(), t.id.desc()).where(sql`status = 'published'`),
    index('tasks_published_result_date_idx').on(t.resultDate).where(sql`status = 'published'`),
  ],
);

/** `awaiting_recusal`: the officer applied for 回避 and the agency head has not decided yet. */
export const TASK_OFFICER_STATUSES = ['pending', 'confirmed', 'awaiting_recusal', 'recused', 'released'] as const;
export type TaskOfficerStatus = (typeof TASK_OFFICER_STATUSES)[number];

export const taskOfficers = pgTable(
  'task_officers',
  {
    id: serial().primaryKey(),
    taskId: integer()
      .notNull()
      .references(() => tasks.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    certificateNo: text().notNull(),
    status: text().$type<TaskOfficerStatus>().notNull().default('pending'),
    /** 0 for the original draw, n for the n-th replacement draw of the task. */
    replacementNo: integer().notNull().default(0),
    /** Reasons of recusals before they were decided by the head (now kept in `recusals`); not written any more. */
    recusalReason: text(),
    respondedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('task_officers_uq').on(t.taskId, t.personId)],
);

/** 检查结果, submitted once per task. */
export const findings = pgTable(
  'findings',
  {
    id: serial().primaryKey(),
    taskId: integer()
      .notNull()
      .references(() => tasks.id)
      .unique(),
    submittedBy: integer()
      .notNull()
      .references(() => people.id),
    inspectionDate: date({ mode: 'string' }).notNull(),
    itemResults: jsonb().$type<ValidFindings['itemResults']>().notNull(),
    /** Hazard entries (ValidFindings['hazards']); rows of the first format hold `{ description, major }` (see readHazards). */
    hazards: jsonb().$type<unknown[]>().notNull(),
    majorHazard: boolean().notNull().default(false),
    /**
     * The task's current rectification, which the reminders and the 复查 follow: derived from the
     * hazards when submitted; a 复查 that finds a major hazard not rectified moves `rectificationDue`
     * to the new date it sets and clears `recheckResult`. The hazards and `rechecks` are the record.
     */
    rectification: text().$type<ValidFindings['rectification']>().notNull(),
    rectificationDue: date({ mode: 'string' }),
    resultCategory: text().notNull(),
    responsiblePerson: text(),
    refusedToSign: boolean().notNull().default(false),
    notes: text(),
    recheckResult: text().$type<RecheckResult>(),
    recheckedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** What was found for each 不符合 item, by item code. */
    itemNotes: jsonb().$type<ValidFindings['itemNotes']>().notNull().default({}),
    /** Measures ordered (安全生产法 第六十五条第一款第三项). */
    measures: jsonb().$type<ValidFindings['measures']>().notNull().default([]),
    caseFiled: boolean().notNull().default(false),
    caseNo: text(),
    refusalNote: text(),
  },
  // The public results filtered by result category.
  (t) => [index('findings_result_category_idx').on(t.resultCategory, t.taskId)],
);

/** The findings form as far as it has been filled in (its steps), until it is submitted. */
export const findingsDrafts = pgTable('findings_drafts', {
  taskId: integer()
    .primaryKey()
    .references(() => tasks.id),
  draft: jsonb().$type<FindingsDraft>().notNull(),
  updatedBy: integer()
    .notNull()
    .references(() => people.id),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** 整改复查: each re-check of a task's hazards, in rounds (a new date after 未整改 opens the next). */
export const rechecks = pgTable(
  'rechecks',
  {
    id: serial().primaryKey(),
    taskId: integer()
      .notNull()
      .references(() => tasks.id),
    round: integer().notNull(),
    recheckDate: date({ mode: 'string' }).notNull(),
    /** The result per hazard, by its number in the findings. */
    results: jsonb().$type<RecheckHazardResult[]>().notNull(),
    note: text(),
    /** The new 整改期限 set for hazards not rectified, when there is one. */
    newDue: date({ mode: 'string' }),
    recordedBy: integer()
      .notNull()
      .references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rechecks_round_uq').on(t.taskId, t.round)],
);

/** Photos and files attached to a task; the bytes are in the evidence store under their SHA-256. */
export const evidence = pgTable(
  'evidence',
  {
    id: serial().primaryKey(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    taskId: integer()
      .notNull()
      .references(() => tasks.id),
    sha256: text().notNull(),
    contentType: text().notNull(),
    size: integer().notNull(),
    fileName: text().notNull(),
    /** EXIF DateTimeOriginal of a photo, `YYYY-MM-DDTHH:MM:SS` as the camera wrote it (no time zone). */
    capturedAt: text(),
    uploadedBy: integer()
      .notNull()
      .references(() => people.id),
    /** Where it came from, e.g. `feishu:om_…:img_…`. */
    source: text().notNull(),
    /** The 复查 round it was sent for (1, 2, …); null: the inspection itself. */
    round: integer(),
    /** The inspection's, sent after the findings were submitted: not in the 现场检查记录 already issued. */
    afterRecord: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evidence_task_sha_uq').on(t.taskId, t.sha256)],
);

/** The task an officer is sending evidence for (上传证据), until `until`. */
export const evidenceFocus = pgTable('evidence_focus', {
  personId: integer()
    .primaryKey()
    .references(() => people.id),
  taskId: integer()
    .notNull()
    .references(() => tasks.id),
  until: timestamp({ withTimezone: true }).notNull(),
  /** The 复查 round the evidence is for (上传证据 on the 复查 form); null: the inspection. */
  round: integer(),
});

/** 行政执法全过程记录: append-only, hash-chained; a trigger refuses UPDATE and DELETE. */
export const auditLog = pgTable('audit_log', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  agencyId: integer(),
  at: timestamp({ withTimezone: true }).notNull(),
  actor: text().notNull(),
  action: text().notNull(),
  subject: text().notNull(),
  data: jsonb().notNull(),
  prevHash: text().notNull(),
  hash: text().notNull(),
  /**
   * What the entry's hash covers (src/domain/audit/audit-chain.ts): 1 for the entries written
   * before the column existed (the time to the millisecond), 2 since (the time to the
   * microsecond, as the column keeps it, and the format itself).
   */
  hashFormat: smallint().notNull().default(1),
});

/** Single-row head of the audit chain; locking it serializes appends. */
export const auditHead = pgTable('audit_head', {
  id: integer().primaryKey(),
  lastId: integer().notNull(),
  lastHash: text().notNull(),
});

/** Replacement draws of a draw, in the order they were made (each re-runnable from the record). */
export const drawReplacements = pgTable(
  'draw_replacements',
  {
    id: serial().primaryKey(),
    drawId: integer()
      .notNull()
      .references(() => draws.id),
    taskIndex: integer().notNull(),
    replacementNo: integer().notNull(),
    /** The ReplacementRecord of the draw export. */
    record: jsonb().$type<ReplacementRecord>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('draw_replacements_uq').on(t.drawId, t.taskIndex, t.replacementNo)],
);
