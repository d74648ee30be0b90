import { canonicalJson } from '../../domain/canonical-json';
import type { PlanContent } from '../../domain/plan';
import { planLabel, planProblems } from '../../domain/plan';
import { audit, auditActor } from '../audit';
import { defaultPlanTitle, planRecord } from '../draw-plan';
import { operatorActor, operatorAgencyId, requireAdmin, type Operator, type OperatorContext } from '../operator';
import type { PlanRow } from '../ports/store';
import { PLAN_FIELD_LABELS } from '../views/plan-cards';
import { AppError } from '../use-case';

export type SavePlanResult = { ok: true; plan: PlanRow; created: boolean; unchanged: boolean } | { ok: false; problems: string[] };

/** Same content, whatever order the stored jsonb gave the keys. */
const same = (a: PlanContent, b: PlanContent) =>
  canonicalJson([a.docNo, a.year, a.title, a.checkItems, a.batches]) === canonicalJson([b.docNo, b.year, b.title, b.checkItems, b.batches]);

/**
 * Creates a plan (no `planId`) or replaces one's content, administrators only, from the chat's
 * form or the CLI. A new plan becomes its year's default when asked, or when the year has none
 * or only a default made on demand that no draw uses yet. A second submit of the same new plan
 * (a double click) finds it saved and changes nothing.
 */
export async function savePlan(
  ctx: OperatorContext<Operator>,
  input: { planId?: number; content: PlanContent; makeDefault?: boolean },
): Promise<SavePlanResult> {
  const { repos, operator, env } = ctx;
  requireAdmin(operator, input.planId ? '修改抽查计划' : '录入抽查计划');
  const agencyId = operatorAgencyId(operator);
  const actor = operatorActor(operator);
  const at = env.clock.now();
  const content = { ...input.content, title: input.content.title.trim() };
  const problems = planProblems(content).map((p) => `「${PLAN_FIELD_LABELS[p.field]}」${p.text}`);
  if (problems.length) return { ok: false, problems };
  const existing = input.planId ? await repos.plans.byId(agencyId, input.planId) : undefined;
  if (input.planId && !existing) throw new AppError('not_found', '找不到这个抽查计划，它可能属于其他单位。请发送 /plan 查看。');
  if (existing) await repos.plans.lock(existing.id);
  const holder = content.docNo ? await repos.plans.byDocNo(agencyId, content.docNo) : undefined;
  if (holder && holder.id !== existing?.id) {
    if (!existing && same(holder, content)) return { ok: true, plan: holder, created: false, unchanged: true };
    return {
      ok: false,
      problems: [
        `「${PLAN_FIELD_LABELS.docNo}」${content.docNo} 已是计划“${holder.title}”的文号，请检查文号，或发送 /plan 编辑 ${content.docNo} 修改那个计划。`,
      ],
    };
  }
  if (existing && existing.year !== content.year && (await repos.plans.drawCount(existing.id)) > 0) {
    return { ok: false, problems: [`「${PLAN_FIELD_LABELS.year}」${planLabel(existing)} 已有抽取，不能改到其他年度；请为 ${content.year} 年新建计划。`] };
  }

  if (existing?.isDefault && input.makeDefault === false) {
    return {
      ok: false,
      problems: [`「${PLAN_FIELD_LABELS.isDefault}」${planLabel(existing)} 是 ${existing.year} 年的默认计划；要换默认计划，请在另一个计划上选择“是”。`],
    };
  }
  let plan: PlanRow;
  if (existing) {
    if (same(existing, content) && (input.makeDefault === undefined || input.makeDefault === existing.isDefault)) {
      return { ok: true, plan: existing, created: false, unchanged: true };
    }
    plan = (await repos.plans.update(agencyId, existing.id, content, at))!;
    await audit(repos, actor, 'plan.updated', { agencyId, subject: `plan:${plan.id}`, data: { before: planRecord(existing), after: planRecord(plan) } });
  } else {
    plan = await repos.plans.insert({ ...content, agencyId, isDefault: false, createdBy: auditActor(actor) });
    await audit(repos, actor, 'plan.created', { agencyId, subject: `plan:${plan.id}`, data: planRecord(plan) });
  }
  if (await shouldBecomeDefault(ctx, plan, input.makeDefault, !existing)) {
    await repos.plans.setDefault(agencyId, plan.id, at);
    await audit(repos, actor, 'plan.default_set', { agencyId, subject: `plan:${plan.id}`, data: { year: plan.year } });
    plan = (await repos.plans.byId(agencyId, plan.id))!;
  }
  return { ok: true, plan, created: !existing, unchanged: false };
}

async function shouldBecomeDefault(ctx: OperatorContext<Operator>, plan: PlanRow, asked: boolean | undefined, created: boolean): Promise<boolean> {
  if (plan.isDefault) return false;
  if (asked !== undefined) return asked;
  if (!created) return false;
  const current = await ctx.repos.plans.defaultOf(plan.agencyId, plan.year);
  if (!current) return true;
  // The default made on demand, unused: the plan the bureau has just entered takes its place.
  return current.docNo === null && current.title === defaultPlanTitle(current.year) && (await ctx.repos.plans.drawCount(current.id)) === 0;
}
