/**
 * The draw record: one JSON document with everything needed to re-run and check a draw.
 */
import { bytesToHex } from './commitment';
import type { ExcludedEnterprise, ExcludedOfficer } from './exclusions';
import type { CommittedDraw, ExecutedDraw } from './execute';
import { lotRecords } from './lot';
import type { PreparedDraw } from './prepare';
import { applyReplacement, type ReplacementRequest } from './replacement';
import type { StratumPlan } from './strata';
import type { ALGORITHM_VERSION, CanonicalParams, DrawTask, PoolEnterprise, PoolOfficer } from './types';

/** The first record format: an executed draw, no timestamps, seed version 1. Still verified. */
export const EXPORT_FORMAT_V1 = 'drbot-draw-export/1' as const;
/**
 * Version 2 adds the draw's status and timeline (prepared, executed, ended: when, by whom,
 * why), the seed version with the exclusion lists' hashes, the public randomness beacon round,
 * and records of abandoned and cancelled draws (an abandoned draw's would-be result included).
 */
export const EXPORT_FORMAT = 'drbot-draw-export/2' as const;

/** A drand round as recorded: verified by `draw verify` against the pinned chain. */
export interface RecordedBeaconRound {
  chainHash: string;
  round: number;
  signature: string;
  randomness: string;
}

/** When things happened to the draw and who did them (names; ISO instants). */
export interface DrawTimeline {
  preparedAt: string;
  preparedBy: string;
  executedAt?: string;
  executedBy?: string;
  endedAt?: string;
  /** Who abandoned it, or asked for the cancellation. */
  endedBy?: string;
  /** Who agreed to the cancellation. */
  confirmedBy?: string;
  endedReason?: string;
}

/** One replacement as recorded: the request, why (e.g. 回避) and who was drawn. */
export interface ReplacementRecord extends ReplacementRequest {
  /**
   * Why the officers left: the kind of departure (回避, 请假…). Not part of the computation. The
   * grounds of a 回避 are private (the officer and the leaders only) and never recorded here;
   * records made before that may carry “回避：<理由>”, which {@link publicReplacement} cuts off.
   */
  reason: string;
  /** 执法证号 drawn. */
  officer: string;
  /** 执法证号 of the officer whose departure this replacement answers (one of `excludedOfficers`). */
  replacedOfficer?: string;
  /** YYYY-MM-DD: the day the departure was decided (for a 回避: by the agency head). */
  decidedOn?: string;
}

/**
 * A replacement as the public record shows it: the reason cut to its kind (“回避：本人近亲属…” →
 * “回避”), so that records stored before reasons became private publish no reason either.
 * Verification does not read `reason`, so such records still verify.
 */
