/**
 * Target draw (随机抽取检查对象): each stratum on its own sub-stream.
 */
import { createStream, partialFisherYatesIndices } from '../random';
import { lotField } from './lot';
import { countsFor, planStrata, sizeOnly, type StratumPlan } from './strata';
import type { CanonicalQuotas, EnterpriseLot, Failure, PoolEnterprise } from './types';

export interface DrawTargetsInput {
  /** The frozen lot in canonical order. */
  pool: EnterpriseLot;
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
function membersOf(pool: EnterpriseLot, strata: readonly StratumPlan[]): Map<string, number[] | null> {
  const out = new Map<string, number[] | null>();
  for (const s of strata) out.set(s.key, s.key === 'all' ? null : []);
  const byIndustry = strata.some((s) => s.key.startsWith('industry:'));
  const byRisk = strata.some((s) => s.key.startsWith('risk:'));
  for (let i = 0; i < pool.length && (byIndustry || byRisk); i++) {
    if (byIndustry) out.get(`industry:${lotField(pool, i, 'industry')}`)?.push(i);
    if (byRisk) out.get(`risk:${lotField(pool, i, 'riskLevel')}`)?.push(i);
  }
  return out;
}

/** The first `take` picks of a partial Fisher–Yates shuffle of `n` members on the stratum's own stream. */
function stratumPicks(seed: Uint8Array, s: StratumPlan, n: number): number[] {
  return partialFisherYatesIndices(n, s.take, createStream(seed, targetStreamLabel(s.key)));
}

/**
 * Draws the targets: for each stratum with `take > 0`, in stratum order, the first `take`
 * picks of a partial Fisher–Yates shuffle of the stratum's members (canonical order) on the
 * stream `targets:<key>`. Strata never share words, so one stratum's draw cannot shift another.
 */
export function drawTargets(input: DrawTargetsInput): DrawnTargets | Failure {
  const planned = planStrata(countsFor(input.pool, input.quotas), input.quotas);
  if (!planned.ok) return planned;
  const members = membersOf(input.pool, planned.strata);
  const targets: PoolEnterprise[] = [];
  for (const s of planned.strata) {
    if (s.take === 0) continue;
    const list = members.get(s.key) ?? null;
    const picks = stratumPicks(input.seed, s, list === null ? input.pool.length : list.length);
    for (const p of picks) targets.push(input.pool.at(list === null ? p : (list[p] as number)) as PoolEnterprise);
  }
  return { ok: true, targets, strata: planned.strata };
}

/**
 * The lot positions drawTargets will read, from the lot's size alone: for a total quota, its
 * picks (so a lot of a million kept in a database is read a thousand lines at a time); null
 * when the quotas are stratified, whose members are found by reading every record.
 */
export function positionsRead(lotSize: number, quotas: CanonicalQuotas, seed: Uint8Array): number[] | null {
  if (quotas.mode !== 'total') return null;
  const planned = planStrata(sizeOnly(lotSize), quotas);
  if (!planned.ok) return [];
  return planned.strata.flatMap((s) => (s.take === 0 ? [] : stratumPicks(seed, s, lotSize)));
}
