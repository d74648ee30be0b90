import { audit } from '../audit';
import { loadOwnTask, refreshTaskViews, reloadTaskCard } from '../task-access';
import { todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';

/** The officer accepts his task (确认接收). A second click changes nothing and shows the card as it is. */
export async function confirmTask(ctx: UseCaseContext, input: { taskId: number }): Promise<UseCaseResult> {
  const own = await loadOwnTask(ctx, input.taskId);
  if (own.task.status !== 'assigned' || own.me.status !== 'pending') {
    const text = own.me.status === 'confirmed' ? '你已确认过这项任务。' : '这项任务已不需要确认。';
    return { toast: { kind: 'info', text }, card: await reloadTaskCard(ctx, own) };
  }
  const moved = await ctx.repos.tasks.setOfficerStatus(own.me.id, ['pending'], 'confirmed', { at: ctx.env.clock.now() });
  if (!moved) return { toast: { kind: 'info', text: '你已确认过这项任务。' }, card: await reloadTaskCard(ctx, own) };
  await audit(ctx.repos, ctx.actor, 'task.confirmed', {
    agencyId: own.task.agencyId,
    subject: `task:${own.task.id}`,
    data: { certificateNo: own.me.certificateNo },
  });
  await refreshTaskViews(ctx.repos, own.task.id, ctx.origin.platform, `confirm:${own.me.id}`, todayOf(ctx.env));
  return { toast: { kind: 'success', text: '已确认接收任务。检查前请查看“现场检查方案”。' }, card: await reloadTaskCard(ctx, own) };
}
