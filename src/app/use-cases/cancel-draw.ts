import { audit } from '../audit';
import { findDrawByRef } from '../draw-lookup';
import { messagePeople } from '../message-people';
import type { DrawRow } from '../ports/store';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { cancelConfirmCard, drawAnnouncementCard } from '../views/draw-cards';
import { lockDraw, refreshTaskViews } from '../task-access';
import { activeOfficers } from '../views/task-cards';

/** The reason as typed, closed with 。 unless it ends with its own punctuation. */
function endSentence(text: string): string {
  return /[。！？!?.…]$/.test(text) ? text : `${text}。`;
}

/** A draw that has ended already is answered, not asked about again. */
function alreadyEnded(draw: DrawRow): UseCaseResult | undefined {
  if (draw.status === 'prepared' || draw.status === 'executed') return undefined;
  return { reply: { type: 'text', text: `抽取 ${draw.drawNo} 已${draw.status === 'cancelled' ? '撤销' : '结束'}，无需重复操作。` } };
}

async function openTaskCount(ctx: UseCaseContext, draw: DrawRow): Promise<number> {
  return (await ctx.repos.tasks.ofDraw(draw.id)).filter((t) => t.status === 'assigned' || t.status === 'inspected').length;
}

/**
 * `/cancel 编号 原因`: asks before it ends anything. The reply is a card with the reason as typed
 * and 确认撤销 / 不撤销, so a slip of the thumb on a phone cannot end a draw.
 */
export async function askCancelDraw(ctx: UseCaseContext, input: { ref: string; reason: string }): Promise<UseCaseResult> {
  const draw = await findDrawByRef(ctx, input.ref);
  return alreadyEnded(draw) ?? { reply: { type: 'card', card: cancelConfirmCard(draw, input.reason, await openTaskCount(ctx, draw), 'asking') } };
}

/** 不撤销: the question card says so and loses its buttons. */
export async function keepDraw(ctx: UseCaseContext, input: { drawId: number; reason: string }): Promise<UseCaseResult> {
  const draw = await ctx.repos.draws.byId(ctx.actor.agencyId, input.drawId);
  if (!draw) throw new AppError('not_found', '找不到这次抽取。');
  return { toast: { kind: 'info', text: '未撤销。' }, card: cancelConfirmCard(draw, input.reason, 0, 'kept') };
}

/** 撤销 (确认撤销 on the question card): the draw ends with the reason; open tasks end, the record stays. */
export async function cancelDraw(ctx: UseCaseContext, input: { drawId: number; reason: string }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  // Under the draw's lock: a 确认抽取 at the same moment either comes first (and this cancels the
  // executed draw) or waits; the draw is never ended as 'abandoned' after it was executed.
  const draw = await lockDraw(ctx, input.drawId);
  if (!draw) throw new AppError('not_found', '找不到这次抽取。');
  const ended = alreadyEnded(draw);
  if (ended) return { ...ended, card: cancelConfirmCard(draw, input.reason, 0, 'done') };
  const at = env.clock.now();
  const moved = await repos.draws.transition(draw.id, ['prepared', 'executed'], draw.status === 'prepared' ? 'abandoned' : 'cancelled', {
    endedReason: input.reason,
    at,
  });
  if (!moved) return { reply: { type: 'text', text: `抽取 ${draw.drawNo} 已结束，无需重复操作。` } };
  const tasks = await repos.tasks.ofDraw(draw.id);
  const tasksEnded = await repos.tasks.cancelOfDraw(draw.id, at);
  await audit(repos, actor, 'draw.cancelled', {
    agencyId: draw.agencyId,
    subject: `draw:${draw.id}`,
    data: { drawNo: draw.drawNo, reason: input.reason, tasksEnded },
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
        text: `抽取 ${draw.drawNo} 已由${actor.name}撤销，原因：${endSentence(input.reason)}你在该批次中对“${t.enterpriseName}”的检查任务已终止。`,
      },
      idempotencyKey: `task:${t.id}:cancelled:${o.personId}`,
    })),
  );
  await messagePeople(repos, draw.agencyId, draw.platform, notices);
  // Every copy of the ended tasks' cards loses its buttons and says the draw was cancelled.
  for (const t of open) await refreshTaskViews(repos, t.id, draw.platform, 'cancelled', todayOf(ctx.env));
  return {
    toast: { kind: 'success', text: `已撤销 ${draw.drawNo}。` },
    card: cancelConfirmCard(current, input.reason, tasksEnded, 'done'),
    reply: { type: 'text', text: `已撤销抽取 ${draw.drawNo}（原因：${input.reason}），${tasksEnded} 项未完成任务已终止，记录保留。` },
  };
}
