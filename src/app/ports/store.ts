/**
 * The store port: `Repos`, one transaction's view of every aggregate, and `Store`, which runs a
 * unit of work in one transaction. Each aggregate's rows and repository live in their own file
 * (directory, draws, tasks, recusals, accounts, audit, holidays, outbox, reminders, inbound); this file
 * composes them and re-exports their types, so that `ports/store` stays the one import.
 */
import type { AccountRepo } from './accounts';
import type { AuditRepo } from './audit';
import type { DirectoryRepo } from './directory';
import type { DrawRepo } from './draws';
import type { HolidayRepo } from './holidays';
import type { InboundRepo } from './inbound';
import type { OutboxRepo } from './outbox';
import type { PublicRecordRepo } from './public-record';
import type { ReportRepo } from './reports';
import type { RecusalRepo } from './recusals';
import type { RecordRepo } from './records';
import type { PlanRepo } from './plans';
import type { RegisterRepo } from './registers';
import type { ReminderRepo } from './reminders';
import type { TaskRepo } from './tasks';

export type { AccountRepo } from './accounts';
export type { AuditHead, AuditInput, AuditRepo, DailyHead } from './audit';
export type { Agency, DirectoryRepo, Person, Role } from './directory';
export type { DrawBeacon, DrawRepo, DrawResult, DrawRow, DrawSummary } from './draws';
export type { HolidayRepo } from './holidays';
export type { InboundRepo } from './inbound';
export type { OutboxInput, OutboxMessage, OutboxRepo } from './outbox';
export type { PublicDraw, PublicRecordRepo, PublicResult, PublicResultFilter } from './public-record';
export type { ReportFindings, ReportRepo, ReportTask } from './reports';
export type { NewRecusal, RecusalKind, RecusalRepo, RecusalRow, RecusalStatus } from './recusals';
export type { EvidenceRow, RecheckRow, RecordRepo } from './records';
export type { PlanRepo, PlanRow } from './plans';
export type { ImportPreview, PendingImportRow, RegisterChange, RegisterKind, RegisterRepo } from './registers';
export type { RecheckResult, ReminderRepo, ReminderTaskRow } from './reminders';
export type { FindingsInput, FindingsRow, TaskOfficerRow, TaskRepo, TaskRow } from './tasks';

/** One transaction's view of the stores. Every write happens inside `Store.transaction`. */
export interface Repos {
  inbound: InboundRepo;
  directory: DirectoryRepo;
  draws: DrawRepo;
  /** 年度抽查计划: every draw belongs to one. */
  plans: PlanRepo;
  tasks: TaskRepo;
  /** 回避 applications and orders of the tasks. */
  recusals: RecusalRepo;
  /** Messenger accounts and bound chats; changed by administrators only (chat commands or CLI). */
  accounts: AccountRepo;
  audit: AuditRepo;
  holidays: HolidayRepo;
  outbox: OutboxRepo;
  reminders: ReminderRepo;
  /** The read-only queries of the public page (“一公开”): published results and draw announcements. */
  publicRecord: PublicRecordRepo;
  /** A year's tasks in full and the enterprise directory, for the statistics and the export. */
  reports: ReportRepo;
  /** Findings drafts, 复查 rounds, evidence (the record around the findings). */
  records: RecordRepo;
  /** The registers as imports write them, and the imports waiting for 确认导入. */
  registers: RegisterRepo;
}

export interface Store {
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
}
