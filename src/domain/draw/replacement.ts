/**
 * Replacement draw after a recusal (回避) or absence: one officer for one task, recorded like
 * every draw. Stream `replacement:<taskIndex>:<replacementNo>` of the draw's seed.
 */
import { createStream } from '../random';
import { blockedFor, indexRoster, inUnit, isEligible, isExpert, targetCounts, type RosterIndex } from './eligibility';
import { checkSecret, seedOf, type CommittedDraw, type DrawCore } from './execute';
import { findTarget } from './lot';
import { enterpriseLabel } from './messages';
import { pickLeastLoaded } from './officers';
import { fail } from './failure';
import type { DrawTask, Failure, PoolEnterprise, PoolOfficer } from './types';

export interface ReplacementRequest {
  /** Position of the task in the draw's task list. */
  taskIndex: number;
  /** Positive integer; (taskIndex, replacementNo) must be unique within the draw. */
  replacementNo: number;
  /** Everyone who has left this task (by recusal, leave, …), cumulative. Never drawn again for it. */
  excludedOfficers: string[];
  /** Extra load per 执法证号 (e.g. open tasks of other draws), used only to order by load. */
  busyLoad?: Record<string, number>;
}

/** Stream label of a replacement. */
export function replacementStreamLabel(taskIndex: number, replacementNo: number): string {
  return `replacement:${taskIndex}:${replacementNo}`;
}

function validRequest(r: ReplacementRequest, tasks: readonly DrawTask[]): string | null {
  if (!Number.isInteger(r.taskIndex) || r.taskIndex < 0 || r.taskIndex >= tasks.length) return '替补的任务序号无效';
  if (!Number.isInteger(r.replacementNo) || r.replacementNo < 1) return '替补序号必须为正整数';
  if (!Array.isArray(r.excludedOfficers) || !r.excludedOfficers.every((c) => typeof c === 'string')) return '离开人员名单格式错误';
  const busy = Object.values(r.busyLoad ?? {});
  if (!busy.every((v) => Number.isInteger(v) && v >= 0)) return '在办任务数（busyLoad）必须为非负整数';
  return null;
}

/** Tasks per officer across the draw (current groups, minus those who left this task). */
function loadsOf(ix: RosterIndex, tasks: readonly DrawTask[], r: ReplacementRequest, left: ReadonlySet<string>): Int32Array {
  const loads = new Int32Array(ix.officers.length);
  tasks.forEach((t, k) => {
    for (const cert of t.officers) {
      const i = ix.byCertificate.get(cert);
      if (i !== undefined && !(k === r.taskIndex && left.has(cert))) loads[i] = (loads[i] as number) + 1;
    }
  });
  return loads;
}

/** The slot's constraints: whatever the remaining group no longer covers (expertise, unit). */
function fits(ix: RosterIndex, target: PoolEnterprise, group: readonly number[]): (i: number) => boolean {
  const expert = ix.policy.requireExpertise && !group.some((i) => isExpert(ix, i, target.industry));
  const unit = ix.policy.requireUnit !== null && !group.some((i) => inUnit(ix, i));
  return (i) => (!expert || isExpert(ix, i, target.industry)) && (!unit || inUnit(ix, i));
}

/**
 * Draws one replacement from a known seed (also used by the verifier). Candidates: officers
 * eligible for the task by the same rules as the draw (certificate, on duty, 回避 per
 * 行政处罚法 第四十三条 / 河南省行政执法条例 第二十三条, not last time's inspectors), not in the
 * remaining group, not among those who left, under the per-officer cap, and covering the
 * expertise/unit the remaining group lacks. Among them the least loaded (draw load + busyLoad),
 * ties broken uniformly in canonical order.
 */
export function replacementFromSeed(
  core: DrawCore,
  tasks: readonly DrawTask[],
  r: ReplacementRequest,
  seed: Uint8Array,
): { ok: true; officer: string } | Failure {
  const invalid = validRequest(r, tasks);
  if (invalid) return fail('invalid-replacement', invalid);
  const task = tasks[r.taskIndex] as DrawTask;
  const target = findTarget(core.enterprisePool, task.uscc);
  if (target === null) return fail('invalid-replacement', `任务中的企业 ${task.uscc} 不在本次抽取的检查对象名录中`);
  const ix = indexRoster(core.officerPool, core.params.policy, core.params.window);
  const left = new Set(r.excludedOfficers);
  const group = task.officers.filter((c) => !left.has(c)).map((c) => ix.byCertificate.get(c) ?? -1);
  if (group.includes(-1)) return fail('invalid-replacement', '任务中的执法人员不在本次抽取的执法人员名录中');
  const { groupSize, maxTasksPerOfficer: cap } = ix.policy;
  if (group.length >= groupSize) return fail('replacement-not-needed', `${enterpriseLabel(target)}的执法小组仍有 ${group.length} 人，无需替补`);
  const loads = loadsOf(ix, tasks, r, left);
  const needs = fits(ix, target, group);
  const b = blockedFor(ix, target);
  const cert = (i: number): string => (ix.officers[i] as PoolOfficer).certificateNo;
  const accept = (i: number): boolean =>
    isEligible(ix, b, i) && !group.includes(i) && !left.has(cert(i)) && (cap === 0 || (loads[i] as number) < cap) && needs(i);
  const busy = r.busyLoad ?? {};
  const load = (i: number): number => (loads[i] as number) + (Object.hasOwn(busy, cert(i)) ? (busy[cert(i)] as number) : 0);
  const stream = createStream(seed, replacementStreamLabel(r.taskIndex, r.replacementNo));
  const pick = pickLeastLoaded(ix.officers.length, accept, load, stream);
  if (pick === null) return fail('no-replacement', noReplacement(ix, target, group, left, cap));
  return { ok: true, officer: (ix.officers[pick] as PoolOfficer).certificateNo };
}

function noReplacement(ix: RosterIndex, target: PoolEnterprise, group: readonly number[], left: ReadonlySet<string>, cap: number): string {
  const eligible = targetCounts(ix, target).eligible;
  const parts = [`可选执法人员共 ${eligible} 人`, `本组现有 ${group.length} 人`, `已离开本任务 ${left.size} 人`];
  if (cap > 0) parts.push(`每人最多 ${cap} 项任务`);
  if (ix.policy.requireExpertise) parts.push(`需具备「${target.industry}」专长`);
  if (ix.policy.requireUnit !== null) parts.push(`需有来自「${ix.policy.requireUnit}」的成员`);
  return `${enterpriseLabel(target)}没有可替补的执法人员（${parts.join('，')}）`;
}

/**
 * Draws a replacement for a committed draw: checks the secret against the commitment, then
 * {@link replacementFromSeed}. Pass `tasks` as they are now (after earlier replacements,
 * see {@link applyReplacement}).
 */
export function drawReplacement(
  prepared: CommittedDraw,
  tasks: readonly DrawTask[],
  request: ReplacementRequest,
  secret: Uint8Array,
): { ok: true; officer: string } | Failure {
  const bad = checkSecret(prepared, secret);
  if (bad) return bad;
  return replacementFromSeed(prepared, tasks, request, seedOf(prepared, secret));
}

/** Tasks after a replacement: the task keeps its members who did not leave, then the new officer. */
export function applyReplacement(tasks: readonly DrawTask[], taskIndex: number, excludedOfficers: readonly string[], officer: string): DrawTask[] {
  const left = new Set(excludedOfficers);
  return tasks.map((t, k) => (k === taskIndex ? { uscc: t.uscc, officers: [...t.officers.filter((c) => !left.has(c)), officer] } : t));
}
