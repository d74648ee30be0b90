import type { DirectorySlice, PlainSpec, PreparedDraw, PreparedHead, ReplacementRecord } from '../../domain/draw';
import type { ReminderTask } from '../../domain/reminders';
import type { CalendarOverride } from '../../domain/workdays';
import type { ValidFindings } from '../../domain/findings/validate-findings';
import type { Enterprise, InspectionRecord, IsoDate, Officer } from '../../domain/model';
import type { OutgoingMessage, Platform, Recipient } from './messenger';
import type { CardView } from '../views/card-view';

export type Role = 'admin' | 'leader' | 'officer';

export interface Agency {
  id: number;
  name: string;
  shortName: string;
  publicationWorkdays: number;
  countStartDay: boolean;
  yearlyCap: number;
  cooldownMonths: number;
  excludeLastInspector: boolean;
  groupSize: number;
  requireExpertise: boolean;
  requireUnit: string | null;
}

export interface Person {
  id: number;
  agencyId: number;
  name: string;
  role: Role;
  unit: string;
  certificateNo: string | null;
}

export interface DrawRow {
  id: number;
  agencyId: number;
  year: number;
  drawNo: string;
  status: 'prepared' | 'executed' | 'abandoned' | 'cancelled';
  params: unknown;
  enterprisePoolHash: string;
  officerPoolHash: string;
  commitment: string;
  secret: string;
  seed: string | null;
  summary: DrawSummary;
  result: unknown;
  platform: Platform;
  chatId: string;
  preparedBy: number;
  createdAt: Date;
  executedAt: Date | null;
  endedReason: string | null;
}

/** What the announcement card shows; stored with the draw. */
export interface DrawSummary {
  filtersText: string;
  quotaText: string;
  windowFrom: IsoDate;
  windowTo: IsoDate;
  groupSize: number;
  enterprisePoolSize: number;
  officerPoolSize: number;
  excludedEnterprises: Array<{ reason: string; count: number; examples: string[] }>;
  excludedOfficers: Array<{ name: string; reason: string }>;
}

export interface TaskOfficerRow {
  id: number;
  taskId: number;
  personId: number;
  name: string;
  unit: string;
  certificateNo: string;
  status: 'pending' | 'confirmed' | 'recused' | 'released';
  replacementNo: number;
  recusalReason: string | null;
}

export interface TaskRow {
  id: number;
  agencyId: number;
  drawId: number;
  drawNo: string;
  ordinal: number;
  uscc: string;
  enterpriseName: string;
  industry: string;
  status: 'assigned' | 'inspected' | 'published' | 'cancelled';
  windowFrom: IsoDate;
  windowTo: IsoDate;
  resultDate: IsoDate | null;
  publicationDue: IsoDate | null;
  publicationDueProvisional: boolean;
  publishedAt: Date | null;
  officers: TaskOfficerRow[];
}

/** A validated findings form (see validateFindings) for one task. */
export interface FindingsInput extends ValidFindings {
  taskId: number;
  submittedBy: number;
}

export interface FindingsRow extends FindingsInput {
  createdAt: Date;
}

export interface AuditInput {
  agencyId: number | null;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
}

export interface OutboxInput {
  agencyId: number | null;
  to: Recipient;
  message: OutgoingMessage | { type: 'update'; card: CardView };
  /** Deterministic per logical message, e.g. `draw:3:result:group`. */
  idempotencyKey: string;
  cardKey?: string;
}

