/**
 * Progress of a plan against its targets (纳入年终责任目标考核: 偃应急〔2023〕18号 §五(一)): for
 * each batch and industry, the target and how many enterprises were drawn, inspected and
 * published. Counted from the tasks of the plan's executed draws; a cancelled task counts nowhere.
 */
import { targetCount, targetText } from './targets';
import type { PlanContent } from './types';

/** Tasks of the plan in one state, as progress counts them (grouped where they are stored). */
export interface TaskTally {
  /** The batch of their draw; null for a draw of a plan without batches. */
  batch: number | null;
  industry: string;
  status: 'assigned' | 'inspected' | 'published';
  count: number;
}

export interface ProgressRow {
  batch: number | null;
  industry: string;
  /** Enterprises the target asks for; null where the plan sets none (draws without a target). */
  target: number | null;
  /** How the plan wrote it (`机械 5 家`, `建材 10%`). */
  targetText: string;
  drawn: number;
  /** Inspected: findings submitted (published ones included). */
  inspected: number;
  published: number;
}

/**
 * One row per target of each batch, in plan order, then one per (batch, industry) drawn without
 * a target. `eligible` is the eligible directory per industry (for percentage targets).
 */
export function planProgress(plan: PlanContent, eligible: Readonly<Record<string, number>>, tasks: readonly TaskTally[]): ProgressRow[] {
  const key = (batch: number | null, industry: string) => `${batch ?? ''}|${industry}`;
  const counts = new Map<string, { drawn: number; inspected: number; published: number }>();
  for (const t of tasks) {
    const k = key(t.batch, t.industry);
    const c = counts.get(k) ?? { drawn: 0, inspected: 0, published: 0 };
    c.drawn += t.count;
    if (t.status !== 'assigned') c.inspected += t.count;
    if (t.status === 'published') c.published += t.count;
    counts.set(k, c);
  }
  const empty = { drawn: 0, inspected: 0, published: 0 };
  const rows: ProgressRow[] = [];
  const covered = new Set<string>();
  for (const b of plan.batches) {
    for (const t of b.targets) {
      const k = key(b.no, t.industry);
      covered.add(k);
      rows.push({
        batch: b.no,
        industry: t.industry,
        target: targetCount(t.amount, eligible[t.industry] ?? 0),
        targetText: targetText(t),
        ...(counts.get(k) ?? empty),
      });
    }
  }
  const batchOrder = (b: number | null) => (b === null ? Number.MAX_SAFE_INTEGER : b);
  const rest = [...counts.entries()]
    .filter(([k]) => !covered.has(k))
    .map(([k, c]) => {
      const [b, industry] = k.split('|') as [string, string];
      return { batch: b === '' ? null : Number(b), industry, target: null, targetText: '—', ...c };
    })
    .sort((x, y) => batchOrder(x.batch) - batchOrder(y.batch) || x.industry.localeCompare(y.industry, 'zh'));
  return [...rows, ...rest];
}

/** The plan's totals: targets summed where set, and every task counted. */
export function progressTotals(rows: readonly ProgressRow[]): { target: number; drawn: number; inspected: number; published: number } {
  return rows.reduce(
    (sum, r) => ({
      target: sum.target + (r.target ?? 0),
      drawn: sum.drawn + r.drawn,
      inspected: sum.inspected + r.inspected,
      published: sum.published + r.published,
    }),
    { target: 0, drawn: 0, inspected: 0, published: 0 },
  );
}

/** How far a plan's targets were met (年终考评: 纳入年终责任目标考核). */
export interface TargetsMet {
  /** Targets the plan sets (one per batch and industry). */
  set: number;
  /** Targets with at least as many enterprises inspected as they ask. */
  met: number;
  /** Enterprises the targets ask for in all. */
  target: number;
  /** Enterprises inspected toward them, each target's counted up to its own number (a surplus in one does not hide a shortfall in another). */
  inspected: number;
}

/**
 * The targets met: a target counts as met when the enterprises inspected in its batch and
 * industry (findings submitted, published or not) reach it. Drawn is not enough: the plan asks
 * for inspections. Rows without a target are left out.
 */
export function targetsMet(rows: readonly ProgressRow[]): TargetsMet {
  return rows.reduce(
    (sum, r) =>
      r.target === null
        ? sum
        : {
            set: sum.set + 1,
            met: sum.met + (r.inspected >= r.target ? 1 : 0),
            target: sum.target + r.target,
            inspected: sum.inspected + Math.min(r.inspected, r.target),
          },
    { set: 0, met: 0, target: 0, inspected: 0 },
  );
}
