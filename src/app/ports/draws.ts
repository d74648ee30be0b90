import type { CanonicalParams, ExecutedDraw, PlainSpec, PreparedDraw, PreparedHead, ReplacementRecord } from '../../domain/draw';
import type { IsoDate } from '../../domain/model';
import type { AuditHead } from './audit';
import type { Platform } from './messenger';

export interface DrawRow {
  id: number;
  agencyId: number;
  year: number;
  drawNo: string;
  /** The plan the draw belongs to (null only for draws made before plans existed). */
  planId: number | null;
  /** Its batch in the plan (`PlanBatch.no`); null when the plan has no batches. */
  planBatch: number | null;
  status: 'prepared' | 'executed' | 'abandoned' | 'cancelled';
  params: CanonicalParams;
  enterprisePoolHash: string;
  officerPoolHash: string;
  commitment: string;
  /** Hex; null until revealed (see {@link DrawRow.secretNonce}). */
  secret: string | null;
  /** Hex nonce the secret is derived from with the draw key kept outside the database; null for draws that stored their secret. */
  secretNonce: string | null;
  /** The public randomness beacon round the draw is bound to (null: none, an offline installation). */
  beacon: DrawBeacon | null;
  seed: string | null;
  summary: DrawSummary;
  /** Null until the draw is executed. */
  result: DrawResult | null;
  platform: Platform;
  chatId: string;
  preparedBy: number;
  createdAt: Date;
  executedAt: Date | null;
  executedBy: number | null;
  endedAt: Date | null;
  endedReason: string | null;
  /** Who abandoned or asked to cancel it. */
  endedBy: number | null;
  /** The second leader or administrator who agreed to the cancellation. */
  cancelConfirmedBy: number | null;
  /** The ended draw of the same scope that this one re-draws. */
  supersedesId: number | null;
}

/**
 * A drand round a draw commits to at preparation (a round published after it) and, once
 * executed, the round's BLS signature and randomness (SHA-256 of the signature).
 */
export interface DrawBeacon {
  chainHash: string;
  round: number;
  /** When the round is published (ISO); the draw cannot be executed before. */
  publishAt: string;
  signature?: string;
  randomness?: string;
}

/**
 * What an executed draw keeps (written by executeDraw): its seed, tasks and strata, from which its
 * record is rebuilt, and the audit chain's head at its execution (absent on older draws).
 */
export type DrawResult = Pick<ExecutedDraw, 'seed' | 'tasks' | 'strata'> & { auditHead?: AuditHead };

/** What the announcement card shows; stored with the draw. */
export interface DrawSummary {
  /** The plan and batch (`偃应急〔2026〕18号 第一批`); absent on draws made before plans. */
  planText?: string;
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

/** The draws (摇号): their frozen lots, state transitions and replacement records. */
export interface DrawRepo {
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
  /** Stores a prepared draw (its number's `seq` of the year given apart, not parsed from the number) and returns it as stored. */
  insert(
    row: Omit<
      DrawRow,
      | 'id'
      | 'createdAt'
      | 'executedAt'
      | 'executedBy'
      | 'endedAt'
      | 'endedReason'
      | 'endedBy'
      | 'cancelConfirmedBy'
      | 'seed'
      | 'result'
      | 'secret'
      | 'planId'
      | 'planBatch'
    > & {
      seq: number;
      frozen: PreparedHead;
      lotId: number;
      /** When it was prepared, by the application's clock (default: the database's). */
      createdAt?: Date;
      planId?: number | null;
      planBatch?: number | null;
    },
  ): Promise<DrawRow>;
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
    fields: {
      seed?: string;
      result?: DrawResult;
      executedBy?: number;
      endedReason?: string;
      endedBy?: number;
      cancelConfirmedBy?: number;
      /** The secret as revealed (hex), at execution or abandonment. */
      secret?: string;
      beacon?: DrawBeacon;
      at: Date;
    },
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
}
