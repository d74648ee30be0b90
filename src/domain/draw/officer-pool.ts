/**
 * The roster of a draw (执法检查人员): officers passing the draw-wide checks, canonical order.
 */
import type { Officer } from '../model';
import { canonicalList, sortByKey } from './canonical-order';
import { isIsoDate } from '../workdays/dates';
import { drawWideIneligibility } from './eligibility';
import { detail, type ExcludedOfficer } from './exclusions';
import { fail } from './failure';
import type { DrawWindow, Failure, PoolOfficer } from './types';

export interface OfficerPool {
  ok: true;
  /** Canonical order (执法证号 ascending), frozen. */
  pool: readonly PoolOfficer[];
  excluded: ExcludedOfficer[];
}

/**
 * Draw-wide check of one officer: on duty, and a 行政执法证 valid on every day of the window
 * (行政处罚法 第四十二条 “具有行政执法资格的执法人员”；河南省行政执法条例 第二十一条、第二十四条；
 * 安全生产法 第六十七条 “有效的行政执法证件”). The certificate has no start date, so it is
 * valid over [from, to] exactly when `certificateValidUntil ≥ to`.
 */
export function officerExclusion(o: Officer | PoolOfficer, window: DrawWindow): Omit<ExcludedOfficer, 'certificateNo' | 'name'> | null {
  const why = drawWideIneligibility(o, window);
  if (why === 'certificate') {
    return { code: 'certificate-expired', detail: detail.certificateExpired(o.certificateValidUntil, window.from, window.to) };
  }
  return why === 'off-duty' ? { code: 'off-duty', detail: detail.offDuty() } : null;
}

function poolEntry(o: Officer): PoolOfficer {
  return Object.freeze({
    certificateNo: o.certificateNo,
    name: o.name,
    unit: o.unit,
    certificateValidUntil: o.certificateValidUntil,
    expertise: Object.freeze([...canonicalList(o.expertise)]),
    onDuty: o.onDuty,
    conflicts: Object.freeze([...canonicalList(o.conflicts)]),
  });
}

/** Builds the frozen roster; fails (Chinese reason) on a duplicated 执法证号. */
export function buildOfficerPool(officers: readonly Officer[], window: DrawWindow): OfficerPool | Failure {
  const pool: PoolOfficer[] = [];
  const excluded: ExcludedOfficer[] = [];
  for (const o of officers) {
    if (!isIsoDate(o.certificateValidUntil)) {
      return fail('invalid-officer', `执法人员 ${o.name}（${o.certificateNo}）的执法证有效期「${String(o.certificateValidUntil)}」格式错误，应为 YYYY-MM-DD`);
    }
    const why = officerExclusion(o, window);
    if (why === null) pool.push(poolEntry(o));
    else excluded.push({ certificateNo: o.certificateNo, name: o.name, ...why });
  }
  const sorted = sortByKey(pool, (o) => o.certificateNo);
  if (!sorted.ok) return fail('duplicate-officer', `执法人员名录库中执法证号重复：${sorted.duplicate}`);
  return { ok: true, pool: Object.freeze(sorted.items), excluded };
}
