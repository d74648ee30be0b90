/**
 * Shape validation of an exported draw record (untrusted JSON). Returns the first problem in
 * plain words, never throws.
 */
import { RISK_LEVELS } from '../model';
import { isHex32 } from './commitment';
import { isIsoDate } from './dates';
import { EXPORT_FORMAT, type DrawExport } from './export';

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
  if (!isObj(v) || !exactKeys(v, ENTERPRISE_KEYS)) return `${at} must have exactly the fields ${ENTERPRISE_KEYS.join(', ')}`;
  if (![v.uscc, v.name, v.industry, v.township].every(isStr)) return `${at}: uscc, name, industry and township must be strings`;
  if (!(RISK_LEVELS as readonly unknown[]).includes(v.riskLevel)) return `${at}.riskLevel must be one of ${RISK_LEVELS.join(', ')}`;
  return isStrList(v.lastInspectors) ? null : `${at}.lastInspectors must be a list of strings`;
}

function officerEntry(v: unknown, at: string): Check {
  if (!isObj(v) || !exactKeys(v, OFFICER_KEYS)) return `${at} must have exactly the fields ${OFFICER_KEYS.join(', ')}`;
  if (![v.certificateNo, v.name, v.unit].every(isStr)) return `${at}: certificateNo, name and unit must be strings`;
  if (!isIsoDate(v.certificateValidUntil)) return `${at}.certificateValidUntil must be a date YYYY-MM-DD`;
  if (typeof v.onDuty !== 'boolean') return `${at}.onDuty must be true or false`;
  return isStrList(v.expertise) && isStrList(v.conflicts) ? null : `${at}: expertise and conflicts must be lists of strings`;
}

function taskEntry(v: unknown, at: string): Check {
  return isObj(v) && exactKeys(v, ['uscc', 'officers']) && isStr(v.uscc) && isStrList(v.officers)
    ? null
    : `${at} must be {uscc: string, officers: string[]}`;
}

function replacementEntry(v: unknown, at: string): Check {
  const keys = ['taskIndex', 'replacementNo', 'excludedOfficers', 'reason', 'officer'];
  if (!isObj(v) || !exactKeys(v, keys, ['busyLoad'])) return `${at} must have the fields ${keys.join(', ')} (and optionally busyLoad)`;
  if (!isCount(v.taskIndex) || !isCount(v.replacementNo)) return `${at}: taskIndex and replacementNo must be non-negative integers`;
  if (!isStrList(v.excludedOfficers) || !isStr(v.reason) || !isStr(v.officer)) return `${at}: excludedOfficers, reason or officer malformed`;
  if (v.busyLoad !== undefined && !(isObj(v.busyLoad) && Object.values(v.busyLoad).every(isCount))) {
    return `${at}.busyLoad must map 执法证号 to non-negative integers`;
  }
  return null;
}

function list(doc: Record<string, unknown>, key: string, entry: ((v: unknown, at: string) => Check) | null): Check {
  const v = doc[key];
  if (!Array.isArray(v)) return `${key} must be a list`;
  if (entry === null) return null;
  for (let i = 0; i < v.length; i++) {
    const problem = entry(v[i], `${key}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/** Validates the structure of an export; content is checked by verifyDrawExport. */
export function checkExportShape(doc: unknown): { ok: true; doc: DrawExport } | { ok: false; difference: string } {
  const bad = (d: string): { ok: false; difference: string } => ({ ok: false, difference: `malformed export: ${d}` });
  if (!isObj(doc)) return bad('the document is not a JSON object');
  if (doc.format !== EXPORT_FORMAT) return bad(`format must be "${EXPORT_FORMAT}", found ${JSON.stringify(doc.format)}`);
  if (!isStr(doc.algorithmVersion) || !isStr(doc.drawNo) || !isStr(doc.paramsCanonical)) {
    return bad('algorithmVersion, drawNo and paramsCanonical must be strings');
  }
  if (!isObj(doc.params)) return bad('params must be an object');
  for (const key of ['enterprisePoolHash', 'officerPoolHash', 'commitment', 'secret', 'seed']) {
    if (!isHex32(doc[key])) return bad(`${key} must be 64 lowercase hex digits`);
  }
  const problem =
    list(doc, 'enterprisePool', enterpriseEntry) ??
    list(doc, 'officerPool', officerEntry) ??
    list(doc, 'tasks', taskEntry) ??
    list(doc, 'replacements', replacementEntry) ??
    list(doc, 'finalTasks', taskEntry) ??
    list(doc, 'strata', null) ??
    list(doc, 'excludedEnterprises', null) ??
    list(doc, 'excludedOfficers', null);
  return problem ? bad(problem) : { ok: true, doc: doc as unknown as DrawExport };
}
