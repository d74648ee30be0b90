import { planProgress } from '../../domain/plan';
import type { PlanRow, Repos } from '../ports/store';
import { eligibleForPlan } from '../plan-eligible';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { planProgressCard } from '../views/plan-cards';
import type { CardView } from '../views/card-view';

/** Which plan `/plan` shows: by document number, the default of a year, or this year's default. */
export type PlanRef = { docNo: string } | { year: number } | { planId: number };

/** The plan named, or a refusal that lists the agency's plans and how to make one. */
export async function findPlan(repos: Repos, agencyId: number, ref: PlanRef, thisYear: number): Promise<PlanRow> {
  const plan =
    'docNo' in ref
      ? await repos.plans.byDocNo(agencyId, ref.docNo)
      : 'planId' in ref
        ? await repos.plans.byId(agencyId, ref.planId)
        : await repos.plans.defaultOf(agencyId, ref.year);
  if (plan) return plan;
  const all = await repos.plans.list(agencyId);
  const known = all.length ? `本单位的计划：${all.map((p) => `${p.year} 年 ${p.docNo ?? p.title}`).join('、')}。` : '本单位还没有抽查计划。';
  const what = 'docNo' in ref ? `文号为 ${ref.docNo} 的计划` : 'year' in ref ? `${ref.year} 年的默认计划` : '这个计划';
  const how = `管理员可发送 /plan 新建 录入计划${'year' in ref && ref.year === thisYear ? '；没有计划时，第一次 /draw 会自动建立本年度默认计划' : ''}。`;
  throw new AppError('not_found', `没有${what}。${known}${how}`);
}

/** The progress card of a plan, as `/plan` and `npm run cli -- plan show` show it. */
export async function planProgressView(repos: Repos, plan: PlanRow, today: string, canEdit: boolean): Promise<CardView> {
  const [eligible, tallies, all] = await Promise.all([eligibleForPlan(repos, plan, today), repos.plans.tallies(plan.id), repos.plans.list(plan.agencyId)]);
  return planProgressCard({ plan, rows: planProgress(plan, eligible, tallies), today, others: all.filter((p) => p.id !== plan.id), canEdit });
}

/** `/plan [文号|年份]`: a plan's progress against its targets (leaders and administrators). */
export async function showPlan(ctx: UseCaseContext, ref: PlanRef | undefined): Promise<UseCaseResult> {
  const today = todayOf(ctx.env);
  const year = Number(today.slice(0, 4));
  const plan = await findPlan(ctx.repos, ctx.actor.agencyId, ref ?? { year }, year);
  return { reply: { type: 'card', card: await planProgressView(ctx.repos, plan, today, ctx.actor.role === 'admin') } };
}
