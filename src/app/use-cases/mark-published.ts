import { audit } from '../audit';
import { loadOwnTask, refreshTaskViews, reloadTaskCard } from '../task-access';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { publicationCard } from '../views/findings-cards';

/** “谁检查、谁录入、谁公开”: an officer of the task marks the result published. */
/** `reference` (the 公示系统 record number or a note) is trimmed, at most 200 characters. */
export async function markPublished(ctx: UseCaseContext, input: { taskId: number; reference: string | undefined }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const own = await loadOwnTask(ctx, input.taskId);
  if (own.me.status !== 'confirmed') throw new AppError('permission', '只有实施检查的执法人员可以登记公示。');
  const { reference } = input;
  const agency = (await repos.directory.agency(own.task.agencyId))!;
  if (own.task.status === 'assigned') throw new AppError('invalid', '请先提交检查结果，再登记公示。');
  const at = env.clock.now();
  const moved = await repos.tasks.transition(own.task.id, ['inspected'], 'published', {
    publishedAt: at,
    publishedBy: actor.id,
    publicationRef: reference,
    at,
  });
  const task = (await repos.tasks.byId(own.task.id))!;
  const findings = await repos.tasks.findings(task.id);
  if (!findings) return { card: await reloadTaskCard(ctx, own) };
  if (!moved) return { toast: { kind: 'info', text: '这项结果已登记为公示。' }, card: publicationCard(task, findings, agency.name) };
  const late = task.publicationDue !== null && todayOf(env) > task.publicationDue;
  await audit(repos, actor, 'task.published', {
    agencyId: task.agencyId,
    subject: `task:${task.id}`,
    data: { reference: reference ?? null, due: task.publicationDue, late },
  });
  await refreshTaskViews(ctx.repos, own.task.id, ctx.origin.platform, 'published');
  const draw = (await repos.draws.byId(task.agencyId, task.drawId))!;
  await repos.outbox.enqueue([
    {
      agencyId: task.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: { type: 'text', text: `${draw.drawNo} 第 ${task.ordinal + 1} 组（${task.enterpriseName}）检查结果已由${actor.name}公示。` },
      idempotencyKey: `task:${task.id}:published:group`,
    },
  ]);
  return { toast: { kind: 'success', text: '已登记公示，结果已在本局公开页显示。' }, card: publicationCard(task, findings, agency.name) };
}