export function publicReplacement(r: ReplacementRecord): ReplacementRecord {
  const kind = r.reason.split(/[：:（(]/, 1)[0]!.trim();
  return { ...r, reason: kind || '补抽' };
}

/** A published result, as the draw's record lists it (informational, not re-computable). */
export interface PublicationEntry {
  /** Position of the task in `tasks`. */
  taskIndex: number;
  /** YYYY-MM-DD, Asia/Shanghai. */
  publishedOn: string;
  /** The 国家企业信用信息公示系统 record number. */
  recordNumber: string;
  /** The deadline (5 working days from the result), YYYY-MM-DD. */
  due: string | null;
  late: boolean;
  /** Working days after the deadline (0 when on time). */
  lateWorkdays: number;
}

/** The published record of a draw (see docs/draw-algorithm.md §9). */
export interface DrawExport {
  format: typeof EXPORT_FORMAT | typeof EXPORT_FORMAT_V1;
  /** v2: executed, abandoned (tasks are what it would have drawn) or cancelled (its result stays). */
  status?: 'executed' | 'abandoned' | 'cancelled';
  timeline?: DrawTimeline;
  /** v2: 2 (see deriveSeedV2) with the hashes of the exclusion lists. */
  seedVersion?: 2;
  excludedEnterprisesHash?: string;
  excludedOfficersHash?: string;
  /** v2, seed version 2: the beacon round mixed into the seed, or null for none (offline). */
  beacon?: RecordedBeaconRound | null;
  /** The number of the abandoned or cancelled draw of the same scope this one draws again. */
  supersedes?: string | null;
  algorithmVersion: typeof ALGORITHM_VERSION;
  drawNo: string;
  params: CanonicalParams;
  paramsCanonical: string;
  enterprisePool: PoolEnterprise[];
  officerPool: PoolOfficer[];
  enterprisePoolHash: string;
  officerPoolHash: string;
  commitment: string;
  /** hex of the 32-byte secret (revealed). */
  secret: string;
  seed: string;
  strata: StratumPlan[];
  /** The draw's result, in draw order. */
  tasks: DrawTask[];
  /** In the order they were drawn; each applies to the tasks as left by the ones before. */
  replacements: ReplacementRecord[];
  /** `tasks` after all replacements. */
  finalTasks: DrawTask[];
  /** Informational: who was left out and why (not re-computable from this document). */
  excludedEnterprises: ExcludedEnterprise[];
  excludedOfficers: ExcludedOfficer[];
  /**
   * The audit chain's head when the draw was executed, before its own entry (absent from draws
   * executed before it was recorded): compare it with the published daily heads
   * (`audit verify --anchors`); a chain rewritten before it no longer has it as a prefix.
   */
  auditHead?: { entryCount: number; hash: string };
  /** Informational: the results published so far (一公开), by task. Absent in older records. */
  publications?: PublicationEntry[];
  /** Informational: the annual plan (年度抽查计划) the draw carries out, and its batch. Absent for draws made before plans. */
  plan?: DrawPlanRef;
}

/** A draw's plan as its record names it: the 文号 (null for a default plan made on demand), title, year and batch. */
export interface DrawPlanRef {
  docNo: string | null;
  title: string;
  year: number;
  /** `PlanBatch.no`; null when the plan has no batches. */
  batch: number | null;
}

/** What a version-2 record adds to the computation: its status, timeline, beacon and links. */
export interface DrawRecordContext {
  status: NonNullable<DrawExport['status']>;
  timeline: DrawTimeline;
  beacon: RecordedBeaconRound | null;
  supersedes: string | null;
}

/** Without a record context, a draw must not have mixed in a beacon round (its signature would be missing). */
function noBeacon(prepared: Pick<CommittedDraw, 'beacon'>): null {
  if (prepared.beacon) throw new Error('the record of a draw with a beacon round needs the round as recorded (its signature)');
  return null;
}

/**
 * Builds the record of a draw and the replacements made since: version 2 with `context` (every
 * draw prepared since seed version 2, and any draw whose timeline is known), else version 1.
 */
export function buildDrawExport(
  prepared: PreparedDraw & Pick<CommittedDraw, 'beacon'>,
  secret: Uint8Array,
  executed: Pick<ExecutedDraw, 'seed' | 'tasks' | 'strata'> & { auditHead?: { entryCount: number; hash: string } },
  replacements: readonly ReplacementRecord[] = [],
  context?: DrawRecordContext,
): DrawExport {
  let finalTasks: DrawTask[] = executed.tasks;
  for (const r of replacements) finalTasks = applyReplacement(finalTasks, r.taskIndex, r.excludedOfficers, r.officer);
  const seedV2 =
    prepared.seedVersion === 2
      ? {
          seedVersion: 2 as const,
          excludedEnterprisesHash: prepared.excludedEnterprisesHash,
          excludedOfficersHash: prepared.excludedOfficersHash,
          beacon: context ? context.beacon : noBeacon(prepared),
        }
      : undefined;
  const lifecycle = context ? { status: context.status, timeline: context.timeline, supersedes: context.supersedes } : undefined;
  const v2 = seedV2 || lifecycle ? { ...lifecycle, ...seedV2 } : undefined;
  return {
    format: v2 ? EXPORT_FORMAT : EXPORT_FORMAT_V1,
    ...v2,
    algorithmVersion: prepared.algorithmVersion,
    drawNo: prepared.drawNo,
    params: prepared.params,
    paramsCanonical: prepared.paramsCanonical,
    enterprisePool: lotRecords(prepared.enterprisePool),
    officerPool: [...prepared.officerPool],
    enterprisePoolHash: prepared.enterprisePoolHash,
    officerPoolHash: prepared.officerPoolHash,
    commitment: prepared.commitment,
    secret: bytesToHex(secret),
    seed: executed.seed,
    strata: executed.strata,
    tasks: executed.tasks,
    replacements: replacements.map(publicReplacement),
    finalTasks,
    excludedEnterprises: prepared.excludedEnterprises,
    excludedOfficers: prepared.excludedOfficers,
    ...(executed.auditHead ? { auditHead: { entryCount: executed.auditHead.entryCount, hash: executed.auditHead.hash } } : {}),
  };
}
