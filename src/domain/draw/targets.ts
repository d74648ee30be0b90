/**
 * Target draw (随机抽取检查对象): each stratum on its own sub-stream.
 */
import { createStream, partialFisherYatesIndices } from '../random';
import { planStrata, type StratumPlan } from './strata';
import type { CanonicalQuotas, Failure, PoolEnterprise } from './types';

export interface DrawTargetsInput {
  /** The frozen lot in canonical order. */
  pool: readonly PoolEnterprise[];
  quotas: CanonicalQuotas;
  seed: Uint8Array;
}

export interface DrawnTargets {
  ok: true;
  /** Strata in stratum order, each in selection order. */
  targets: PoolEnterprise[];
  strata: StratumPlan[];
}

/** Stream label of a stratum. */
export function targetStreamLabel(stratumKey: string): string {
  return `targets:${stratumKey}`;
}

/** Pool positions of each stratum's members (canonical order), in one pass; `all` maps to null. */
function membersOf(pool: readonly PoolEnterprise[], strata: readonly StratumPlan[]): Map<string, number[] | null> {
  const out = new Map<string, number[] | null>();
  for (const s of strata) out.set(s.key, s.key === 'all' ? null : []);
  if (strata.every((s) => s.key === 'all')) return out;
  for (let i = 0; i < pool.length; i++) {
    const e = pool[i] as PoolEnterprise;
    out.get(`industry:${e.industry}`)?.push(i);
    out.get(`risk:${e.riskLevel}`)?.push(i);
  }
  return out;
}

/**
 * Draws the targets: for each stratum with `take > 0`, in stratum order, the first `take`
 * picks of a partial Fisher–Yates shuffle of the stratum's members (canonical order) on the
 * stream `targets:<key>`. Strata never share words, so one stratum's draw cannot shift another.
 */
export function drawTargets(input: DrawTargetsInput): DrawnTargets | Failure {
  const planned = planStrata(input.pool, input.quotas);
  if (!planned.ok) return planned;
  const members = membersOf(input.pool, planned.strata);
  const targets: PoolEnterprise[] = [];
  for (const s of planned.strata) {
    if (s.take === 0) continue;
    const list = members.get(s.key) ?? null;
    const stream = createStream(input.seed, targetStreamLabel(s.key));
    const picks = partialFisherYatesIndices(list === null ? input.pool.length : list.length, s.take, stream);
    for (const p of picks) targets.push(input.pool[list === null ? p : (list[p] as number)] as PoolEnterprise);
  }
  return { ok: true, targets, strata: planned.strata };
}
