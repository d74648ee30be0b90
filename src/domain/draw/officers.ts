/**
 * Officer groups (随机选派执法检查人员) for drawn targets, with an even load.
 */
import { createStream, uniformInt, type WordSource } from '../random';
import { expertMask, indexRoster, inUnit, isEligible, isExpert, type Blocked, type RosterIndex } from './eligibility';
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

/**
 * Uniform pick among the candidates (i in 0…n−1 with `accept(i)`) of lowest `load(i)`: the
 * tied candidates are taken in canonical (index) order and `uniformInt(tied)` chooses among
 * them. One pass; `scratch` (length ≥ n) may be passed to avoid an allocation. Null when there
 * is no candidate (no word is consumed).
 */
export function pickLeastLoaded(
  n: number,
  accept: (i: number) => boolean,
  load: (i: number) => number,
  source: WordSource,
  scratch: Int32Array = new Int32Array(n),
): number | null {
  let min = Infinity;
  let tied = 0;
  for (let i = 0; i < n; i++) {
    if (!accept(i)) continue;
    const l = load(i);
    if (l < min) {
      min = l;
      tied = 0;
    }
    if (l === min) scratch[tied++] = i;
  }
  return tied === 0 ? null : (scratch[uniformInt(source, tied)] as number);
}

/** The constraint the next slot must meet: the industry expertise first, then the unit. */
export function slotNeed(ix: RosterIndex, target: PoolEnterprise, group: readonly number[]): { fits: (i: number) => boolean; need: string } {
  if (ix.policy.requireExpertise && !group.some((i) => isExpert(ix, i, target.industry))) {
    const mask = expertMask(ix, target.industry).mask;
    return { fits: (i) => mask[i] === 1, need: `具备「${target.industry}」专长` };
  }
  if (ix.policy.requireUnit !== null && !group.some((i) => inUnit(ix, i))) {
    return { fits: (i) => ix.unitMask[i] === 1, need: `来自「${ix.policy.requireUnit}」` };
  }
  return { fits: () => true, need: '' };
}

function fillGroup(
  ix: RosterIndex,
  target: PoolEnterprise,
  b: Blocked,
  loads: Int32Array,
  source: WordSource,
  scratch: Int32Array,
): number[] | string {
  const cap = ix.policy.maxTasksPerOfficer;
  const group: number[] = [];
  const load = (i: number): number => loads[i] as number;
  for (let slot = 0; slot < ix.policy.groupSize; slot++) {
    const { fits, need } = slotNeed(ix, target, group);
    const accept = (i: number): boolean =>
      isEligible(ix, b, i) && (cap === 0 || load(i) < cap) && !group.includes(i) && fits(i);
    const pick = pickLeastLoaded(ix.officers.length, accept, load, source, scratch);
    if (pick === null) {
      const who = need === '' ? '可选人员' : `${need}的可选人员`;
      return `第 ${slot + 1} 名成员无人可选：${who}都已在本组或已达每人 ${cap} 项任务上限`;
    }
    group.push(pick);
    loads[pick] = load(pick) + 1;
  }
  return group;
}

/**
 * Draws a group of `policy.groupSize` (≥ 2, 行政处罚法 第四十二条；河南省行政执法条例 第二十四条)
 * officers for each target, in draw order, from the stream `officers`. Slot by slot, the
 * candidates are the target's eligible officers not yet in the group and under the per-officer
 * cap; a slot with a pending constraint (expertise first, then unit) only takes officers
 * meeting it; among the candidates with the lowest task count so far one is picked uniformly
 * ({@link pickLeastLoaded}). Task counts then differ by at most one wherever eligibility allows.
 *
 * A feasibility check runs first (checkStaffing); when it fails nobody is drawn. Without a
 * per-officer cap that check is exact. With `maxTasksPerOfficer` the greedy least-loaded pass
 * can, in pathological cases, fail although some allocation exists; it then answers
 * “按‘任务最少者优先’的分配方法，无法为企业「…」组成 N 人执法小组（…）。可能仍存在其他合法的分配方案…”
 * and, again, nobody is drawn.
 */
export function drawOfficers(input: DrawOfficersInput): { ok: true; tasks: DrawTask[] } | Failure {
  const sizeProblem = checkGroupSize(input.policy.groupSize);
  if (sizeProblem) return { ok: false, reason: sizeProblem };
  const ix = indexRoster(input.officers, input.policy, input.window);
  const staffing = checkStaffing(ix, input.targets);
  if (!staffing.ok) return staffing;
  const source = createStream(input.seed, OFFICER_STREAM_LABEL);
  const loads = new Int32Array(input.officers.length);
  const scratch = new Int32Array(input.officers.length);
  const tasks: DrawTask[] = [];
  for (let t = 0; t < input.targets.length; t++) {
    const target = input.targets[t] as PoolEnterprise;
    const group = fillGroup(ix, target, staffing.blocked[t] as Blocked, loads, source, scratch);
    if (typeof group === 'string') return { ok: false, reason: greedyFailed(target, input.policy.groupSize, group) };
    tasks.push({ uscc: target.uscc, officers: group.map((i) => (input.officers[i] as PoolOfficer).certificateNo) });
  }
  return { ok: true, tasks };
}
