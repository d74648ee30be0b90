/**
 * The plan and batch a draw belongs to (every draw belongs to one: 偃应急〔2023〕18号 §五(四)
 * “严格按照执法计划…进行安全生产行政执法”). A draw names its plan by document number, or goes to
 * its year's default plan, which is created on demand (no number, every check item, no batches)
 * the first time a draw of a year names none, so that a bureau that has entered no plan yet
 * can still draw. The batch is the one named, or the one holding the draw's window; the draw's
 * window and industries are then checked against the batch.
 */
import { CHECK_ITEMS } from '../domain/catalog/check-items';
import type { DrawFilters, QuotaSpec } from '../domain/draw/types';
import { INDUSTRIES, type Industry, type IsoDate } from '../domain/model';
import { batchLabel, checkDrawInBatch, chooseBatch, defaultWindowIn, planLabel, type PlanBatch } from '../domain/plan';
import { addDays } from '../domain/workdays';
import { audit, type AuditActor } from './audit';
import type { PlanRow, Repos } from './ports/store';
import { AppError } from './use-case';

/** What `/draw` said about its plan: `计划 偃应急〔2026〕18号`, `第二批`. */
export interface DrawPlanRef {
  docNo?: string;
  batch?: number;
}

/** The title of a default plan made on demand. */
export const defaultPlanTitle = (year: number) => `${year}年度“双随机、一公开”抽查（默认计划）`;

/**
 * The year's default plan, created when there is none. Its creation is audited like any plan's
 * (actor: the person whose draw needed it).
 */
export async function ensureDefaultPlan(repos: Repos, agencyId: number, year: number, actor: AuditActor): Promise<PlanRow> {
  const existing = await repos.plans.defaultOf(agencyId, year);
  if (existing) return existing;
  const plan = await repos.plans.insert({
    agencyId,
    docNo: null,
    year,
    title: defaultPlanTitle(year),
    checkItems: CHECK_ITEMS.map((c) => c.code),
    batches: [],
    isDefault: true,
    createdBy: 'system',
  });
  await audit(repos, actor, 'plan.created', { agencyId, subject: `plan:${plan.id}`, data: { ...planRecord(plan), onDemand: true } });
  return plan;
}

/** What the audit log keeps of a plan. */
export function planRecord(p: PlanRow): Record<string, unknown> {
  return { docNo: p.docNo, year: p.year, title: p.title, checkItems: p.checkItems, batches: p.batches, isDefault: p.isDefault };
}

/** The industries a draw may draw from (null: every industry, none named). */
export function drawIndustries(filters: DrawFilters, quotas: QuotaSpec): Industry[] | null {
  const named = new Set<string>(filters.industries ?? []);
  if (typeof quotas === 'object' && 'byIndustry' in quotas) for (const k of Object.keys(quotas.byIndustry)) named.add(k);
  return named.size ? INDUSTRIES.filter((i) => named.has(i)) : null;
}

export interface DrawPlacement {
  plan: PlanRow;
  batch: PlanBatch | null;
  window: { from: IsoDate; to: IsoDate };
  /** `偃应急〔2026〕18号 第一批`, for the announcement card. */
  text: string;
}

/**
 * Places a draw in its plan and batch, and gives its window (the one typed, else within the
 * batch, else the next 30 days). Refuses with the reason and how to fix it.
 */
export async function placeDraw(
  repos: Repos,
  agencyId: number,
  draw: { ref: DrawPlanRef; window?: { from: IsoDate; to: IsoDate }; filters: DrawFilters; quotas: QuotaSpec; today: IsoDate; actor: AuditActor },
): Promise<DrawPlacement> {
  const { ref, today } = draw;
  let plan: PlanRow | undefined;
  if (ref.docNo) {
    plan = await repos.plans.byDocNo(agencyId, ref.docNo);
    if (!plan) {
      const known = (await repos.plans.list(agencyId)).filter((p) => p.docNo).map((p) => p.docNo);
      throw new AppError(
        'invalid',
        `没有文号为 ${ref.docNo} 的抽查计划。${known.length ? `已有的计划：${known.join('、')}。` : '还没有录入任何计划。'}发送 /plan 查看计划，管理员可用 /plan 新建 录入。`,
      );
    }
  } else {
    const year = Number((draw.window?.from ?? today).slice(0, 4));
    plan = await ensureDefaultPlan(repos, agencyId, year, draw.actor);
  }
  await repos.plans.lock(plan.id);
  const chosen = chooseBatch(plan, { ...(ref.batch !== undefined ? { batch: ref.batch } : {}), ...(draw.window ? { window: draw.window } : {}), today });
  if (!chosen.ok) throw new AppError('invalid', chosen.reason);
  const batch = chosen.batch;
  const window = draw.window ?? (batch ? defaultWindowIn(batch, today) : { from: today, to: addDays(today, 30) });
  if (batch) {
    const directed = draw.filters.usccs !== undefined;
    const refused = checkDrawInBatch(plan, batch, { window, industries: drawIndustries(draw.filters, draw.quotas), directed });
    if (refused) throw new AppError('invalid', refused.reason);
  }
  return { plan, batch, window, text: batch ? `${planLabel(plan)} ${batchLabel(batch.no)}` : planLabel(plan) };
}
