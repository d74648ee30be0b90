/**
 * The rows of the in-memory store: the columns of the drizzle schema (src/db/schema), typed
 * here so that this store never imports drizzle. A stored row is frozen and replaced on update,
 * never changed in place: a transaction's copy of a table can then share rows with the
 * committed one (see memory-database.ts).
 */
import type { NewAuditEntry } from '../../domain/audit/audit-chain';
import type { StoredEnterprise } from '../enterprise-row';
import type { Platform } from '../../app/ports/messenger';
import type { PlanRow } from '../../app/ports/plans';
import type { PendingImportRow } from '../../app/ports/registers';
import type { Agency, DrawRow, EvidenceRow, Person, RecheckResult, RecheckRow, RecusalRow, TaskOfficerRow, TaskRow } from '../../app/ports/store';
import type { ValidFindings } from '../../domain/findings/types';
import type { IsoDate } from '../../domain/model';

export interface AgencyRecord extends Agency {
  timezone: string;
  isDemo: boolean;
  createdAt: Date;
}

export interface PersonRecord extends Person {
  certificateValidUntil: IsoDate | null;
  expertise: readonly string[];
  onDuty: boolean;
  conflicts: readonly string[];
  localId: string | null;
  createdAt: Date;
}

export interface AccountRecord {
  id: number;
  personId: number;
  platform: Platform;
  accountId: string;
  linkedBy: string;
  linkedAt: Date;
}

export interface ChatRecord {
  id: number;
  agencyId: number;
  platform: Platform;
  chatId: string;
  boundBy: string;
  boundAt: Date;
}

export interface EnterpriseRecord extends StoredEnterprise {
  id: number;
  agencyId: number;
  updatedAt: Date;
}

export interface CheckItemRecord {
  code: string;
  title: string;
  content: string;
  legalBasis: string;
  sort: number;
}

export interface ExternalInspectionRecord {
  id: number;
  agencyId: number;
  uscc: string;
  date: IsoDate;
  department: string;
  random: boolean;
}

/** A frozen enterprise lot: its serialization and each line's UTF-8 length (see draw_lots). */
export interface LotRecord {
  id: number;
  agencyId: number;
  size: number;
  sha256: string;
  body: string;
  lineLengths: Uint8Array | null;
  createdAt: Date;
}

export interface DrawRecord extends DrawRow {
  seq: number;
  /** The PreparedHead as JSON text (the SQL row keeps it gzipped). */
  frozen: string;
  lotId: number | null;
}

export interface TaskRecord extends Omit<TaskRow, 'officers' | 'drawNo'> {
  publishedBy: number | null;
  publicationRef: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TaskOfficerRecord extends Omit<TaskOfficerRow, 'name' | 'unit'> {
  respondedAt: Date | null;
}

/** A row of `recusals` (the officer's person, name and certificate are read from the officer's row). */
export type RecusalRecord = Omit<RecusalRow, 'personId' | 'officerName' | 'certificateNo'>;

export interface FindingsRecord extends Omit<ValidFindings, 'hazards'> {
  hazards: unknown[];
  id: number;
  taskId: number;
  submittedBy: number;
  recheckResult: RecheckResult | null;
  recheckedAt: Date | null;
  createdAt: Date;
}

export interface FindingsDraftRecord {
  taskId: number;
  draft: unknown;
  updatedBy: number;
  updatedAt: Date;
}

export interface RecheckRecord extends Omit<RecheckRow, 'results'> {
  results: unknown;
}

export type EvidenceRecord = EvidenceRow;

export interface EvidenceFocusRecord {
  personId: number;
  taskId: number;
  until: Date;
  round: number | null;
}

export interface ReplacementRecordRow {
  id: number;
  drawId: number;
  taskIndex: number;
  replacementNo: number;
  record: unknown;
  createdAt: Date;
}

export interface AuditRecord extends NewAuditEntry {
  id: number;
  prevHash: string;
  hash: string;
  hashFormat: number;
}

export interface DailyHeadRecord {
  day: IsoDate;
  entryCount: number;
  hash: string;
  recordedAt: Date;
}

export interface AuditHeadRecord {
  lastId: number;
  lastHash: string;
}

export interface InboundRecord {
  key: string;
  platform: Platform;
  receivedAt: Date;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'abandoned';

export interface OutboxRecord {
  id: number;
  agencyId: number | null;
  platform: Platform;
  recipientKind: 'chat' | 'user';
  recipientId: string;
  message: unknown;
  cardKey: string | null;
  idempotencyKey: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  platformMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** Replies go out in the order of the messages that caused them (see OutboxInput.orderedAt). */
  orderedAt: Date;
  claimedBy: string | null;
  retryUntil: Date | null;
}

export interface HolidayRecord {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  name: string | null;
  createdAt: Date;
}

export interface HolidayYearRecord {
  year: number;
  loadedBy: string;
  loadedAt: Date;
}

export interface ReminderRecord {
  id: number;
  key: string;
  day: IsoDate;
  recipient: string;
  createdAt: Date;
}

/** A plan (年度抽查计划): the port's row as stored. */
export type PlanRecord = PlanRow & { eligibleAtYearEnd?: unknown };

/** A register import waiting for 确认导入 (see pending_imports). */
export interface PendingImportRecord extends PendingImportRow {
  rows: unknown[];
  endedBy: number | null;
}
