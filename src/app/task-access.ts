import type { Enterprise } from '../domain/model';
import { messagePeople } from './message-people';
import type { TaskOfficerRow, TaskRow } from './ports/store';
import { AppError, type UseCaseContext } from './use-case';
import { taskCard, type CheckItemView } from './views/task-cards';
import type { CardView } from './views/card-view';

export interface OwnTask {
  task: TaskRow;
  me: TaskOfficerRow;
  enterprise: Enterprise | undefined;
  items: CheckItemView[];
}

/**
 * Only a task's own officers may act on it (and only within their agency). Returns the task as
 * it is now, with the actor's own row in it.
 */
export async function loadOwnTask(ctx: UseCaseContext, taskId: number): Promise<OwnTask> {
  const task = await ctx.repos.tasks.byId(taskId);
  if (!task || task.agencyId !== ctx.actor.agencyId) throw new AppError('not_found', '找不到这项检查任务。');
  const me = [...task.officers].reverse().find((o) => o.personId === ctx.actor.id);
  if (!me) throw new AppError('permission', '只有本任务的执法人员可以操作这张任务卡。');
  return { task, me, enterprise: await ctx.repos.directory.enterprise(task.agencyId, task.uscc), items: await ctx.repos.directory.checkItems() };
}

export async function reloadTaskCard(ctx: UseCaseContext, own: OwnTask): Promise<CardView> {
  const task = (await ctx.repos.tasks.byId(own.task.id))!;
  return taskCard(task, own.enterprise, ctx.actor.id, own.items);
}

/**
 * Queues an update of the officers' copies of the task card, so no card keeps offering a button
 * that no longer applies (partners changed, findings submitted, the actor recused).
 */
export async function refreshPartnersCards(ctx: UseCaseContext, own: OwnTask, tag: string, includeActor = false): Promise<void> {
  const task = (await ctx.repos.tasks.byId(own.task.id))!;
  const others = task.officers.filter(
    (o) => (includeActor || o.personId !== ctx.actor.id) && (o.status === 'pending' || o.status === 'confirmed' || o.personId === ctx.actor.id),
  );
  await messagePeople(
    ctx.repos,
    task.agencyId,
    ctx.origin.platform,
    others.map((o) => ({
      personId: o.personId,
      message: { type: 'update', card: taskCard(task, own.enterprise, o.personId, own.items) },
      idempotencyKey: `task:${task.id}:refresh:${tag}:${o.personId}`,
    })),
  );
}
