/**
 * What the inspection history says about each enterprise, gathered in one pass.
 */
import type { InspectionRecord, IsoDate } from '../model';
import { canonicalList } from './canonical-order';
import { parseIsoDate, yearOf } from '../workdays/dates';
import { fail } from './failure';
import type { Failure } from './types';

/** Facts about one enterprise drawn from all history records (any department). */
export interface HistoryFacts {
  /** Date of an open task, if any (the latest). */
  openSince: IsoDate | null;
  /** Random inspections dated in the year of `today`. */
  randomThisYear: number;
  /** Latest date of any inspection (any department, random or not). */
  lastInspected: IsoDate | null;
  /** Date of the latest record that names officers. */
  lastInspectorsDate: IsoDate | null;
  /** Officers of the latest record(s) naming officers; several on that day are merged. */
  lastInspectors: readonly string[];
}

function emptyFacts(): HistoryFacts {
  return { openSince: null, randomThisYear: 0, lastInspected: null, lastInspectorsDate: null, lastInspectors: [] };
}

function addRecord(f: HistoryFacts, r: InspectionRecord, thisYear: boolean): void {
  if (r.open && (f.openSince === null || r.date > f.openSince)) f.openSince = r.date;
  if (r.random && thisYear) f.randomThisYear += 1;
  if (f.lastInspected === null || r.date > f.lastInspected) f.lastInspected = r.date;
  if (r.officers.length === 0) return;
  if (f.lastInspectorsDate === null || r.date > f.lastInspectorsDate) {
    f.lastInspectorsDate = r.date;
    f.lastInspectors = r.officers;
  } else if (r.date === f.lastInspectorsDate) {
    f.lastInspectors = [...f.lastInspectors, ...r.officers];
  }
}

/**
 * Indexes history by USCC. "Last inspectors" are the officers of the most recent record that
 * names officers (records of other departments name none); same-day records are merged.
 */
export function indexHistory(history: readonly InspectionRecord[], today: IsoDate): { ok: true; facts: Map<string, HistoryFacts> } | Failure {
  const year = yearOf(today);
  const facts = new Map<string, HistoryFacts>();
  for (let i = 0; i < history.length; i++) {
    const r = history[i] as InspectionRecord;
    const date = typeof r.date === 'string' ? parseIsoDate(r.date) : null;
    if (date === null) {
      return fail('invalid-history', `检查记录日期格式错误：企业 ${r.uscc} 的记录日期为「${String(r.date)}」`);
    }
    let f = facts.get(r.uscc);
    if (f === undefined) {
      f = emptyFacts();
      facts.set(r.uscc, f);
    }
    addRecord(f, r, date.year === year);
  }
  for (const f of facts.values()) f.lastInspectors = Object.freeze([...canonicalList(f.lastInspectors)]);
  return { ok: true, facts };
}
