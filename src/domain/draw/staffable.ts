/**
 * Before the seed: which enterprises of the lot could never get a lawful group. Counted in
 * O(lot + conflicts + last inspectors) — the answer for an enterprise without bars depends only
 * on its industry and is computed once per industry. Such enterprises leave the lot with the
 * reason code `unstaffable`, so a drawn target can always be staffed (see checkTarget for the
 * rules and their legal sources).
 */
import type { RosterIndex } from './eligibility';
import { checkTarget } from './feasibility';
import type { PoolEnterprise } from './types';

/** Positions in the lot of enterprises that cannot be staffed, with the reason in Chinese. */
export function findUnstaffable(ix: RosterIndex, pool: readonly PoolEnterprise[]): Array<{ index: number; detail: string }> {
  const plainOk = new Map<string, boolean>();
  const out: Array<{ index: number; detail: string }> = [];
  for (let i = 0; i < pool.length; i++) {
    const e = pool[i] as PoolEnterprise;
    const plain = (e.lastInspectors.length === 0 || !ix.policy.excludeLastInspector) && !ix.conflictsByUscc.has(e.uscc);
    if (plain && plainOk.get(e.industry) === true) continue;
    const problem = checkTarget(ix, e);
    if (plain) plainOk.set(e.industry, problem === null);
    if (problem !== null) out.push({ index: i, detail: problem.reason });
  }
  return out;
}
