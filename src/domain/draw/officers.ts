/**
 * Officer groups (随机选派执法检查人员) for drawn targets, with an even load.
 */
import { createStream, uniformInt, type WordSource } from '../random';
import { expertMask, indexRoster, inUnit, isExpert, type Blocked, type RosterIndex } from './eligibility';
import { checkStaffing } from './feasibility';
import { greedyFailed } from './messages';
import { checkGroupSize } from './policy';
import { fail } from './failure';
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

/** The constraint the next slot must meet: the industry expertise first, then the unit (null mask: none). */
export function slotNeed(ix: RosterIndex, target: PoolEnterprise, group: readonly number[]): { mask: Uint8Array | null; need: string } {
  if (ix.policy.requireExpertise && !group.some((i) => isExpert(ix, i, target.industry))) {
    return { mask: expertMask(ix, target.industry).mask, need: `具备「${target.industry}」专长` };
  }
  if (ix.policy.requireUnit !== null && !group.some((i) => inUnit(ix, i))) {
    return { mask: ix.unitMask, need: `来自「${ix.policy.requireUnit}」` };
  }
  return { mask: null, need: '' };
}

/**
 * pickLeastLoaded for one slot, written out over typed arrays: the candidates are the valid
 * officers meeting the slot's mask, under the cap, and not `barred` (the target's conflicts and
 * last inspectors, and the group so far). Same candidates, same order, same words as
 * pickLeastLoaded with the equivalent `accept`; a draw of a thousand groups from five thousand
 * officers scans five thousand officers two thousand times, where closures are felt
 * (docs/benchmarks.md).
 */
function pickForSlot(
  ix: RosterIndex,
  mask: Uint8Array | null,
  barred: readonly number[],
  loads: Int32Array,
  source: WordSource,
  scratch: Int32Array,
): number | null {
  const { valid } = ix;
  const cap = ix.policy.maxTasksPerOfficer;
  const n = ix.officers.length;
  let min = Infinity;
  let tied = 0;
  for (let i = 0; i < n; i++) {
    if (valid[i] !== 1 || (mask !== null && mask[i] !== 1)) continue;
    const l = loads[i] as number;
    if (l > min || (cap !== 0 && l >= cap) || (barred.length !== 0 && barred.includes(i))) continue;
    if (l < min) {
      min = l;
      tied = 0;
    }
    scratch[tied++] = i;
  }
  return tied === 0 ? null : (scratch[uniformInt(source, tied)] as number);
}

function fillGroup(ix: RosterIndex, target: PoolEnterprise, b: Blocked, loads: Int32Array, source: WordSource, scratch: Int32Array): number[] | string {
  const cap = ix.policy.maxTasksPerOfficer;
  const group: number[] = [];
  const barred = [...b.conflict, ...b.last];
  for (let slot = 0; slot < ix.policy.groupSize; slot++) {
    const { mask, need } = slotNeed(ix, target, group);
    const pick = pickForSlot(ix, mask, barred, loads, source, scratch);
    if (pick === null) {
      const who = need === '' ? '可选人员' : `${need}的可选人员`;
      return `第 ${slot + 1} 名成员无人可选：${who}都已在本组或已达每人 ${cap} 项任务上限`;
    }
    group.push(pick);
    barred.push(pick);
    loads[pick] = (loads[pick] as number) + 1;
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
  if (sizeProblem) return sizeProblem;
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
    if (typeof group === 'string') return fail('allocation-failed', greedyFailed(target, input.policy.groupSize, group));
    tasks.push({ uscc: target.uscc, officers: group.map((i) => (input.officers[i] as PoolOfficer).certificateNo) });
  }
  return { ok: true, tasks };
}