/** One transaction's view of the stores. Every write happens inside `Store.transaction`. */
export interface Repos {
  inbound: { recordOnce(key: string, platform: Platform): Promise<boolean> };
  directory: {
    agency(id: number): Promise<Agency | undefined>;
    personByAccount(platform: Platform, accountId: string): Promise<Person | undefined>;
    agencyOfChat(platform: Platform, chatId: string): Promise<number | undefined>;
    /** Messenger accounts of people on one platform. */
    accountsOf(personIds: number[], platform: Platform): Promise<Map<number, string>>;
    peopleWithRole(agencyId: number, roles: Role[]): Promise<Person[]>;
    person(id: number): Promise<Person | undefined>;
    personByCertificate(agencyId: number, certificateNo: string): Promise<Person | undefined>;
    enterprise(agencyId: number, uscc: string): Promise<Enterprise | undefined>;
    enterprisesByUscc(agencyId: number, usccs: string[]): Promise<Map<string, Enterprise>>;
    /** The officers and the inspection history a draw looks at (both small). */
    drawRoster(agencyId: number): Promise<{ officers: Officer[]; history: InspectionRecord[] }>;
    /**
     * The enterprises of a draw: special rows in full (see PlainSpec); the plain ones counted by
     * industry and risk level when `countPlain` (else `plainGroups` is null: freezing counts them).
     */
    drawSlice(agencyId: number, spec: PlainSpec, options: { countPlain: boolean }): Promise<DirectorySlice>;
    checkItems(): Promise<Array<{ code: string; title: string; content: string; legalBasis: string }>>;
  };
  draws: {
    nextSeq(agencyId: number, year: number): Promise<number>;
    /**
     * Freezes the lot of a draw where the directory lives: the plain rows of `spec` and the
     * given special lines in canonical order; returns its id, size and SHA-256.
     */
    freezeLot(
      agencyId: number,
      spec: PlainSpec,
      specials: ReadonlyArray<{ uscc: string; line: string }>,
    ): Promise<{ lotId: number; size: number; sha256: string }>;
    insert(
      row: Omit<DrawRow, 'id' | 'createdAt' | 'executedAt' | 'endedReason' | 'seed' | 'result'> & { frozen: PreparedHead; lotId: number },
    ): Promise<number>;
    byId(agencyId: number, id: number): Promise<DrawRow | undefined>;
    byNo(agencyId: number, drawNo: string): Promise<DrawRow | undefined>;
    /**
     * The prepared draw with its frozen lot (read back from the stored serialization). With
     * `select`, which is given the head and the lot's size and names the positions needed (null:
     * all), only those records are read: the lot is then a PartialLot.
     */
    frozen(id: number, select?: (head: PreparedHead, lotSize: number) => readonly number[] | null): Promise<PreparedDraw | undefined>;
    /** Conditional transition; false when the draw was not in `from` (a double click, a stale card). */
    transition(
      id: number,
      from: DrawRow['status'][],
      to: DrawRow['status'],
      fields: { seed?: string; result?: unknown; executedBy?: number; endedReason?: string; at: Date },
    ): Promise<boolean>;
    recent(agencyId: number, limit: number): Promise<DrawRow[]>;
    /**
     * Starts a preparation: locks the agency's row until the transaction ends (so that two
     * leaders' preparations line up instead of racing for the same number) and returns the
     * agency's draw still waiting for confirmation, if any.
     */
    beginPreparation(agencyId: number): Promise<DrawRow | undefined>;
    /** Locks the draw row until the transaction ends, so replacement draws of one draw line up. */
    lock(id: number): Promise<void>;
    /** Replacement records of a draw, in the order they were made. */
    replacements(drawId: number): Promise<ReplacementRecord[]>;
    addReplacement(drawId: number, record: ReplacementRecord): Promise<void>;
  };
  tasks: {
    insertMany(
      drawId: number,
      agencyId: number,
      tasks: Array<{
        ordinal: number;
        uscc: string;
        enterpriseName: string;
        industry: string;
        windowFrom: IsoDate;
        windowTo: IsoDate;
        officers: Array<{ personId: number; certificateNo: string }>;
      }>,
    ): Promise<number[]>;
    byId(id: number): Promise<TaskRow | undefined>;
    ofDraw(drawId: number): Promise<TaskRow[]>;
    ofPerson(personId: number, statuses: TaskRow['status'][]): Promise<TaskRow[]>;
    ofAgency(agencyId: number, statuses: TaskRow['status'][]): Promise<TaskRow[]>;
    transition(
      id: number,
      from: TaskRow['status'][],
      to: TaskRow['status'],
      fields: {
        resultDate?: IsoDate;
        publicationDue?: IsoDate;
        publicationDueProvisional?: boolean;
        publishedBy?: number;
        publishedAt?: Date;
        publicationRef?: string;
        at: Date;
      },
    ): Promise<boolean>;
    cancelOfDraw(drawId: number, at: Date): Promise<number>;
    setOfficerStatus(
      taskOfficerId: number,
      from: TaskOfficerRow['status'][],
      to: TaskOfficerRow['status'],
      fields: { recusalReason?: string; at: Date },
    ): Promise<boolean>;
    addOfficer(taskId: number, personId: number, certificateNo: string, replacementNo: number): Promise<void>;
    insertFindings(input: FindingsInput): Promise<boolean>;
    findings(taskId: number): Promise<FindingsRow | undefined>;
    published(agencyId: number | null, limit: number): Promise<Array<TaskRow & { findings: FindingsRow | undefined }>>;
  };
  /** Messenger accounts and bound chats; changed by administrators only (chat commands or CLI). */
  accounts: {
    /** People whose local id, certificate number or name is `key`, in one agency or in all. */
    findPeople(key: string, agencyId?: number): Promise<Person[]>;
    /** The person an account is linked to. */
    ownerOf(platform: Platform, accountId: string): Promise<number | undefined>;
    /** Links the account, replacing the person's earlier account on that platform; returns the replaced ids. */
    link(personId: number, platform: Platform, accountId: string, linkedBy: string): Promise<string[]>;
    /** Removes the person's accounts on that platform; returns the removed ids. */
    unlink(personId: number, platform: Platform): Promise<string[]>;
    /** The agency's people with their account on that platform (null when none), by id. */
    roster(agencyId: number, platform: Platform): Promise<Array<Person & { accountId: string | null }>>;
    /** Binds a chat to an agency; false when the chat was bound already (to any agency). */
    bindChat(agencyId: number, platform: Platform, chatId: string, boundBy: string): Promise<boolean>;
    chatsOf(agencyId: number, platform: Platform): Promise<string[]>;
  };
  audit: { append(entry: AuditInput): Promise<void> };
  holidays: {
    overrides(): Promise<CalendarOverride[]>;
    /** Stores a year's schedule (days plus the year marked complete); returns the number of days. */
    importYear(year: number, overrides: readonly CalendarOverride[], loadedBy: string): Promise<number>;
  };
  outbox: { enqueue(items: OutboxInput[]): Promise<void> };
  reminders: ReminderRepo;
}

