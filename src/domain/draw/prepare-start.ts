/**
 * Step 1 of a prepare: the params, the officers' roster and the history checked; which
 * enterprises are plain (PlainSpec), so that only the others need to be read one by one.
 */
import { INDUSTRIES } from '../model';
import { isSecret } from './commitment';
import { indexRoster, type RosterIndex } from './eligibility';
import type { PlainSpec } from './enterprise-pool';
import type { ExcludedOfficer } from './exclusions';
import { checkTarget } from './feasibility';
import { indexHistory, type HistoryFacts } from './history-index';
import { buildOfficerPool } from './officer-pool';
import { normalizeParams, type NormalizedParams } from './params';
import { TWO_OFFICERS_SOURCES } from './policy';
import type { PrepareDrawBase } from './prepare';
import { fail } from './failure';
import type { Failure, PoolEnterprise, PoolOfficer } from './types';

/** Step 1 of a prepare: params, roster and history checked; says which enterprises are plain. */
export interface PrepareStart {
  ok: true;
  base: PrepareDrawBase;
  norm: NormalizedParams & { ok: true };
  officers: { pool: readonly PoolOfficer[]; excluded: ExcludedOfficer[] };
  ix: RosterIndex;
  facts: ReadonlyMap<string, HistoryFacts>;
  spec: PlainSpec;
}

function tooFewOverall(eligible: number, groupSize: number, excluded: number): string {
  return (
    `可选执法人员仅 ${eligible} 人，每组至少需要 ${groupSize} 人（${TWO_OFFICERS_SOURCES}）` +
    (excluded > 0 ? `；另有 ${excluded} 人因执法证未覆盖检查期或不在岗未列入` : '')
  );
}

/**
 * Industries in which an enterprise with no history and no conflicts could not get a lawful
 * group (e.g. no valid officer with that expertise): such enterprises must be looked at one by
 * one, so they are never plain.
 */
function barredIndustries(ix: RosterIndex, industries: Iterable<string>): string[] {
  const out: string[] = [];
  for (const industry of new Set(industries)) {
    // Whether a plain enterprise can be staffed depends on its industry alone (no bars of its own).
    const probe: PoolEnterprise = { uscc: '', name: '', industry, township: '', riskLevel: '一般', lastInspectors: [] };
    if (checkTarget(ix, probe) !== null) out.push(industry);
  }
  return out.sort();
}

/**
 * Step 1: validates the input, builds the officers' roster and indexes the history. `industries`
 * lists every industry the directory may hold (the catalog's by default).
 */
export function startPrepare(base: PrepareDrawBase, industries: Iterable<string> = INDUSTRIES): PrepareStart | Failure {
  if (typeof base.drawNo !== 'string' || base.drawNo.trim().length === 0) return fail('invalid-draw-no', '抽取编号不能为空');
  if (!isSecret(base.secret)) return fail('internal', '内部错误：抽取密钥必须为 32 字节');
  const norm = normalizeParams(base);
  if (!norm.ok) return norm;
  const { params } = norm;
  const history = indexHistory(base.history, params.today);
  if (!history.ok) return history;
  const off = buildOfficerPool(base.officers, params.window);
  if (!off.ok) return off;
  if (off.pool.length < params.policy.groupSize) {
    return fail('too-few-officers', tooFewOverall(off.pool.length, params.policy.groupSize, off.excluded.length));
  }
  const ix = indexRoster(off.pool, params.policy, params.window);
  const special = new Set([...history.facts.keys(), ...ix.conflictsByUscc.keys()]);
  const spec: PlainSpec = {
    filters: params.filters,
    specialUsccs: [...special].sort(),
    barredIndustries: barredIndustries(ix, [...industries, ...(params.filters.industries ?? [])]),
  };
  return { ok: true, base, norm, officers: off, ix, facts: history.facts, spec };
}

/** Whether the quotas need the plain rows counted by industry and risk level (a total needs only the lot's size). */
export function needsPlainGroups(start: PrepareStart): boolean {
  return start.norm.params.quotas.mode !== 'total';
}
