/**
 * The store port: `Repos`, one transaction's view of every aggregate, and `Store`, which runs a
 * unit of work in one transaction. Each aggregate's rows and repository live in their own file
 * (directory, draws, tasks, accounts, audit, holidays, outbox, reminders, inbound); this file
 * composes them and re-exports their types, so that `ports/store` stays the one import.
 */
import type { AccountRepo } from './accounts';
import type { AuditRepo } from './audit';
import type { DirectoryRepo } from './directory';
import type { DrawRepo } from './draws';
import type { HolidayRepo } from './holidays';
import type { InboundRepo } from './inbound';
import type { OutboxRepo } from './outbox';
import type { PlanRepo } from './plans';
import type { RegisterRepo } from './registers';
import type { ReminderRepo } from './reminders';
import type { TaskRepo } from './tasks';

export type { AccountRepo } from './accounts';
export type { AuditInput, AuditRepo } from './audit';
export type { Agency, DirectoryRepo, Person, Role } from './directory';
export type { DrawRepo, DrawResult, DrawRow, DrawSummary } from './draws';
export type { HolidayRepo } from './holidays';
export type { InboundRepo } from './inbound';
export type { OutboxInput, OutboxMessage, OutboxRepo } from './outbox';
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
  /** Messenger accounts and bound chats; changed by administrators only (chat commands or CLI). */
  accounts: AccountRepo;
  audit: AuditRepo;
  holidays: HolidayRepo;
  outbox: OutboxRepo;
  reminders: ReminderRepo;
  /** The registers as imports write them, and the imports waiting for 确认导入. */
  registers: RegisterRepo;
}

export interface Store {
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
}
