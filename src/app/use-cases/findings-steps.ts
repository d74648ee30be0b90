/**
 * The steps of the findings form before its submission (see views/findings-form.ts): each saves
 * its part of the draft and shows the next card. A step whose input is wrong comes back with
 * every problem named and the draft unchanged. Drafts are not audited: nothing in them is part of
 * the record until 提交检查结果, whose audit entry carries the whole record.
 */
import { validateHazard, validateItemsStep, validateNotesStep } from '../../domain/findings/steps';
import { EMPTY_DRAFT, type FindingsDraft, type Hazard } from '../../domain/findings/types';
import { currentTaskView, loadOwnTask, type OwnTask } from '../task-access';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { findingsStepCard, type FindingsStep } from '../views/findings-form';

export interface DraftTask extends OwnTask {
  draft: FindingsDraft;
}

/**
 * The task while its findings may still be entered by the actor (assigned, and he confirmed),
 * with its draft; otherwise a result that shows where the task stands.
 */
export async function openDraft(ctx: UseCaseContext, taskId: number): Promise<DraftTask | UseCaseResult> {
  const own = await loadOwnTask(ctx, taskId);
  if (own.task.status !== 'assigned') return { toast: { kind: 'info', text: '这项任务的检查结果已经提交。' }, card: await currentTaskView(ctx, own) };
  if (own.me.status === 'awaiting_recusal') throw new AppError('invalid', '你的回避申请正在等待局领导审批，审批前无需填报检查结果。');
  if (own.me.status !== 'confirmed') throw new AppError('invalid', '请先点击“确认接收”任务，再填报检查结果。');
  return { ...own, draft: (await ctx.repos.records.draft(taskId)) ?? EMPTY_DRAFT };
}

export const isDraftTask = (x: DraftTask | UseCaseResult): x is DraftTask => 'draft' in x;

export function stepCard(ctx: UseCaseContext, d: DraftTask, step: FindingsStep, errors: string[] = []) {
  return findingsStepCard(step, { task: d.task, items: d.items, draft: d.draft, today: todayOf(ctx.env) }, errors);
}

async function save(ctx: UseCaseContext, d: DraftTask, draft: FindingsDraft, next: FindingsStep, text: string): Promise<UseCaseResult> {
  await ctx.repos.records.saveDraft(d.task.id, draft, ctx.actor.id, ctx.env.clock.now());
  return { toast: { kind: 'success', text }, card: stepCard(ctx, { ...d, draft }, next) };
}

const refused = (ctx: UseCaseContext, d: DraftTask, step: FindingsStep, errors: string[]): UseCaseResult => ({
  toast: { kind: 'error', text: `有 ${errors.length} 处需要修改，未保存。` },
  card: stepCard(ctx, d, step, errors),
});

/** Step 1 submitted: the date and item results; notes of items no longer 不符合 are dropped. */
export async function saveFindingsItems(ctx: UseCaseContext, input: { taskId: number; values: Record<string, string> }): Promise<UseCaseResult> {
  const d = await openDraft(ctx, input.taskId);
  if (!isDraftTask(d)) return d;
  const check = validateItemsStep(input.values, { items: d.items, today: todayOf(ctx.env) });
  if (!check.ok) return refused(ctx, d, 'items', check.errors);
  const { inspectionDate, itemResults } = check.value;
  const itemNotes = Object.fromEntries(Object.entries(d.draft.itemNotes ?? {}).filter(([code]) => itemResults[code] === '不符合'));
  const failing = Object.values(itemResults).includes('不符合');
  return save(ctx, d, { ...d.draft, inspectionDate, itemResults, itemNotes }, failing ? 'notes' : 'hazards', '检查事项已保存。');
}

