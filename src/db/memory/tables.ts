/** The tables of the in-memory store: one Map per table of the schema, keyed by its primary key. */
import { GENESIS_HASH } from '../../domain/audit/audit-chain';
import type { IsoDate } from '../../domain/model';
import type {
  AgencyRecord,
  PersonRecord,
  AccountRecord,
  ChatRecord,
  EnterpriseRecord,
  CheckItemRecord,
  ExternalInspectionRecord,
  LotRecord,
  DrawRecord,
  TaskRecord,
  TaskOfficerRecord,
  FindingsRecord,
  RecusalRecord,
  ReplacementRecordRow,
  AuditRecord,
  AuditHeadRecord,
  DailyHeadRecord,
  InboundRecord,
  OutboxRecord,
  HolidayRecord,
  HolidayYearRecord,
  ReminderRecord,
  FindingsDraftRecord,
  RecheckRecord,
  EvidenceRecord,
  EvidenceFocusRecord,
  PlanRecord,
  PendingImportRecord,
} from './rows';

/** Every table, keyed by its primary key (the audit head is the one row of `auditHead`). */
export interface Tables {
  agencies: Map<number, AgencyRecord>;
  people: Map<number, PersonRecord>;
  accounts: Map<number, AccountRecord>;
  chats: Map<number, ChatRecord>;
  enterprises: Map<number, EnterpriseRecord>;
  checkItems: Map<string, CheckItemRecord>;
  externalInspections: Map<number, ExternalInspectionRecord>;
  drawLots: Map<number, LotRecord>;
  plans: Map<number, PlanRecord>;
  pendingImports: Map<number, PendingImportRecord>;
  draws: Map<number, DrawRecord>;
  tasks: Map<number, TaskRecord>;
  taskOfficers: Map<number, TaskOfficerRecord>;
  findings: Map<number, FindingsRecord>;
  recusals: Map<number, RecusalRecord>;
  drawReplacements: Map<number, ReplacementRecordRow>;
  auditLog: Map<number, AuditRecord>;
  auditHead: Map<1, AuditHeadRecord>;
  auditDailyHeads: Map<IsoDate, DailyHeadRecord>;
  inboundEvents: Map<string, InboundRecord>;
  outbox: Map<number, OutboxRecord>;
  holidayOverrides: Map<IsoDate, HolidayRecord>;
  holidayYears: Map<number, HolidayYearRecord>;
  reminders: Map<string, ReminderRecord>;
  findingsDrafts: Map<number, FindingsDraftRecord>;
  rechecks: Map<number, RecheckRecord>;
  evidence: Map<number, EvidenceRecord>;
  evidenceFocus: Map<number, EvidenceFocusRecord>;
}

export type TableName = keyof Tables;

/** The tables with a serial id, each with its own sequence. */
export type SerialTable = Exclude<
  TableName,
  'checkItems' | 'auditHead' | 'auditDailyHeads' | 'inboundEvents' | 'holidayOverrides' | 'holidayYears' | 'findingsDrafts' | 'evidenceFocus'
>;

/** The row type of a table. */
export type RowOf<K extends TableName> = Tables[K] extends Map<unknown, infer R> ? R : never;
/** The key type of a table. */
export type KeyOf<K extends TableName> = Tables[K] extends Map<infer I, unknown> ? I : never;
/** The tables as a reader sees them. */
export type ReadonlyTables = { readonly [K in TableName]: ReadonlyMap<KeyOf<K>, Readonly<RowOf<K>>> };

export function emptyTables(): Tables {
  return {
    agencies: new Map(),
    people: new Map(),
    accounts: new Map(),
    chats: new Map(),
    enterprises: new Map(),
    checkItems: new Map(),
    externalInspections: new Map(),
    drawLots: new Map(),
    plans: new Map(),
    pendingImports: new Map(),
    draws: new Map(),
    tasks: new Map(),
    taskOfficers: new Map(),
    findings: new Map(),
    recusals: new Map(),
    drawReplacements: new Map(),
    auditLog: new Map(),
    auditHead: new Map([[1, Object.freeze({ lastId: 0, lastHash: GENESIS_HASH })]]),
    auditDailyHeads: new Map(),
    inboundEvents: new Map(),
    outbox: new Map(),
    holidayOverrides: new Map(),
    holidayYears: new Map(),
    reminders: new Map(),
    findingsDrafts: new Map(),
    rechecks: new Map(),
    evidence: new Map(),
    evidenceFocus: new Map(),
  };
}
