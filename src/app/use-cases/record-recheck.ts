import { audit } from '../audit';
import type { RecheckResult } from '../ports/store';
import { loadOwnTask } from '../task-access';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';
import { deadlinesView } from './my-deadlines';

const RESULT_TEXT: Record<RecheckResult, string> = { rectified: '已整改', not_rectified: '未整改，应立案查处' };

/**
 * 复查: an officer of the task records whether the enterprise rectified the hazards by the
 * 限期整改 deadline. 未整改 is reported to the bureau's group for 立案 (a hazard not eliminated
 * after an order to do so: 安全生产法 第一百零二条). Recorded once (conditional update): a second
 * click changes nothing and shows the result already recorded. The clicked card is re-rendered.
 */
export async function recordRecheck(ctx: UseCaseContext, input: { taskId: number; result: RecheckResult; view: 'all' | 'digest' }): Promise<UseCaseResult> {
  const { result, view } = input;
  const own = await loadOwnTask(ctx, input.taskId);
  if (own.me.status !== 'confirmed') throw new AppError('permission', '只有实施检查的执法人员可以登记复查结果。');
  const findings = await ctx.repos.tasks.findings(own.task.id);
  if (findings?.rectification !== 'deadline') throw new AppError('invalid', '这项检查没有限期整改要求，无需复查。');
  const at = ctx.env.clock.now();
  const recorded = await ctx.repos.reminders.recordRecheck(own.task.id, result, at);
  if (!recorded) {
    // The findings row carries the 复查 columns too, though FindingsRow does not declare them.
    const previous = ((await ctx.repos.tasks.findings(own.task.id)) as { recheckResult?: RecheckResult | null } | undefined)?.recheckResult;
    return { toast: { kind: 'info', text: `已登记过复查结果：${previous ? RESULT_TEXT[previous] : '已登记'}。` }, card: await deadlinesView(ctx, view) };
  }
  const { task } = own;
  await audit(ctx.repos, ctx.actor, 'task.recheck_recorded', {
    agencyId: task.agencyId,
    subject: `task:${task.id}`,
    data: { result, rectificationDue: findings.rectificationDue },
  });
  const draw = (await ctx.repos.draws.byId(task.agencyId, task.drawId))!;
  const text =
    result === 'rectified'
      ? `${draw.drawNo} 第 ${task.ordinal + 1} 组（${task.enterpriseName}）复查：已按期整改（${ctx.actor.name}登记）。`
      : `${draw.drawNo} 第 ${task.ordinal + 1} 组（${task.enterpriseName}）复查：整改期限 ${findings.rectificationDue} 已过，隐患未整改，请依法立案查处（安全生产法 第一百零二条；${ctx.actor.name}登记）。`;
  await ctx.repos.outbox.enqueue([
    {
      agencyId: task.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: { type: 'text', text },
      idempotencyKey: `task:${task.id}:recheck:group`,
    },
  ]);
  return {
    toast: { kind: result === 'rectified' ? 'success' : 'warning', text: `已登记复查结果：${RESULT_TEXT[result]}。` },
    card: await deadlinesView(ctx, view),
  };
}
