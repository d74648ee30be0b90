import type { UseCaseContext, UseCaseResult } from '../use-case';
import { currentTaskView, loadOwnTask, reloadTaskCard } from '../task-access';
import { inspectionPlanCard, recusalFormCard } from '../views/task-cards';

/** 打开任务卡 (from the daily digest): the task's card as it stands now, buttons included, kept current like every copy. */
export async function openTaskCard(ctx: UseCaseContext, input: { taskId: number }): Promise<UseCaseResult> {
  const own = await loadOwnTask(ctx, input.taskId);
  return { reply: { type: 'card', card: await currentTaskView(ctx, own) } };
}

/** 现场检查方案: the enterprise's basics, the check items and what to bring. Read-only. */
export async function showInspectionPlan(ctx: UseCaseContext, input: { taskId: number }): Promise<UseCaseResult> {
  const own = await loadOwnTask(ctx, input.taskId);
  return { reply: { type: 'card', card: inspectionPlanCard(own.task, own.enterprise, own.items) } };
}

/** Opens the 回避 form while the officer may still leave the task. */
export async function showRecusalForm(ctx: UseCaseContext, input: { taskId: number }): Promise<UseCaseResult> {
  const own = await loadOwnTask(ctx, input.taskId);
  if (own.me.status === 'awaiting_recusal') {
    return { toast: { kind: 'info', text: '你的回避申请正在等待局领导审批，结果将私信通知你。' }, card: await reloadTaskCard(ctx, own) };
  }
  if (own.task.status !== 'assigned' || (own.me.status !== 'pending' && own.me.status !== 'confirmed')) {
    return { toast: { kind: 'info', text: '这项任务已不能申请回避。' }, card: await reloadTaskCard(ctx, own) };
  }
  return { reply: { type: 'card', card: recusalFormCard(own.task) } };
}
