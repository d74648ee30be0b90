/**
 * A year of an agency's inspections as the statistics, the assessment and the export read it:
 * loaded once through the ports, the figures computed by the pure domain.
 */
import type { Enterprise, IsoDate } from '../domain/model';
import { planProgress, type ProgressRow } from '../domain/plan';
import { statistics, type Statistics, type StatTask } from '../domain/reports/statistics';
import { shanghaiDate } from '../domain/workdays';
import type { PublicDraw } from './ports/public-record';
import type { ReportTask } from './ports/reports';
import type { Repos } from './ports/store';
import { eligibleForPlan } from './plan-eligible';

export interface YearReport {
  agencyName: string;
  agencyShortName: string;
  year: number;
  /** The day the figures are counted to (overdue means past its deadline on this day). */
  today: IsoDate;
  tasks: ReportTask[];
  /** The year's announced draws (executed, cancelled, abandoned), oldest first. */
  draws: PublicDraw[];
  enterprises: Enterprise[];
  stats: Statistics;
  /** Years with draws, newest first (to suggest one when the year asked has none). */
  years: number[];
  /** The year's plans (年度抽查计划) with their progress against each target, for the assessment. */
  plans: PlanOfYear[];
}

/** A plan of the year and its progress (as `/plan` shows it). */
export interface PlanOfYear {
  docNo: string | null;
  title: string;
  isDefault: boolean;
  rows: ProgressRow[];
}

/** Labels in the order of the Chinese reader (pinyin). */
export const zhCompare = new Intl.Collator('zh-CN').compare;

/**
 * A hazard is rectified when it was ordered removed on the spot (立即整改) or a 复查 round found it
 * rectified. A record from before 复查 rounds had one result for the whole inspection.
 */
function hazardRectified(t: ReportTask, h: { no: number; rectification: string }): boolean {
  if (h.rectification === 'immediate') return true;
  if (t.rechecks.length === 0) return t.findings?.recheckResult === 'rectified';
  return t.rechecks.some((r) => r.results.some((x) => x.no === h.no && x.result === 'rectified'));
}

export function statTaskOf(t: ReportTask): StatTask {
  return {
    industry: t.industry,
    township: t.township,
    status: t.status,
    publicationDue: t.publicationDue,
    publishedOn: t.publishedAt ? shanghaiDate(t.publishedAt) : null,
    // An officer whose recusal awaits the head's decision has not confirmed: counted as pending.
    officers: t.officers.map((o) => ({ ...o, status: o.status === 'awaiting_recusal' ? 'pending' : o.status })),
    findings: t.findings && {
      hazards: t.findings.hazards.map((h) => ({ major: h.level === 'major', rectified: hazardRectified(t, h) })),
      majorHazard: t.findings.majorHazard,
    },
  };
}

/** Reads the year and computes its figures; `withDirectory` also reads the enterprise directory (the export's register sheet). */
export async function loadYearReport(
  repos: Repos,
  q: { agencyId: number; year: number; today: IsoDate; withDirectory?: boolean },
): Promise<YearReport | undefined> {
  const agency = await repos.directory.agency(q.agencyId);
  if (!agency) return undefined;
  const tasks = await repos.reports.tasksOfYear(q.agencyId, q.year);
  const { rows } = await repos.publicRecord.draws({ agencyId: q.agencyId, year: q.year }, { limit: 10_000, enterprisesEach: 0 });
  const plans = (await repos.plans.list(q.agencyId)).filter((p) => p.year === q.year);
  // Today's eligible directory, read at most once for all the year's plans.
  let current: Promise<Record<string, number>> | undefined;
  const currentCounts = () => (current ??= repos.directory.eligibleByIndustry(q.agencyId));
  return {
    agencyName: agency.name,
    agencyShortName: agency.shortName,
    year: q.year,
    today: q.today,
    tasks,
    draws: rows.reverse(),
    enterprises: q.withDirectory ? await repos.reports.enterprises(q.agencyId) : [],
    stats: statistics(tasks.map(statTaskOf), q.today, zhCompare),
    years: await repos.reports.years(q.agencyId),
    plans: await Promise.all(
      // Percentage targets are shares of the eligible directory, as /plan counts them (frozen once the year is over).
      plans.map(async (p) => ({
        docNo: p.docNo,
        title: p.title,
        isDefault: p.isDefault,
        rows: planProgress(p, await eligibleForPlan(repos, p, q.today, currentCounts), await repos.plans.tallies(p.id)),
      })),
    ),
  };
}
