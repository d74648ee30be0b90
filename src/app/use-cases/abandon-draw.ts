import { audit } from '../audit';
import { lockDraw } from '../task-access';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';
import { drawAnnouncementCard } from '../views/draw-cards';

/** A prepared draw the leader does not execute: it stays in the record as abandoned, never deleted. */
export async function abandonDraw(ctx: UseCaseContext, input: { drawId: number }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const { drawId } = input;
  const draw = await lockDraw(ctx, drawId);
  if (!draw) throw new AppError('not_found', '找不到这次抽取，可能不属于你的单位。');
  const moved = await repos.draws.transition(drawId, ['prepared'], 'abandoned', {
    endedReason: `由${actor.name}放弃（未揭示秘密值，未产生结果）`,
    at: env.clock.now(),
  });
  const current = (await repos.draws.byId(actor.agencyId, drawId))!;
  if (!moved) return { toast: { kind: 'info', text: '该抽取已不在待确认状态。' }, card: drawAnnouncementCard(current) };
  await audit(repos, actor, 'draw.abandoned', { agencyId: draw.agencyId, subject: `draw:${drawId}`, data: { drawNo: draw.drawNo } });
  await repos.outbox.enqueue([
    {
      agencyId: draw.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: { type: 'update', card: drawAnnouncementCard(current) },
      idempotencyKey: `draw:${drawId}:abandoned`,
    },
  ]);
  return { toast: { kind: 'info', text: '已放弃本次抽取，记录保留。' }, card: drawAnnouncementCard(current) };
}
