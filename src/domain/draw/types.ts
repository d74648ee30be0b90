/**
 * Data shapes of the draw. Pool records hold exactly the fields that the draw result depends
 * on; they are what gets hashed, frozen and exported.
 */
import type { IsoDate, RiskLevel } from '../model';

/** Version tag of the algorithm described in docs/draw-algorithm.md. */
export const ALGORITHM_VERSION = 'drbot-draw/1' as const;

/** An enterprise in the frozen lot (检查对象). */
export interface PoolEnterprise {
  readonly uscc: string;
  readonly name: string;
  readonly industry: string;
  readonly township: string;
  readonly riskLevel: RiskLevel;
  /** 执法证号 of the officers who inspected it last, sorted, no duplicates. */
  readonly lastInspectors: readonly string[];
}

/**
 * The frozen lot in canonical order, read by position. A plain array is one; so is a lot read
 * back from its stored serialization ({@link ./lot} `serializedLot`), which parses a record only
 * when it is asked for — a lot of a million enterprises is never turned into a million objects.
 */
export interface EnterpriseLot {
  readonly length: number;
  at(index: number): PoolEnterprise | undefined;
}

/** An officer in the frozen roster of a draw (执法检查人员). */
export interface PoolOfficer {
  readonly certificateNo: string;
  readonly name: string;
  readonly unit: string;
  readonly certificateValidUntil: IsoDate;
  /** Sorted, no duplicates. */
  readonly expertise: readonly string[];
  readonly onDuty: boolean;
  /** USCCs he must never inspect, sorted, no duplicates. */
  readonly conflicts: readonly string[];
}

/** Which enterprises enter the lot. All given filters must match (AND). */
export interface DrawFilters {
  industries?: string[];
  townships?: string[];
  riskLevels?: RiskLevel[];
  /** 定向: only these USCCs. */
  usccs?: string[];
}

/** How many to draw, as the leader typed it. Ratios are in [0, 1] with at most 6 decimals. */
export type QuotaSpec =
  | number
  | { total: number }
  | { byIndustry: Record<string, number> }
  | { byRiskLevel: Partial<Record<RiskLevel, number>> }
  | { byRiskRatio: Partial<Record<RiskLevel, number>> }
  | CanonicalQuotas;

/** Quotas in canonical form (ratios as integer parts per million). */
export type CanonicalQuotas =
  | { mode: 'total'; count: number }
  | { mode: 'byIndustry'; counts: Record<string, number> }
  | { mode: 'byRiskLevel'; counts: Partial<Record<RiskLevel, number>> }
  | { mode: 'byRiskRatio'; ppm: Partial<Record<RiskLevel, number>> };

/** Draw policy as given; every field has a default. */
export interface DrawPolicyInput {
  groupSize?: number;
  yearlyCap?: number;
  cooldownMonths?: number;
  excludeLastInspector?: boolean;
  requireExpertise?: boolean;
  requireUnit?: string | null;
  maxTasksPerOfficer?: number;
}

/** Draw policy with every field resolved. */
export interface DrawPolicy {
  /** Officers per group, ≥ 2 (行政处罚法 第四十二条；河南省行政执法条例 第二十四条). Default 2. */
  groupSize: number;
  /** Random inspections per enterprise per calendar year; 0 = no cap. Default 1. */
  yearlyCap: number;
  /** Months after any inspection during which an enterprise is not drawn; 0 = off. Default 0. */
  cooldownMonths: number;
  /** Officers of the last inspection may not inspect again. Default true. */
  excludeLastInspector: boolean;
  /** Every group has a member whose expertise includes the target's industry. Default false. */
  requireExpertise: boolean;
  /** Every group has a member of this unit (e.g. 综合行政执法大队). Default null. */
  requireUnit: string | null;
  /** Most tasks one officer gets in one draw; 0 = no cap. Default 0. */
  maxTasksPerOfficer: number;
}

/** The inspection window: officers' certificates must be valid on every day of it. */
export interface DrawWindow {
  from: IsoDate;
  to: IsoDate;
}

/** Everything about a draw except the pools and drawNo, in canonical form. */
export interface CanonicalParams {
  filters: DrawFilters;
  quotas: CanonicalQuotas;
  policy: DrawPolicy;
  window: DrawWindow;
  today: IsoDate;
}

/** One 检查任务: an enterprise and its group, in draw order. */
export interface DrawTask {
  uscc: string;
  officers: string[];
}

export type { Failure, FailureCode } from './failure';
