/**
 * Shape validation of an exported draw record (untrusted JSON). Returns the first problem in
 * plain words (Chinese, naming the JSON field), never throws.
 */
import { RISK_LEVELS } from '../model';
import { isHex32 } from './commitment';
import { isIsoDate } from '../workdays/dates';
import { EXPORT_FORMAT, EXPORT_FORMAT_V1, type DrawExport } from './export';

type Check = string | null;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function exactKeys(v: Record<string, unknown>, keys: readonly string[], optional: readonly string[] = []): boolean {
  const own = Object.keys(v);
  return keys.every((k) => k in v) && own.every((k) => keys.includes(k) || optional.includes(k));
}

const ENTERPRISE_KEYS = ['uscc', 'name', 'industry', 'township', 'riskLevel', 'lastInspectors'];
const OFFICER_KEYS = ['certificateNo', 'name', 'unit', 'certificateValidUntil', 'expertise', 'onDuty', 'conflicts'];

function enterpriseEntry(v: unknown, at: string): Check {
  if (!isObj(v) || !exactKeys(v, ENTERPRISE_KEYS)) return `${at} 应恰好包含字段 ${ENTERPRISE_KEYS.join('、')}`;
  if (![v.uscc, v.name, v.industry, v.township].every(isStr)) return `${at} 的 uscc、name、industry、township 应为字符串`;
  if (!(RISK_LEVELS as readonly unknown[]).includes(v.riskLevel)) return `${at}.riskLevel 应为 ${RISK_LEVELS.join('、')} 之一`;
  return isStrList(v.lastInspectors) ? null : `${at}.lastInspectors 应为字符串列表`;
}

function officerEntry(v: unknown, at: string): Check {
  if (!isObj(v) || !exactKeys(v, OFFICER_KEYS)) return `${at} 应恰好包含字段 ${OFFICER_KEYS.join('、')}`;
  if (![v.certificateNo, v.name, v.unit].every(isStr)) return `${at} 的 certificateNo、name、unit 应为字符串`;
  if (!isIsoDate(v.certificateValidUntil)) return `${at}.certificateValidUntil 应为 YYYY-MM-DD 格式的日期`;
  if (typeof v.onDuty !== 'boolean') return `${at}.onDuty 应为 true 或 false`;
  return isStrList(v.expertise) && isStrList(v.conflicts) ? null : `${at} 的 expertise、conflicts 应为字符串列表`;
}

function taskEntry(v: unknown, at: string): Check {
  return isObj(v) && exactKeys(v, ['uscc', 'officers']) && isStr(v.uscc) && isStrList(v.officers) ? null : `${at} 应为 {uscc: 字符串, officers: 字符串列表}`;
}

function replacementEntry(v: unknown, at: string): Check {
  const keys = ['taskIndex', 'replacementNo', 'excludedOfficers', 'reason', 'officer'];
  if (!isObj(v) || !exactKeys(v, keys, ['busyLoad', 'replacedOfficer', 'decidedOn'])) {
    return `${at} 应包含字段 ${keys.join('、')}（busyLoad、replacedOfficer、decidedOn 可选）`;
  }
  if (!isCount(v.taskIndex) || !isCount(v.replacementNo)) return `${at} 的 taskIndex、replacementNo 应为非负整数`;
  if (!isStrList(v.excludedOfficers) || !isStr(v.reason) || !isStr(v.officer)) return `${at} 的 excludedOfficers、reason 或 officer 格式不对`;
  if (v.busyLoad !== undefined && !(isObj(v.busyLoad) && Object.values(v.busyLoad).every(isCount))) {
    return `${at}.busyLoad 应为 执法证号 → 非负整数 的映射`;
  }
  if (v.replacedOfficer !== undefined && !isStr(v.replacedOfficer)) return `${at}.replacedOfficer 应为执法证号（字符串）`;
  if (v.decidedOn !== undefined && !isIsoDate(v.decidedOn)) return `${at}.decidedOn 应为 YYYY-MM-DD 格式的日期`;
  return null;
}

function publicationEntry(v: unknown, at: string): Check {
  const keys = ['taskIndex', 'publishedOn', 'recordNumber', 'due', 'late', 'lateWorkdays'];
  if (!isObj(v) || !exactKeys(v, keys)) return `${at} 应恰好包含字段 ${keys.join('、')}`;
  if (!isCount(v.taskIndex) || !isCount(v.lateWorkdays)) return `${at} 的 taskIndex、lateWorkdays 应为非负整数`;
  if (!isIsoDate(v.publishedOn) || !(v.due === null || isIsoDate(v.due))) return `${at} 的 publishedOn、due 应为 YYYY-MM-DD 格式的日期`;
  return isStr(v.recordNumber) && typeof v.late === 'boolean' ? null : `${at} 的 recordNumber 应为字符串，late 应为 true 或 false`;
}

