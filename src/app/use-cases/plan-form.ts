import { planLabel } from '../../domain/plan';
import { chatOperator } from '../operator';
import { readPlanForm } from '../plan-form-values';
import { todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { planFormCard } from '../views/plan-cards';
import { savePlan } from './save-plan';
import { findPlan, planProgressView, type PlanRef } from './show-plan';

/** `/plan 新建` and `/plan 编辑 [文号|年份]` (no plan named: this year's default): the form card (administrators). */
export async function openPlanForm(ctx: UseCaseContext, ref: PlanRef | 'new' | undefined): Promise<UseCaseResult> {
  const year = Number(todayOf(ctx.env).slice(0, 4));
  if (ref === 'new') return { reply: { type: 'card', card: planFormCard({ year }) } };
  const plan = await findPlan(ctx.repos, ctx.actor.agencyId, ref ?? { year }, year);
  return { reply: { type: 'card', card: planFormCard({ plan, year }) } };
}

/** The 编辑计划 button of a progress card: the form in place of the card. */
export async function editPlanButton(ctx: UseCaseContext, input: { planId: number }): Promise<UseCaseResult> {
  const year = Number(todayOf(ctx.env).slice(0, 4));
  const plan = await findPlan(ctx.repos, ctx.actor.agencyId, { planId: input.planId }, year);
  return { card: planFormCard({ plan, year }) };
}

/**
 * The form's 保存: every problem back on the form with nothing saved, or the plan saved and the
 * card turned into its progress card.
 */
export async function submitPlanForm(ctx: UseCaseContext, input: { planId?: number; values: Record<string, string> }): Promise<UseCaseResult> {
  const today = todayOf(ctx.env);
  const year = Number(today.slice(0, 4));
  const existing = input.planId ? await findPlan(ctx.repos, ctx.actor.agencyId, { planId: input.planId }, year) : undefined;
  const read = readPlanForm(input.values, existing, year);
  const saved = read.ok ? await savePlan(chatOperator(ctx), { planId: existing?.id, content: read.content, makeDefault: read.makeDefault }) : read;
  if (!saved.ok) {
    return {
      toast: { kind: 'error', text: `有 ${saved.problems.length} 处需要修改，未保存。` },
      card: planFormCard({ ...(existing ? { plan: existing } : {}), year, problems: saved.problems }),
    };
  }
  const card = await planProgressView(ctx.repos, saved.plan, today, true);
  const what = saved.unchanged ? '内容没有变化' : saved.created ? '已录入' : '已保存修改';
  const asDefault = saved.plan.isDefault ? `，为 ${saved.plan.year} 年默认计划` : '';
  return { toast: { kind: saved.unchanged ? 'info' : 'success', text: `${planLabel(saved.plan)} ${what}${asDefault}。` }, card };
}
