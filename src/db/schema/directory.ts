import { sql } from 'drizzle-orm';
import { boolean, date, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** The bureau (应急管理局) and its per-agency rules. */
export const agencies = pgTable('agencies', {
  id: serial().primaryKey(),
  name: text().notNull(),
  /** Short name used in draw numbers, e.g. 偃应急 → 偃应急抽〔2023〕3号. */
  shortName: text().notNull(),
  timezone: text().notNull().default('Asia/Shanghai'),
  /** 偃应急〔2023〕18号 §二(三): results are published within 5 working days. */
  publicationWorkdays: integer().notNull().default(5),
  /** Whether the event day itself counts as day 1 of a working-day deadline. */
  countStartDay: boolean().notNull().default(false),
  /** Random inspections per enterprise per year (all departments and levels together). */
  yearlyCap: integer().notNull().default(1),
  /** Months after an inspection during which the enterprise is not drawn again; 0 = off. */
  cooldownMonths: integer().notNull().default(0),
  excludeLastInspector: boolean().notNull().default(true),
  groupSize: integer().notNull().default(2),
  requireExpertise: boolean().notNull().default(false),
  /** At least one member from this unit (e.g. 综合行政执法大队), when set. */
  requireUnit: text(),
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const ROLES = ['admin', 'leader', 'officer'] as const;
export type Role = (typeof ROLES)[number];

/** Staff: officers with their 行政执法证, leaders and administrators. */
export const people = pgTable(
  'people',
  {
    id: serial().primaryKey(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    name: text().notNull(),
    role: text().$type<Role>().notNull(),
    unit: text().notNull().default(''),
    certificateNo: text(),
    certificateValidUntil: date({ mode: 'string' }),
    expertise: text().array().notNull().default(sql`'{}'::text[]`),
    onDuty: boolean().notNull().default(true),
    /** USCCs this officer must never inspect (standing 回避). */
    conflicts: text().array().notNull().default(sql`'{}'::text[]`),
    /** Identity in the local chat simulator. */
    localId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('people_certificate_uq').on(t.agencyId, t.certificateNo), uniqueIndex('people_local_id_uq').on(t.agencyId, t.localId)],
);

/** A person's messenger account, linked by an administrator only. */
export const accounts = pgTable(
  'accounts',
  {
    id: serial().primaryKey(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    platform: text().notNull(),
    accountId: text().notNull(),
    linkedBy: text().notNull(),
    linkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('accounts_platform_account_uq').on(t.platform, t.accountId)],
);

/** A group chat bound to an agency by an administrator. */
export const chats = pgTable(
  'chats',
  {
    id: serial().primaryKey(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    platform: text().notNull(),
    chatId: text().notNull(),
    boundBy: text().notNull(),
    boundAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('chats_platform_chat_uq').on(t.platform, t.chatId)],
);

/** `escapeField` of src/domain/draw/serialize.ts in SQL: \ TAB LF CR and comma escaped. */
const escapeSql = (column: string): string =>
  `replace(replace(replace(replace(replace(${column}, '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r'), ',', '\\,')`;

/** uscc TAB name TAB industry TAB township TAB risk level TAB (no last inspectors) LF. */
export const PLAIN_POOL_LINE_SQL = `${['uscc', 'name', 'industry', 'township', 'risk_level'].map(escapeSql).join(' || chr(9) || ')} || chr(9) || chr(10)`;

/** 检查对象名录库. */
export const enterprises = pgTable(
  'enterprises',
  {
    id: serial().primaryKey(),
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    uscc: text().notNull(),
    name: text().notNull(),
    industry: text().notNull(),
    township: text().notNull(),
    address: text(),
    contactPerson: text(),
    phone: text(),
    riskLevel: text().notNull().default('一般'),
    status: text().notNull().default('在营'),
    keySupervision: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The enterprise's line in a draw's canonical lot serialization when it has no last
     * inspectors (docs/draw-algorithm.md §2; `enterpriseLine` in src/domain/draw/serialize.ts):
     * kept by the database so that a lot of a million is serialized without being read out.
     */
    poolLine: text().generatedAlwaysAs(sql.raw(PLAIN_POOL_LINE_SQL)),
  },
  (t) => [uniqueIndex('enterprises_uscc_uq').on(t.agencyId, t.uscc)],
);

/** 随机抽查事项清单. */
export const checkItems = pgTable('check_items', {
  code: text().primaryKey(),
  title: text().notNull(),
  content: text().notNull(),
  legalBasis: text().notNull(),
  sort: integer().notNull(),
});

/** Inspections of an enterprise recorded by other departments or levels (they count against the cap). */
export const externalInspections = pgTable('external_inspections', {
  id: serial().primaryKey(),
  agencyId: integer()
    .notNull()
    .references(() => agencies.id),
  uscc: text().notNull(),
  date: date({ mode: 'string' }).notNull(),
  department: text().notNull(),
  random: boolean().notNull().default(true),
});
