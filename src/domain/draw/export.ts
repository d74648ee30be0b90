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

/** One replacement as recorded: the request, the reason (e.g. 回避：…) and who was drawn. */
export interface ReplacementRecord extends ReplacementRequest {
  /** Why the officers left (Chinese, free text; not part of the computation). */
  reason: string;
  /** 执法证号 drawn. */
  officer: string;
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
    replacements: replacements.map((r) => ({ ...r })),
    finalTasks,
    excludedEnterprises: prepared.excludedEnterprises,
    excludedOfficers: prepared.excludedOfficers,
  };
}
