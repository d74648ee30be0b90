import { audit } from '../audit';
import type { RecusalGround } from '../../domain/recusal/grounds';
import { messagePeople } from '../message-people';
import { recusalView } from '../recusal-access';
import { loadOwnTask, refreshTaskViews, reloadTaskCard } from '../task-access';
import { todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { recusalCardKey, recusalLeaderCard } from '../views/recusal-cards';

/**
 * 申请回避 (行政处罚法 第四十三条；河南省行政执法条例 第二十三条): the officer states the ground and
 * the reason; the application goes to the leaders, whose head decides it (同意 / 不同意). Until
 * then the officer waits (`awaiting_recusal`): every copy of the task's cards says 回避待审批, and
 * nobody chases him for the task. Nothing is drawn yet: the replacement comes with the approval.
 * The reason is for the applicant and the leaders only (never the group).
 */
export async function applyForRecusal(ctx: UseCaseContext, input: { taskId: number; ground: RecusalGround; reason: string }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const own = await loadOwnTask(ctx, input.taskId);
  if (own.me.status === 'awaiting_recusal') {
    return { toast: { kind: 'info', text: '你的回避申请正在等待局领导审批，结果将私信通知你。' }, card: await reloadTaskCard(ctx, own) };
  }
  if (own.task.status !== 'assigned' || (own.me.status !== 'pending' && own.me.status !== 'confirmed')) {
    return { toast: { kind: 'info', text: '这项任务已不能申请回避。' }, card: await reloadTaskCard(ctx, own) };
  }
  const at = env.clock.now();
  const previousStatus = own.me.status;
  const moved = await repos.tasks.setOfficerStatus(own.me.id, ['pending', 'confirmed'], 'awaiting_recusal', { at });
  if (!moved) return { toast: { kind: 'info', text: '你的回避申请已提交。' }, card: await reloadTaskCard(ctx, own) };
  const recusalId = await repos.recusals.insert({
    agencyId: own.task.agencyId,
    taskId: own.task.id,
    taskOfficerId: own.me.id,
    kind: 'application',
    ground: input.ground,
    reason: input.reason,
    requestedBy: actor.id,
    requestedAt: at,
    previousStatus,
  });
  await audit(repos, actor, 'task.recusal_requested', {
    agencyId: own.task.agencyId,
    subject: `task:${own.task.id}`,
    data: { recusalId, certificateNo: own.me.certificateNo, ground: input.ground, reason: input.reason },
  });
  const draw = (await repos.draws.byId(own.task.agencyId, own.task.drawId))!;
  const leaders = await repos.directory.peopleWithRole(own.task.agencyId, ['leader']);
  const card = recusalLeaderCard(await recusalView(repos, recusalId));
  const unreachable = await messagePeople(
    repos,
    own.task.agencyId,
    draw.platform,
    leaders.map((l) => ({ personId: l.id, message: { type: 'card' as const, card }, idempotencyKey: `${recusalCardKey(recusalId)}:to:${l.id}` })),
  );
  await refreshTaskViews(repos, own.task.id, ctx.origin.platform, `recusal:${recusalId}:requested`, todayOf(env));
  const toast =
    leaders.length > unreachable.length
      ? { kind: 'success' as const, text: '回避申请已提交局领导审批。审批前你无需处理本任务，结果将私信通知你。' }
      : { kind: 'warning' as const, text: '回避申请已登记，但局领导尚未关联聊天账号，审批卡片无法送达，请联系管理员。' };
  return { toast, card: await reloadTaskCard(ctx, own) };
}
