/**
 * The year's figures of the inspections (统计) and the year-end assessment (年终考评), from the
 * tasks alone: pure, no clock (today is given). Plan step 9 (“纳入年终责任目标考核”); the
 * publication deadline is the plan's 5 working days (偃应急〔2023〕18号 §二(三)), already fixed on
 * each task as `publicationDue`.
 */
import type { IsoDate } from '../model';

/** One inspection task as the figures read it. */
export interface StatTask {
  industry: string;
  township: string;
  status: 'assigned' | 'inspected' | 'published' | 'cancelled';
  publicationDue: IsoDate | null;
  /** The Shanghai date the result was marked published. */
  publishedOn: IsoDate | null;
  officers: ReadonlyArray<{ personId: number; name: string; unit: string; status: 'pending' | 'confirmed' | 'recused' | 'released' }>;
  findings: {
    /** Each hazard: a 重大事故隐患 or not, and whether it is rectified (on the spot, or found so at a 复查). */
    hazards: ReadonlyArray<{ major: boolean; rectified: boolean }>;
    majorHazard: boolean;
  } | null;
}

export interface StatFigures {
  /** Tasks drawn (a cancelled draw's tasks left out). */
  tasks: number;
  /** Tasks whose officers all confirmed (for an officer: those he confirmed). */
  confirmed: number;
  /** Tasks inspected (findings submitted), published or not. */
  inspected: number;
  publishedOnTime: number;
  publishedLate: number;
  /** Inspected, not published, past the deadline (today after it). */
  overdue: number;
  hazards: number;
  /** Hazards rectified, each on its own: ordered removed on the spot, or found rectified at a 复查 round. */
  hazardsRectified: number;
  majorHazards: number;
}

export interface StatRow extends StatFigures {
  /** The industry, township, unit, or the officer's name. */
  label: string;
  /** The officer's unit (officer rows only). */
  unit?: string;
}

export interface Statistics {
  total: StatFigures;
  byIndustry: StatRow[];
  byTownship: StatRow[];
  byOfficer: StatRow[];
  byUnit: StatRow[];
}

const ZERO: StatFigures = {
  tasks: 0,
  confirmed: 0,
  inspected: 0,
  publishedOnTime: 0,
  publishedLate: 0,
  overdue: 0,
  hazards: 0,
  hazardsRectified: 0,
  majorHazards: 0,
};

/** The officers who answer for a task: those drawn and not recused or released. */
const active = (t: StatTask) => t.officers.filter((o) => o.status === 'pending' || o.status === 'confirmed');

/** What one task adds to a group's figures; `confirmed` as given (the team's, or one officer's). */
function figuresOf(t: StatTask, confirmed: boolean, today: IsoDate): StatFigures {
  const inspected = t.status === 'inspected' || t.status === 'published';
  const published = t.status === 'published';
  const onTime = published && t.publicationDue !== null && t.publishedOn !== null && t.publishedOn <= t.publicationDue;
  const f = t.findings;
  const hazards = f?.hazards.length ?? 0;
  const rectified = f?.hazards.filter((h) => h.rectified).length ?? 0;
  const major = f ? Math.max(f.hazards.filter((h) => h.major).length, f.majorHazard ? 1 : 0) : 0;
  return {
    tasks: 1,
    confirmed: confirmed || inspected ? 1 : 0,
    inspected: inspected ? 1 : 0,
    publishedOnTime: onTime ? 1 : 0,
    publishedLate: published && !onTime ? 1 : 0,
    overdue: t.status === 'inspected' && t.publicationDue !== null && today > t.publicationDue ? 1 : 0,
    hazards,
    hazardsRectified: rectified,
    majorHazards: major,
  };
}

function add(a: StatFigures, b: StatFigures): StatFigures {
  const out = { ...a };
  for (const k of Object.keys(ZERO) as Array<keyof StatFigures>) out[k] += b[k];
  return out;
}

/** Rows by a key, in the order given by `compare` on the labels. */
function grouped(entries: Array<{ key: string; label: string; unit?: string; figures: StatFigures }>, compare: (a: string, b: string) => number): StatRow[] {
  const rows = new Map<string, StatRow>();
  for (const e of entries) {
    const row = rows.get(e.key) ?? { label: e.label, ...(e.unit !== undefined ? { unit: e.unit } : {}), ...ZERO };
    rows.set(e.key, { ...row, ...add(row, e.figures) });
  }
  return [...rows.values()].sort((a, b) => compare(a.unit ?? '', b.unit ?? '') || compare(a.label, b.label));
}

/**
 * The year's figures in all and by industry, township, officer and unit. A task counts once in
 * each group it belongs to: for each of its officers, and once for each unit among them.
 */
export function statistics(tasks: readonly StatTask[], today: IsoDate, compare: (a: string, b: string) => number = defaultCompare): Statistics {
  const live = tasks.filter((t) => t.status !== 'cancelled');
  const team = (t: StatTask) => {
    const a = active(t);
    return a.length > 0 && a.every((o) => o.status === 'confirmed');
  };
  const of = (t: StatTask) => figuresOf(t, team(t), today);
  return {
    total: live.reduce((sum, t) => add(sum, of(t)), ZERO),
    byIndustry: grouped(
      live.map((t) => ({ key: t.industry, label: t.industry, figures: of(t) })),
      compare,
    ),
    byTownship: grouped(
      live.map((t) => ({ key: t.township, label: t.township || '（未填）', figures: of(t) })),
      compare,
    ),
    byOfficer: grouped(
      live.flatMap((t) =>
        active(t).map((o) => ({ key: String(o.personId), label: o.name, unit: o.unit, figures: figuresOf(t, o.status === 'confirmed', today) })),
      ),
      compare,
    ),
    byUnit: grouped(
      live.flatMap((t) => [...new Set(active(t).map((o) => o.unit))].map((unit) => ({ key: unit, label: unit || '（未填单位）', figures: of(t) }))),
      compare,
    ),
  };
}

/** 年终考评 of a unit or an officer. */
export interface AssessmentRow {
  label: string;
  unit?: string;
  tasks: number;
  inspected: number;
  /** inspected / tasks; null with no task. */
  completionRate: number | null;
  /** Results due for publication by today: published, or past their deadline. */
  due: number;
  publishedOnTime: number;
  /** publishedOnTime / due; null with nothing due. */
  timelinessRate: number | null;
}

/** Completion and timeliness rates from a group's figures. */
export function assessmentOf(row: StatRow): AssessmentRow {
  const due = row.publishedOnTime + row.publishedLate + row.overdue;
  return {
    label: row.label,
    ...(row.unit !== undefined ? { unit: row.unit } : {}),
    tasks: row.tasks,
    inspected: row.inspected,
    completionRate: row.tasks ? row.inspected / row.tasks : null,
    due,
    publishedOnTime: row.publishedOnTime,
    timelinessRate: due ? row.publishedOnTime / due : null,
  };
}

/** A rate as people read it: “87.5%”, or “—” when there is nothing to rate. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function defaultCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