/** A task for the reminders, with the platform of its draw (where its cards were sent). */
export interface ReminderTaskRow extends ReminderTask {
  platform: Platform;
  resultDate: IsoDate | null;
}

export type RecheckResult = 'rectified' | 'not_rectified';

/** Daily reminders, 复查 results and provisional deadlines (src/db/repos/reminder-repo.ts). */
export interface ReminderRepo {
  /** Tasks that may have something due: assigned or inspected, and published ones still awaiting a 复查. Filter by agency or by an officer of the task. */
  openTasks(filter: { agencyId?: number; personId?: number }): Promise<ReminderTaskRow[]>;
  /** People with one of the roles, in one agency or in all. */
  staff(roles: Role[], agencyId?: number): Promise<Person[]>;
  /** Every messenger account of each person. */
  accounts(personIds: number[]): Promise<Map<number, Array<{ platform: Platform; accountId: string }>>>;
  /** Inserts reminder keys (ON CONFLICT DO NOTHING); returns the id of each key that was new. */
  claim(rows: Array<{ key: string; day: IsoDate; recipient: string }>): Promise<Map<string, number>>;
  /** Records the 复查 result once; false when it was already recorded or there is no 限期整改. */
  recordRecheck(taskId: number, result: RecheckResult, at: Date): Promise<boolean>;
  /** Inspected tasks whose publication deadline is provisional, with what recomputes it. */
  provisionalPublications(): Promise<Array<{ taskId: number; agencyId: number; resultDate: IsoDate; publicationDue: IsoDate }>>;
  /** Replaces a provisional publication deadline (only while the task is still inspected and provisional). */
  updatePublicationDue(taskId: number, due: IsoDate, provisional: boolean, at: Date): Promise<boolean>;
}

export interface Store {
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
}
