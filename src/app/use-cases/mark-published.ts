import { audit } from '../audit';
import { publicationTiming, timingText } from '../../domain/publication/lateness';
import { currentTaskView, loadOwnTask, refreshTaskViews } from '../task-access';
import { AppError, calendarOf, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { publicationCard } from '../views/findings-cards';

/**
 * “谁检查、谁录入、谁公开”: an officer of the inspection marks the result published, with the
 * 国家企业信用信息公示系统 record number (checked by the command table, see checkRecordNumber).
 * The publication date is today; a publication after the deadline (偃应急〔2023〕18号: 5 个工作日)
 * is recorded as late, with the working days over, and says so on every card and the public page.
 */
export async function markPublished(ctx: UseCaseContext, input: { taskId: number; recordNumber: string }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const own = await loadOwnTask(ctx, input.taskId);
  if (own.me.status !== 'confirmed') throw new AppError('permission', '只有实施检查的执法人员可以登记公示。');
  if (own.task.status === 'assigned') throw new AppError('invalid', '请先提交检查结果，再登记公示。');
  if (own.task.status !== 'inspected') {
    const text = own.task.status === 'published' ? '这项结果已登记为公示。' : '这项任务已终止，无需公示。';
    return { toast: { kind: 'info', text }, card: await currentTaskView(ctx, own) };
  }
  const today = todayOf(env);
  const timing = own.task.publicationDue ? publicationTiming(own.task.publicationDue, today, await calendarOf(repos)) : undefined;
  const at = env.clock.now();
  const moved = await repos.tasks.transition(own.task.id, ['inspected'], 'published', {
    publishedAt: at,
    publishedBy: actor.id,
    publicationRef: input.recordNumber,
    publicationLateWorkdays: timing?.workdaysOver ?? 0,
    at,
  });
  if (!moved) return { toast: { kind: 'info', text: '这项结果已登记为公示。' }, card: await currentTaskView(ctx, own) };
  const task = (await repos.tasks.byId(own.task.id))!;
  const findings = (await repos.tasks.findings(task.id))!;
  const late = timing?.late ?? false;
  await audit(repos, actor, 'task.published', {
    agencyId: task.agencyId,
    subject: `task:${task.id}`,
    data: { reference: input.recordNumber, publishedOn: today, due: task.publicationDue, late, lateWorkdays: timing?.workdaysOver ?? 0 },
  });
  await refreshTaskViews(ctx.repos, own.task.id, ctx.origin.platform, 'published', today);
  const draw = (await repos.draws.byId(task.agencyId, task.drawId))!;
  const lateNote = late ? `（应于 ${task.publicationDue} 前公示，${timingText(task.publicationLateWorkdays, true)}）` : '';
  await repos.outbox.enqueue([
    {
      agencyId: task.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: {
        type: 'text',
        text: `${draw.drawNo} 第 ${task.ordinal + 1} 组（${task.enterpriseName}）检查结果已由${actor.name}公示，公示系统记录编号 ${input.recordNumber}${lateNote}。`,
      },
      idempotencyKey: `task:${task.id}:published:group`,
    },
  ]);
  const agency = (await repos.directory.agency(task.agencyId))!;
  const toast = late
    ? { kind: 'warning' as const, text: `已登记公示，但已超过公示期限（${timingText(task.publicationLateWorkdays, true)}），已如实记录。` }
    : { kind: 'success' as const, text: '已登记公示，结果已在本局公开页显示。' };
  return { toast, card: publicationCard(task, findings, agency.name) };
}