/** Step 2 submitted: what was found for each 不符合 item. */
export async function saveFindingsNotes(ctx: UseCaseContext, input: { taskId: number; values: Record<string, string> }): Promise<UseCaseResult> {
  const d = await openDraft(ctx, input.taskId);
  if (!isDraftTask(d)) return d;
  const failing = d.items.filter((i) => d.draft.itemResults?.[i.code] === '不符合');
  const check = validateNotesStep(input.values, failing);
  if (!check.ok) return refused(ctx, d, 'notes', check.errors);
  return save(ctx, d, { ...d.draft, itemNotes: check.value }, 'hazards', '不符合说明已保存。');
}

/**
 * 添加隐患: one more hazard at the end of the list. The same hazard as the last one, submitted
 * again (a double tap on 添加隐患), adds nothing and shows the list as it stands: one place
 * does not hold one hazard twice.
 */
export async function addHazard(ctx: UseCaseContext, input: { taskId: number; values: Record<string, string> }): Promise<UseCaseResult> {
  const d = await openDraft(ctx, input.taskId);
  if (!isDraftTask(d)) return d;
  const check = validateHazard(input.values, {
    itemCodes: d.items.map((i) => i.code),
    inspectionDate: d.draft.inspectionDate,
    existing: d.draft.hazards.length,
  });
  if (!check.ok) return refused(ctx, d, 'hazards', check.errors);
  const last = d.draft.hazards.at(-1);
  if (last && sameHazard(last, check.value)) return { toast: { kind: 'info', text: `第 ${last.no} 条隐患已添加。` }, card: stepCard(ctx, d, 'hazards') };
  return save(ctx, d, { ...d.draft, hazards: [...d.draft.hazards, check.value] }, 'hazards', `已添加第 ${check.value.no} 条隐患。`);
}

/** Two hazards alike in everything the officer entered (not their numbers). */
function sameHazard(a: Hazard, b: Hazard): boolean {
  return (
    a.description === b.description &&
    a.location === b.location &&
    a.itemCode === b.itemCode &&
    a.level === b.level &&
    a.rectification === b.rectification &&
    a.due === b.due
  );
}

/** 删除第 N 条: the hazard removed and the rest renumbered. A stale click (already removed) changes nothing. */
export async function removeHazard(ctx: UseCaseContext, input: { taskId: number; no: number }): Promise<UseCaseResult> {
  const d = await openDraft(ctx, input.taskId);
  if (!isDraftTask(d)) return d;
  if (!d.draft.hazards.some((h) => h.no === input.no))
    return { toast: { kind: 'info', text: `第 ${input.no} 条隐患已不在清单中。` }, card: stepCard(ctx, d, 'hazards') };
  const hazards = d.draft.hazards.filter((h) => h.no !== input.no).map((h, i) => ({ ...h, no: i + 1 }));
  return save(ctx, d, { ...d.draft, hazards }, 'hazards', `已删除第 ${input.no} 条隐患。`);
}

/** 返回 / 下一步 between steps; forward only once the steps before are done. */
export async function goToFindingsStep(ctx: UseCaseContext, input: { taskId: number; step: FindingsStep }): Promise<UseCaseResult> {
  const d = await openDraft(ctx, input.taskId);
  if (!isDraftTask(d)) return d;
  if (input.step !== 'items' && !d.draft.itemResults)
    return { toast: { kind: 'warning', text: '请先完成第 1 步：检查事项。' }, card: stepCard(ctx, d, 'items') };
  const noFailing = !Object.values(d.draft.itemResults ?? {}).includes('不符合');
  return { card: stepCard(ctx, d, input.step === 'notes' && noFailing ? 'hazards' : input.step) };
}

/** 填报检查结果 on the task card: the form where the draft stands (step 1 when it is new). */
export async function showFindingsForm(ctx: UseCaseContext, input: { taskId: number }): Promise<UseCaseResult> {
  const d = await openDraft(ctx, input.taskId);
  if (!isDraftTask(d)) return d;
  const step: FindingsStep = !d.draft.itemResults ? 'items' : d.draft.hazards.length || d.draft.conclusion ? 'hazards' : 'items';
  return { reply: { type: 'card', card: stepCard(ctx, d, step) } };
}
