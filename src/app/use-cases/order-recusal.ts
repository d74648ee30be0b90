import { audit } from '../audit';
import type { RecusalGround } from '../../domain/recusal/grounds';
import { findDrawByRef } from '../draw-lookup';
import { alreadyDecidedText, announceRecusalDecision, recusalView } from '../recusal-access';
import { drawReplacementFor, type ReplacementOutcome } from '../replacement-draw';
import { lockTask } from '../task-access';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { recusalLeaderCard, recusalOrderForm } from '../views/recusal-cards';

/** `/recuse 编号 组号`: the form in which a leader orders an officer of that task to recuse. */
export async function showRecusalOrderForm(ctx: UseCaseContext, input: { ref: string; group: number }): Promise<UseCaseResult> {
  const draw = await findDrawByRef(ctx, input.ref);
  const task = (await ctx.repos.tasks.ofDraw(draw.id)).find((t) => t.ordinal === input.group - 1);
  if (!task) throw new AppError('not_found', `${draw.drawNo} 没有第 ${input.group} 组。发送 /tasks ${draw.drawNo} 可查看各组。`);
  if (task.status !== 'assigned') throw new AppError('invalid', `${draw.drawNo} 第 ${input.group} 组已不在检查阶段，不能再决定回避。`);
  const officers = task.officers.filter((o) => o.status === 'pending' || o.status === 'confirmed');
  const waiting = task.officers.filter((o) => o.status === 'awaiting_recusal').map((o) => o.name);
  if (officers.length === 0) {
    throw new AppError(
      'invalid',
      `${draw.drawNo} 第 ${input.group} 组没有可决定回避的人员${waiting.length ? `（${waiting.join('、')}的回避申请待审批，请在审批卡片上决定）` : ''}。`,
    );
  }
  return { reply: { type: 'card', card: recusalOrderForm(task, officers) } };
}

/**
 * 决定回避: the agency head orders an officer off a task (河南省行政执法条例 第二十三条: the agency
 * may order a recusal). Decided when made: the officer leaves the task, a replacement is drawn
 * from the same seed, and the officer is told the decision and its reason by direct message.
 */
export async function orderRecusal(
  ctx: UseCaseContext,
  input: { taskId: number; taskOfficerId: number; ground: RecusalGround; reason: string },
): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const task = await lockTask(ctx, input.taskId);
  if (!task || task.agencyId !== actor.agencyId) throw new AppError('not_found', '找不到这项检查任务。');
  const officer = task.officers.find((o) => o.id === input.taskOfficerId);
  if (!officer) throw new AppError('invalid', '所选人员不是本任务的执法人员，请重新发送 /recuse 获取表单。');
  if (officer.personId === actor.id) throw new AppError('permission', '本人的回避由上级机关决定，不能自行决定。');
  const decided = (await repos.recusals.ofTask(task.id)).filter((r) => r.taskOfficerId === officer.id && r.status === 'approved').at(-1);
  if (officer.status === 'recused' && decided) {
    // A second submit of the same form: the decision as it was made.
    const v = await recusalView(repos, decided.id);
    return { toast: { kind: 'info', text: alreadyDecidedText(v) }, card: recusalLeaderCard(v) };
  }
  if (task.status !== 'assigned' || (officer.status !== 'pending' && officer.status !== 'confirmed')) {
    const why =
      officer.status === 'awaiting_recusal' ? `${officer.name}的回避申请待审批，请在审批卡片上决定。` : `${officer.name}已不在本任务中，或任务已不在检查阶段。`;
    return { toast: { kind: 'info', text: why } };
  }
  const at = env.clock.now();
  await repos.tasks.setOfficerStatus(officer.id, ['pending', 'confirmed'], 'recused', { at });
  const recusalId = await repos.recusals.insert({
    agencyId: task.agencyId,
    taskId: task.id,
    taskOfficerId: officer.id,
    kind: 'order',
    ground: input.ground,
    reason: input.reason,
    requestedBy: actor.id,
    requestedAt: at,
    previousStatus: officer.status,
    decided: { by: actor.id, at },
  });
  await audit(repos, actor, 'task.recusal_ordered', {
    agencyId: task.agencyId,
    subject: `task:${task.id}`,
    data: { recusalId, certificateNo: officer.certificateNo, ground: input.ground, reason: input.reason },
  });
  const outcome: ReplacementOutcome = await drawReplacementFor(repos, task, officer, todayOf(env));
  if (outcome.ok) await repos.recusals.setReplacement(recusalId, outcome.replacementNo);
  const v = await announceRecusalDecision(ctx, recusalId, outcome);
  const text = outcome.ok
    ? `已决定${officer.name}回避，已随机补抽 ${outcome.person.name}，并私信通知${officer.name}。`
    : `已决定${officer.name}回避，但暂无符合条件的人员可补抽，请决定处理方式（如 /cancel 后重新抽取）。`;
  return { toast: { kind: outcome.ok ? 'success' : 'warning', text }, card: recusalLeaderCard(v) };
}