function list(doc: Record<string, unknown>, key: string, entry: ((v: unknown, at: string) => Check) | null): Check {
  const v = doc[key];
  if (!Array.isArray(v)) return `${key} 应为列表`;
  if (entry === null) return null;
  for (let i = 0; i < v.length; i++) {
    const problem = entry(v[i], `${key}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

const STATUSES = ['executed', 'abandoned', 'cancelled'];
const TIMELINE_KEYS = ['preparedAt', 'preparedBy', 'executedAt', 'executedBy', 'endedAt', 'endedBy', 'confirmedBy', 'endedReason'];

/** The fields version 2 adds: status, timeline, seed version with the exclusion hashes, beacon. */
function version2(doc: Record<string, unknown>): Check {
  if (doc.status !== undefined && !STATUSES.includes(doc.status as string)) return `status 应为 ${STATUSES.join('、')} 之一`;
  const t = doc.timeline;
  if (t !== undefined) {
    if (!isObj(t) || !isStr(t.preparedAt) || !isStr(t.preparedBy)) return 'timeline 应为对象，且含 preparedAt、preparedBy';
    if (!Object.keys(t).every((k) => TIMELINE_KEYS.includes(k) && isStr(t[k]))) return `timeline 只能包含字符串字段 ${TIMELINE_KEYS.join('、')}`;
  }
  if (doc.supersedes !== undefined && doc.supersedes !== null && !isStr(doc.supersedes)) return 'supersedes 应为抽取编号或 null';
  if (doc.seedVersion === undefined) return null;
  if (doc.seedVersion !== 2) return 'seedVersion 应为 2';
  if (!isHex32(doc.excludedEnterprisesHash) || !isHex32(doc.excludedOfficersHash))
    return 'excludedEnterprisesHash、excludedOfficersHash 应为 64 位小写十六进制数';
  if (doc.beacon !== null && !isObj(doc.beacon)) return 'beacon 应为对象（随机信标轮次）或 null（未使用随机信标）';
  return null;
}

/** Validates the structure of an export; content is checked by verifyDrawExport. */
export function checkExportShape(doc: unknown): { ok: true; doc: DrawExport } | { ok: false; difference: string } {
  const bad = (d: string): { ok: false; difference: string } => ({ ok: false, difference: `记录格式不对：${d}` });
  if (!isObj(doc)) return bad('文件内容不是 JSON 对象');
  if (doc.format !== EXPORT_FORMAT && doc.format !== EXPORT_FORMAT_V1) {
    return bad(`format 应为 "${EXPORT_FORMAT}"（或旧版 "${EXPORT_FORMAT_V1}"），实际为 ${JSON.stringify(doc.format) ?? '（缺失）'}`);
  }
  const v2 = doc.format === EXPORT_FORMAT ? version2(doc) : null;
  if (v2) return bad(v2);
  if (!isStr(doc.algorithmVersion) || !isStr(doc.drawNo) || !isStr(doc.paramsCanonical)) {
    return bad('algorithmVersion、drawNo、paramsCanonical 应为字符串');
  }
  if (!isObj(doc.params)) return bad('params 应为对象');
  for (const key of ['enterprisePoolHash', 'officerPoolHash', 'commitment', 'secret', 'seed']) {
    if (!isHex32(doc[key])) return bad(`${key} 应为 64 位小写十六进制数`);
  }
  const problem =
    list(doc, 'enterprisePool', enterpriseEntry) ??
    list(doc, 'officerPool', officerEntry) ??
    list(doc, 'tasks', taskEntry) ??
    list(doc, 'replacements', replacementEntry) ??
    list(doc, 'finalTasks', taskEntry) ??
    list(doc, 'strata', null) ??
    list(doc, 'excludedEnterprises', null) ??
    list(doc, 'excludedOfficers', null) ??
    (doc.publications === undefined ? null : list(doc, 'publications', publicationEntry));
  if (problem) return bad(problem);
  const head = doc.auditHead;
  if (head !== undefined && !(isObj(head) && exactKeys(head, ['entryCount', 'hash']) && isCount(head.entryCount) && isHex32(head.hash))) {
    return bad('auditHead 应为 {entryCount: 非负整数, hash: 64 位小写十六进制数}');
  }
  return { ok: true, doc: doc as unknown as DrawExport };
}
