/**
 * Chinese messages about staffing a target (shown to the leader when a draw cannot proceed).
 */
import { TWO_OFFICERS_ARTICLE } from './policy';
import type { PoolEnterprise } from './types';

/** 企业「名称」（USCC） */
export function enterpriseLabel(e: PoolEnterprise): string {
  return `企业「${e.name}」（${e.uscc}）`;
}

/** Breakdown of why officers of the roster cannot inspect one target. */
export function causesText(c: { certificate: number; 'off-duty': number; conflict: number; 'last-inspector': number }): string {
  const parts: string[] = [];
  if (c.certificate > 0) parts.push(`${c.certificate} 人执法证未覆盖检查期`);
  if (c['off-duty'] > 0) parts.push(`${c['off-duty']} 人不在岗`);
  if (c.conflict > 0) parts.push(`${c.conflict} 人需回避（行政处罚法 第四十三条）`);
  if (c['last-inspector'] > 0) parts.push(`${c['last-inspector']} 人为该企业上次检查人员`);
  return parts.length === 0 ? '' : `：${parts.join('，')}`;
}

/** “可选执法人员仅 k 人（需要至少 g 人）” with its causes. */
export function tooFewOfficers(e: PoolEnterprise, eligible: number, groupSize: number, roster: number, causes: string): string {
  return (
    `${enterpriseLabel(e)}可选执法人员仅 ${eligible} 人（每组至少需要 ${groupSize} 人，${TWO_OFFICERS_ARTICLE}）；` + `本次执法人员名录共 ${roster} 人${causes}`
  );
}

export function noExpert(e: PoolEnterprise): string {
  return `${enterpriseLabel(e)}没有具备「${e.industry}」专长的可选执法人员（要求每组至少 1 人具备该行业专长）`;
}

export function noUnitMember(e: PoolEnterprise, unit: string): string {
  return `${enterpriseLabel(e)}没有来自「${unit}」的可选执法人员（要求每组至少 1 人来自该单位）`;
}

export function capacityShortage(tasks: number, groupSize: number, officers: number, cap: number): string {
  return `${tasks} 家企业共需 ${tasks * groupSize} 人次，可选执法人员 ${officers} 人、每人最多 ${cap} 项任务，` + `最多只能安排 ${officers * cap} 人次`;
}

export function expertShortage(industry: string, targets: number, experts: number, cap: number): string {
  return `${industry}行业 ${targets} 家企业需要具备${industry}专长的执法人员，符合条件的仅 ${experts} 人（每人最多 ${cap} 项任务）`;
}

export function unitShortage(unit: string, targets: number, members: number, cap: number): string {
  return `${targets} 家企业每组都需要来自「${unit}」的执法人员，符合条件的仅 ${members} 人（每人最多 ${cap} 项任务）`;
}

/** The greedy least-loaded pass failed although the quick checks passed. */
export function greedyFailed(e: PoolEnterprise, groupSize: number, detail: string): string {
  return (
    `按“任务最少者优先”的分配方法，无法为${enterpriseLabel(e)}组成 ${groupSize} 人执法小组（${detail}）。` +
    `可能仍存在其他合法的分配方案；请提高每人任务上限、增加执法人员或减少抽取数量后重新抽取`
  );
}
