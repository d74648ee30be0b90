/**
 * The draw record: one JSON document with everything needed to re-run and check a draw.
 */
import { bytesToHex } from './commitment';
import type { ExcludedEnterprise, ExcludedOfficer } from './exclusions';
import type { ExecutedDraw } from './execute';
import { lotRecords } from './lot';
import type { PreparedDraw } from './prepare';
import { applyReplacement, type ReplacementRequest } from './replacement';
import type { StratumPlan } from './strata';
import type { ALGORITHM_VERSION, CanonicalParams, DrawTask, PoolEnterprise, PoolOfficer } from './types';

export const EXPORT_FORMAT = 'drbot-draw-export/1' as const;

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
  format: typeof EXPORT_FORMAT;
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
  /** Informational: the results published so far (一公开), by task. Absent in older records. */
  publications?: PublicationEntry[];
}

/** Builds the export of an executed draw and the replacements made since. */
export function buildDrawExport(
  prepared: PreparedDraw,
  secret: Uint8Array,
  executed: Pick<ExecutedDraw, 'seed' | 'tasks' | 'strata'>,
  replacements: readonly ReplacementRecord[] = [],
): DrawExport {
  let finalTasks: DrawTask[] = executed.tasks;
  for (const r of replacements) finalTasks = applyReplacement(finalTasks, r.taskIndex, r.excludedOfficers, r.officer);
  return {
    format: EXPORT_FORMAT,
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
  };
}
