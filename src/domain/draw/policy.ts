/**
 * The draw policy: defaults and validation, and the one statement of the two-officer rule
 * (行政处罚法 第四十二条). Messages are for the leader (Simplified Chinese).
 */
import { fail } from './failure';
import type { DrawPolicy, Failure } from './types';

/**
 * The fewest officers who may carry out an inspection (行政处罚法 第四十二条: “执法人员不得少于
 * 两人”；河南省行政执法条例 第二十四条). The one place this number is written.
 */
export const MIN_OFFICERS_PER_INSPECTION = 2;

/** The article of the rule, as short messages cite it. */
export const TWO_OFFICERS_ARTICLE = '行政处罚法 第四十二条';

/** The rule's sources, as the draw's messages cite them. */
export const TWO_OFFICERS_SOURCES = `${TWO_OFFICERS_ARTICLE}；河南省行政执法条例 第二十四条`;

/** Defaults used for every policy field not given. */
export const DEFAULT_POLICY: Readonly<DrawPolicy> = Object.freeze({
  groupSize: MIN_OFFICERS_PER_INSPECTION,
  yearlyCap: 1,
  cooldownMonths: 0,
  excludeLastInspector: true,
  requireExpertise: false,
  requireUnit: null,
  maxTasksPerOfficer: 0,
});

type Ok = { ok: true; policy: DrawPolicy };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function intField(raw: Record<string, unknown>, key: keyof DrawPolicy, label: string): number | string {
  const v = raw[key] ?? DEFAULT_POLICY[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1_000_000) {
    return `${label}必须为非负整数，当前为 ${String(v)}`;
  }
  return v;
}

function boolField(raw: Record<string, unknown>, key: keyof DrawPolicy, label: string): boolean | string {
  const v = raw[key] ?? DEFAULT_POLICY[key];
  return typeof v === 'boolean' ? v : `${label}必须为是/否（true/false），当前为 ${String(v)}`;
}

/** Checks the group size of a draw policy against {@link MIN_OFFICERS_PER_INSPECTION}. */
export function checkGroupSize(groupSize: number): Failure | null {
  if (!Number.isInteger(groupSize)) return fail('invalid-policy', `每组执法人员人数必须为整数，当前为 ${groupSize}`);
  if (groupSize < MIN_OFFICERS_PER_INSPECTION) {
    return fail('group-too-small', `每组执法人员不得少于 ${MIN_OFFICERS_PER_INSPECTION} 人（${TWO_OFFICERS_SOURCES}），当前设置为 ${groupSize} 人`);
  }
  return null;
}

/**
 * Checks that an inspection is carried out by enough officers before its findings are recorded:
 * at least {@link MIN_OFFICERS_PER_INSPECTION} of the group have confirmed (行政处罚法 第四十二条).
 * `waiting` names those who have not answered yet.
 */
export function checkInspectionTeam(confirmed: number, waiting: readonly string[]): string | null {
  if (confirmed >= MIN_OFFICERS_PER_INSPECTION) return null;
  const pending = waiting.length ? `，待确认：${waiting.join('、')}` : '';
  return `检查须由至少 ${MIN_OFFICERS_PER_INSPECTION} 名执法人员实施（${TWO_OFFICERS_ARTICLE}），目前只有 ${confirmed} 人确认${pending}。`;
}

/** Resolves defaults and validates every field; unknown fields are refused. */
export function normalizePolicy(raw: unknown): Ok | Failure {
  const input = raw ?? {};
  if (!isObject(input)) return fail('invalid-policy', '抽取规则（policy）格式错误');
  const unknown = Object.keys(input).filter((k) => !(k in DEFAULT_POLICY));
  if (unknown.length > 0) return fail('invalid-policy', `抽取规则中有无法识别的项：${unknown.join('、')}`);
  const groupSize = intField(input, 'groupSize', '每组人数');
  const yearlyCap = intField(input, 'yearlyCap', '年度抽查次数上限');
  const cooldownMonths = intField(input, 'cooldownMonths', '检查间隔月数');
  const maxTasksPerOfficer = intField(input, 'maxTasksPerOfficer', '每人任务上限');
  const excludeLastInspector = boolField(input, 'excludeLastInspector', '排除上次检查人员');
  const requireExpertise = boolField(input, 'requireExpertise', '要求行业专长');
  const fields = [groupSize, yearlyCap, cooldownMonths, maxTasksPerOfficer, excludeLastInspector, requireExpertise];
  const bad = fields.find((f): f is string => typeof f === 'string');
  if (bad !== undefined) return fail('invalid-policy', bad);
  const groupProblem = checkGroupSize(groupSize as number);
  if (groupProblem) return groupProblem;
  const unit = input.requireUnit ?? null;
  if (unit !== null && (typeof unit !== 'string' || unit.length === 0)) {
    return fail('invalid-policy', '要求的执法单位（requireUnit）必须为非空文字');
  }
  const policy: DrawPolicy = {
    groupSize: groupSize as number,
    yearlyCap: yearlyCap as number,
    cooldownMonths: cooldownMonths as number,
    excludeLastInspector: excludeLastInspector as boolean,
    requireExpertise: requireExpertise as boolean,
    requireUnit: unit,
    maxTasksPerOfficer: maxTasksPerOfficer as number,
  };
  return { ok: true, policy };
}
