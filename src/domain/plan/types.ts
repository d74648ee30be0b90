/**
 * 年度抽查计划: the plain data of an annual random-inspection plan. County-level departments make
 * an annual plan stating “各批次抽查的范围、数量和时间安排” and draw “逐批次” (市场监管总局关于全面推进
 * “双随机、一公开”监管工作的通知, 2019); 应急管理部门 “制定安全生产年度监督检查计划，并按照年度监督检查
 * 计划进行监督检查” (安全生产法 第六十二条第二款; 河南省安全生产条例 第四十一条(三)).
 */
import type { CheckItemCode } from '../catalog/check-items';
import type { Industry, IsoDate } from '../model';

/**
 * How many enterprises of one industry a batch plans to inspect: a number, or a share (percent)
 * of the industry's eligible directory (在营, not under 重点监管), as plans write “抽查比例不低于5%”.
 */
export type TargetAmount = { kind: 'count'; value: number } | { kind: 'percent'; value: number };

/** One industry's target in a batch. */
export interface PlanTarget {
  industry: Industry;
  amount: TargetAmount;
}

/** 批次: a window (inclusive dates) and the targets drawn in it. */
export interface PlanBatch {
  /** 1-based position in the plan (第1批). */
  no: number;
  from: IsoDate;
  to: IsoDate;
  /** Empty: the batch limits the window only (any industry may be drawn). */
  targets: PlanTarget[];
}

/** What an administrator writes: the plan without its storage fields. */
export interface PlanContent {
  /** 文号 in canonical form (`偃应急〔2023〕18号`); null for a default plan made on demand. */
  docNo: string | null;
  year: number;
  title: string;
  checkItems: CheckItemCode[];
  batches: PlanBatch[];
}
