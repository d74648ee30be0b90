/**
 * The plain data the rules work on. No I/O, no clock: every value is passed in.
 * Dates are calendar dates in Asia/Shanghai written `YYYY-MM-DD`.
 */

/** The six 工贸 industries of the plan (偃应急〔2023〕18号 §二(一)). */
export const INDUSTRIES = ['冶金', '有色', '建材', '机械', '轻工', '纺织'] as const;
export type Industry = (typeof INDUSTRIES)[number];

/** Risk grade of an enterprise, highest first. */
export const RISK_LEVELS = ['高', '较高', '一般', '低'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * 在营 is the only status that may be drawn; the others are excluded with their reason.
 * 移出名录: the enterprise was missing from a full import of the directory (kept, never deleted,
 * with its history; listed again when a later file has it).
 */
export const ENTERPRISE_STATUSES = ['在营', '停产', '注销', '吊销', '迁出', '移出名录'] as const;
export type EnterpriseStatus = (typeof ENTERPRISE_STATUSES)[number];

/** The status of an enterprise no longer in the directory (see ENTERPRISE_STATUSES). */
export const DELISTED_STATUS: EnterpriseStatus = '移出名录';

/** A date written `YYYY-MM-DD` (Asia/Shanghai calendar day). */
export type IsoDate = string;

/** 检查对象: one row of the enterprise directory. */
export interface Enterprise {
  /** 统一社会信用代码, 18 characters (GB 32100-2015). Canonical sort key of the pool. */
  uscc: string;
  name: string;
  industry: string;
  /** 乡镇/街道 */
  township: string;
  address?: string;
  /** 负责人 */
  contactPerson?: string;
  phone?: string;
  riskLevel: RiskLevel;
  status: EnterpriseStatus;
  /** 重点监管: inspected in full, never by lot (优化营商环境条例 第五十四条). */
  keySupervision: boolean;
}

/** 执法人员 with the 行政执法证 that lets him inspect. */
export interface Officer {
  /** 执法证号. Canonical sort key of the pool. */
  certificateNo: string;
  name: string;
  /** 单位/科室, e.g. 法规科, 综合行政执法大队 */
  unit: string;
  /** Last day the certificate is valid. */
  certificateValidUntil: IsoDate;
  /** Industries the officer knows (擅长行业). */
  expertise: string[];
  /** 在岗 */
  onDuty: boolean;
  /** USCCs of enterprises this officer must never inspect (standing conflicts, 回避). */
  conflicts: string[];
}

/** A past or ongoing inspection of an enterprise, from any department or level. */
export interface InspectionRecord {
  uscc: string;
  /** Day of the inspection (or of the draw, for an open task). */
  date: IsoDate;
  /** Certificate numbers of the officers who inspected; empty when another department did. */
  officers: string[];
  /** True while the task is still open (not finished, not cancelled). */
  open: boolean;
  /** True when it was a random (双随机) inspection; counted against the yearly cap. */
  random: boolean;
}
