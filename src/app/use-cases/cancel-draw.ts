import { audit } from '../audit';
import { messagePeople } from '../message-people';
import { AppError, requireRole, type UseCaseContext, type UseCaseResult } from '../use-case';
import { drawAnnouncementCard } from '../views/draw-cards';
import { activeOfficers } from '../views/task-cards';

/** 撤销: the leader ends a draw with a reason; open tasks end, the record stays. */
export async function cancelDraw(ctx: UseCaseContext, input: { drawNo: string; reason: string }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  requireRole(actor, ['leader', 'admin'], '撤销抽取');
  const draw = await repos.draws.byNo(actor.agencyId, input.drawNo);
  if (!draw) throw new AppError('not_found', `找不到抽取“${input.drawNo}”。请核对编号，例如：/cancel 偃应急抽〔2026〕1号 原因`);
  if (input.reason.trim().length < 2) throw new AppError('invalid', '请写明撤销原因（至少 2 个字）。');
  const at = env.clock.now();
  const moved = await repos.draws.transition(draw.id, ['prepared', 'executed'], draw.status === 'prepared' ? 'abandoned' : 'cancelled', {
    endedReason: input.reason,
    at,
  });
  if (!moved) return { reply: { type: 'text', text: `抽取 ${draw.drawNo} 已${draw.status === 'cancelled' ? '撤销' : '结束'}，无需重复操作。` } };
  const tasks = await repos.tasks.ofDraw(draw.id);
  const ended = await repos.tasks.cancelOfDraw(draw.id, at);
  await audit(repos, actor, 'draw.cancelled', {
    agencyId: draw.agencyId,
    subject: `draw:${draw.id}`,
    data: { drawNo: draw.drawNo, reason: input.reason, tasksEnded: ended },
  });
  const current = (await repos.draws.byId(actor.agencyId, draw.id))!;
  await repos.outbox.enqueue([
    {
      agencyId: draw.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: { type: 'update', card: drawAnnouncementCard(current) },
      idempotencyKey: `draw:${draw.id}:cancelled:update`,
    },
  ]);
  const open = tasks.filter((t) => t.status === 'assigned' || t.status === 'inspected');
  const notices = open.flatMap((t) =>
    activeOfficers(t).map((o) => ({
      personId: o.personId,
      message: {
        type: 'text' as const,
        text: `抽取 ${draw.drawNo} 已由${actor.name}撤销，原因：${input.reason}。你在该批次中对“${t.enterpriseName}”的检查任务已终止。`,
      },
      idempotencyKey: `task:${t.id}:cancelled:${o.personId}`,
    })),
  );
  await messagePeople(repos, draw.agencyId, draw.platform, notices);
  return { reply: { type: 'text', text: `已撤销抽取 ${draw.drawNo}（原因：${input.reason}），${ended} 项未完成任务已终止，记录保留。` } };
}
