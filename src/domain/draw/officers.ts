/**
 * Officer groups (随机选派执法检查人员) for drawn targets, with an even load.
 */
import { createStream, uniformInt, type WordSource } from '../random';
import { hasExpertise, indexRoster, inRequiredUnit, type RosterIndex } from './eligibility';
import { checkStaffing } from './feasibility';
import { greedyFailed } from './messages';
import { checkGroupSize } from './policy';
import type { DrawPolicy, DrawTask, DrawWindow, Failure, PoolEnterprise, PoolOfficer } from './types';

/** Label of the officer stream. */
export const OFFICER_STREAM_LABEL = 'officers';

export interface DrawOfficersInput {
  targets: readonly PoolEnterprise[];
  officers: readonly PoolOfficer[];
  policy: DrawPolicy;
  window: DrawWindow;
  seed: Uint8Array;
}

/** Which constraint the next slot must meet: the industry expertise first, then the unit. */
export function slotFilter(
  ix: RosterIndex,
  target: PoolEnterprise,
  group: readonly number[],
): { fits: (i: number) => boolean; need: string } {
  const expertNeeded = ix.policy.requireExpertise && !group.some((i) => hasExpertise(ix, i, target.industry));
  if (expertNeeded) return { fits: (i) => hasExpertise(ix, i, target.industry), need: `具备「${target.industry}」专长` };
  const unitNeeded = ix.policy.requireUnit !== null && !group.some((i) => inRequiredUnit(ix, i));
  if (unitNeeded) return { fits: (i) => inRequiredUnit(ix, i), need: `来自「${ix.policy.requireUnit}」` };
  return { fits: () => true, need: '' };
}

/**
 * Uniform pick among the least-loaded candidates (candidates in canonical order; the tie list
 * keeps that order, and `uniformInt(tied.length)` indexes it). Null when there is none.
 */
export function pickLeastLoaded(candidates: readonly number[], load: (i: number) => number, source: WordSource): number | null {
  let min = Infinity;
  let tied: number[] = [];
  for (const i of candidates) {
    const l = load(i);
    if (l < min) {
      min = l;
      tied = [i];
    } else if (l === min) tied.push(i);
  }
  if (tied.length === 0) return null;
  return tied[uniformInt(source, tied.length)] as number;
}

function fillGroup(
  ix: RosterIndex,
  target: PoolEnterprise,
  eligible: readonly number[],
  loads: Int32Array,
  source: WordSource,
): number[] | string {
  const cap = ix.policy.maxTasksPerOfficer;
  const group: number[] = [];
  for (let slot = 0; slot < ix.policy.groupSize; slot++) {
    const { fits, need } = slotFilter(ix, target, group);
    const open = (i: number): boolean => !group.includes(i) && (cap === 0 || (loads[i] as number) < cap) && fits(i);
    const pick = pickLeastLoaded(eligible.filter(open), (i) => loads[i] as number, source);
    if (pick === null) {
      const who = need === '' ? '可选人员' : `${need}的可选人员`;
      return `第 ${slot + 1} 名成员无人可选：${who}都已在本组或已达每人 ${cap} 项任务上限`;
    }
    group.push(pick);
    loads[pick] = (loads[pick] as number) + 1;
  }
  return group;
}

/**
 * Draws a group of `policy.groupSize` (≥ 2, 行政处罚法 第四十二条) officers for each target, in
 * draw order, from the stream `officers`. For each slot: the candidates are the target's eligible
 * officers not yet in the group and under the per-officer cap; a slot that must meet a pending
 * constraint (expertise first, then unit) only takes officers meeting it; among the candidates
 * with the lowest current task count one is picked uniformly. Within one draw task counts then
 * differ by at most one wherever eligibility allows.
 *
 * A feasibility check runs first ({@link checkStaffing}): when it fails nobody is drawn. Without
 * a per-officer cap that check is exact. With `maxTasksPerOfficer` the greedy least-loaded pass
 * can, in pathological cases, fail although some allocation exists; it then returns
 * “按‘任务最少者优先’的分配方法，无法为企业…组成 N 人执法小组（…）。可能仍存在其他合法的分配方案…”.
 */
export function drawOfficers(input: DrawOfficersInput): { ok: true; tasks: DrawTask[] } | Failure {
  const sizeProblem = checkGroupSize(input.policy.groupSize);
  if (sizeProblem) return { ok: false, reason: sizeProblem };
  const ix = indexRoster(input.officers, input.policy, input.window);
  const staffing = checkStaffing(ix, input.targets);
  if (!staffing.ok) return staffing;
  const source = createStream(input.seed, OFFICER_STREAM_LABEL);
  const loads = new Int32Array(input.officers.length);
  const tasks: DrawTask[] = [];
  for (let t = 0; t < input.targets.length; t++) {
    const target = input.targets[t] as PoolEnterprise;
    const group = fillGroup(ix, target, staffing.eligible[t] as number[], loads, source);
    if (typeof group === 'string') return { ok: false, reason: greedyFailed(target, input.policy.groupSize, group) };
    tasks.push({ uscc: target.uscc, officers: group.map((i) => (input.officers[i] as PoolOfficer).certificateNo) });
  }
  return { ok: true, tasks };
}
