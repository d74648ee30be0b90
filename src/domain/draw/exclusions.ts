/**
 * Why an enterprise or officer is left out of a draw: reason codes and Chinese details.
 */
import type { EnterpriseStatus, IsoDate } from '../model';
import { compareCodeUnits } from './canonical-order';

/** Reason an enterprise is not in the lot. */
export type EnterpriseExclusionCode = 'not-in-directory' | 'not-operating' | 'key-supervision' | 'open-task' | 'yearly-cap' | 'cooldown' | 'unstaffable';

/** An enterprise left out, with the reason shown to the leader. */
export interface ExcludedEnterprise {
  uscc: string;
  name: string;
  code: EnterpriseExclusionCode;
  /** Simplified Chinese. */
  detail: string;
}

/** Reason an officer is not in the draw's roster. */
export type OfficerExclusionCode = 'certificate-expired' | 'off-duty';

/** An officer left out, with the reason shown to the leader. */
export interface ExcludedOfficer {
  certificateNo: string;
  name: string;
  code: OfficerExclusionCode;
  detail: string;
}

export const ENTERPRISE_EXCLUSION_CODES: readonly EnterpriseExclusionCode[] = [
  'not-in-directory',
  'not-operating',
  'key-supervision',
  'open-task',
  'yearly-cap',
  'cooldown',
  'unstaffable',
];

/** Short Chinese label of each reason, for counts ("非在营：10 家"). */
export const EXCLUSION_LABELS: Record<EnterpriseExclusionCode, string> = {
  'not-in-directory': '不在名录库',
  'not-operating': '非在营（停产/注销/吊销/迁出）',
  'key-supervision': '重点监管（全覆盖检查，不参与抽取）',
  'open-task': '已有未完成的检查任务',
  'yearly-cap': '已达年度抽查次数上限（含其他部门）',
  cooldown: '检查间隔未满',
  unstaffable: '无符合条件的执法人员可派',
};

/**
 * Who was left out of the lot, for a refusal: each one with its reason when there are a few (in
 * USCC order), else the count per reason (in the order of the codes). The same text whatever
 * order the list came in, so the database and in-memory paths refuse alike.
 */
export function exclusionsText(list: readonly ExcludedEnterprise[]): string {
  if (list.length === 0) return '';
  if (list.length <= 3) {
    const each = [...list].sort((a, b) => compareCodeUnits(a.uscc, b.uscc)).map((e) => `${e.name ? `「${e.name}」` : ''}${e.uscc}：${e.detail}`);
    return `未进入企业池的：${each.join('；')}`;
  }
  const counts = zeroCounts();
  for (const e of list) counts[e.code] += 1;
  const parts = ENTERPRISE_EXCLUSION_CODES.filter((c) => counts[c] > 0).map((c) => `${EXCLUSION_LABELS[c]} ${counts[c]} 家`);
  return `另有 ${list.length} 家未进入企业池：${parts.join('、')}`;
}

/** Zero count per code. */
export function zeroCounts(): Record<EnterpriseExclusionCode, number> {
  const out = {} as Record<EnterpriseExclusionCode, number>;
  for (const c of ENTERPRISE_EXCLUSION_CODES) out[c] = 0;
  return out;
}

export const detail = {
  notInDirectory: (): string => '检查对象名录库中没有此统一社会信用代码',
  notOperating: (status: EnterpriseStatus | string): string =>
    status === '移出名录' ? '已移出企业名录（最近一次全量导入的名录中没有该企业），不参与抽取' : `企业状态为「${status}」，非在营企业不参与抽取`,
  /** 优化营商环境条例 第五十四条: key fields are supervised in full, not by lot. */
  keySupervision: (): string => '列入重点监管，实行全覆盖检查，不参与随机抽取（优化营商环境条例 第五十四条）',
  openTask: (since: IsoDate): string => `已有未完成的检查任务（${since}），不重复抽取`,
  /** 偃应急〔2023〕18号: 避免同一生产经营单位多层次重复执法. */
  yearlyCap: (year: number, count: number, cap: number): string =>
    `${year} 年已接受随机抽查 ${count} 次（含其他部门），达到年度上限 ${cap} 次（偃应急〔2023〕18号：避免同一生产经营单位多层次重复执法）`,
  cooldown: (last: IsoDate, months: number): string => `${last} 已接受检查，距今不足 ${months} 个月（偃应急〔2023〕18号：避免同一生产经营单位多层次重复执法）`,
  certificateExpired: (until: IsoDate, from: IsoDate, to: IsoDate): string => `执法证有效期至 ${until}，未覆盖检查期 ${from} 至 ${to}`,
  offDuty: (): string => '不在岗',
};
