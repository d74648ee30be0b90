import { audit } from '../audit';
import { drawCardOf } from '../draw-card';
import { findDrawByRef } from '../draw-lookup';
import { messagePeople } from '../message-people';
import type { DrawRow, Person } from '../ports/store';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { cancelConfirmCard, cancelRequestKey } from '../views/draw-cards';
import { lockDraw, refreshTaskViews } from '../task-access';
import { activeOfficers } from '../views/task-cards';
import { abandonDraw } from './abandon-draw';

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
 * Asks for a cancellation of an executed draw: the request is recorded, and the card asking a
 * second leader or administrator to agree goes to the draw's group (also when it was asked in a
 * direct message), where everyone sees it. One person alone cannot cancel a result and draw again.
 */
async function requestCancellation(ctx: UseCaseContext, draw: DrawRow, reason: string): Promise<UseCaseResult> {
  const { repos, actor, origin } = ctx;
  const card = cancelConfirmCard(draw, reason, await openTaskCount(ctx, draw), 'requested', actor);
  await audit(repos, actor, 'draw.cancel_requested', { agencyId: draw.agencyId, subject: `draw:${draw.id}`, data: { drawNo: draw.drawNo, reason } });
  const inGroup = origin.kind === 'group' && origin.chatId === draw.chatId && origin.platform === draw.platform;
  if (inGroup) return { reply: { type: 'card', card } };
  await repos.outbox.enqueue([
    {
      agencyId: draw.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: { type: 'card', card },
      idempotencyKey: `${cancelRequestKey(draw.id)}:${ctx.requestKey ?? `${actor.id}:${reason}`}`,
    },
  ]);
  return { reply: { type: 'text', text: `已在抽取 ${draw.drawNo} 所在的工作群提出撤销申请，须由另一位局领导或管理员在群里确认后方可撤销。` } };
}

/**
 * `/cancel 编号 原因`. A prepared draw: a card asks before it is abandoned (its secret is then
 * revealed). An executed draw: the request goes to the group for a second leader or
 * administrator to agree (偃应急〔2023〕18号：禁止随意执法 — a result cannot be undone at will).
 */
export async function askCancelDraw(ctx: UseCaseContext, input: { ref: string; reason: string }): Promise<UseCaseResult> {
  const draw = await findDrawByRef(ctx, input.ref);
  const ended = alreadyEnded(draw);
  if (ended) return ended;
  if (draw.status === 'executed') return requestCancellation(ctx, draw, input.reason);
  return { reply: { type: 'card', card: cancelConfirmCard(draw, input.reason, 0, 'asking') } };
}

/** 不撤销: the question card says so and loses its buttons. */
export async function keepDraw(ctx: UseCaseContext, input: { drawId: number; reason: string }): Promise<UseCaseResult> {
  const draw = await ctx.repos.draws.byId(ctx.actor.agencyId, input.drawId);
  if (!draw) throw new AppError('not_found', '找不到这次抽取。');
  return { toast: { kind: 'info', text: '未撤销。' }, card: cancelConfirmCard(draw, input.reason, 0, 'kept') };
}

/** The leader or administrator of the draw's agency who asked for the cancellation. */
async function requesterOf(ctx: UseCaseContext, draw: DrawRow, id: number): Promise<Person> {
  const p = await ctx.repos.directory.person(id);
  if (!p || p.agencyId !== draw.agencyId || (p.role !== 'leader' && p.role !== 'admin')) {
    throw new AppError('invalid', '撤销申请的申请人无效，请重新发送 /cancel 编号 原因。');
  }
  return p;
}

/**
 * 确认撤销. On a prepared draw: abandons it with the reason (its secret revealed). On an executed
 * draw: only with a request by someone else — a second leader or administrator agrees; the draw
 * ends with the reason, both names and the time, its result stays public, open tasks end.
 * A click on a card from before requests were needed becomes this person's request.
 */
export async function cancelDraw(ctx: UseCaseContext, input: { drawId: number; reason: string; requestedBy?: number }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  // Under the draw's lock: a 确认抽取 at the same moment either comes first (and this cancels the
  // executed draw) or waits; the draw is never ended as 'abandoned' after it was executed.
  const draw = await lockDraw(ctx, input.drawId);
  if (!draw) throw new AppError('not_found', '找不到这次抽取。');
  const ended = alreadyEnded(draw);
  if (ended) return { ...ended, card: cancelConfirmCard(draw, input.reason, 0, 'done') };
  if (draw.status === 'prepared') {
    const abandoned = await abandonDraw(ctx, { drawId: draw.id, reason: input.reason });
    const current = (await repos.draws.byId(actor.agencyId, draw.id))!;
    return { toast: abandoned.toast, card: cancelConfirmCard(current, input.reason, 0, 'done') };
  }
  if (input.requestedBy === undefined) {
    const requested = await requestCancellation(ctx, draw, input.reason);
    const card = cancelConfirmCard(draw, input.reason, await openTaskCount(ctx, draw), 'requested', actor);
    return {
      toast: { kind: 'info', text: '已提出撤销申请，须由另一位局领导或管理员确认。' },
      card: requested.reply?.type === 'card' ? requested.reply.card : card,
    };
  }
  const requester = await requesterOf(ctx, draw, input.requestedBy);
  if (requester.id === actor.id) {
    return {
      toast: { kind: 'error', text: '撤销已执行的抽取须由另一位局领导或管理员确认，申请人本人不能确认。' },
      card: cancelConfirmCard(draw, input.reason, await openTaskCount(ctx, draw), 'requested', requester),
    };
  }
  const at = env.clock.now();
  const moved = await repos.draws.transition(draw.id, ['executed'], 'cancelled', {
    endedReason: input.reason,
    endedBy: requester.id,
    cancelConfirmedBy: actor.id,
    at,
  });
  if (!moved) return { reply: { type: 'text', text: `抽取 ${draw.drawNo} 已结束，无需重复操作。` } };
  const tasks = await repos.tasks.ofDraw(draw.id);
  const tasksEnded = await repos.tasks.cancelOfDraw(draw.id, at);
  await audit(repos, actor, 'draw.cancelled', {
    agencyId: draw.agencyId,
    subject: `draw:${draw.id}`,
    data: { drawNo: draw.drawNo, reason: input.reason, requestedBy: requester.id, confirmedBy: actor.id, tasksEnded },
  });
  const current = (await repos.draws.byId(actor.agencyId, draw.id))!;
  await repos.outbox.enqueue([
    {
      agencyId: draw.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: { type: 'update', card: await drawCardOf(repos, current) },
      idempotencyKey: `draw:${draw.id}:cancelled:update`,
    },
  ]);
  const open = tasks.filter((t) => t.status === 'assigned' || t.status === 'inspected');
  const notices = open.flatMap((t) =>
    activeOfficers(t).map((o) => ({
      personId: o.personId,
      message: {
        type: 'text' as const,
        text: `抽取 ${draw.drawNo} 已由${requester.name}申请、${actor.name}确认撤销，原因：${endSentence(input.reason)}你在该批次中对“${t.enterpriseName}”的检查任务已终止。`,
      },
      idempotencyKey: `task:${t.id}:cancelled:${o.personId}`,
    })),
  );
  await messagePeople(repos, draw.agencyId, draw.platform, notices);
  // Every copy of the ended tasks' cards loses its buttons and says the draw was cancelled.
  for (const t of open) await refreshTaskViews(repos, t.id, draw.platform, 'cancelled', todayOf(ctx.env));
  return {
    toast: { kind: 'success', text: `已撤销 ${draw.drawNo}。` },
    card: cancelConfirmCard(current, input.reason, tasksEnded, 'done', requester, actor),
    reply: {
      type: 'text',
      text: `已撤销抽取 ${draw.drawNo}（${requester.name}申请，${actor.name}确认；原因：${input.reason}），${tasksEnded} 项未完成任务已终止，抽取结果与记录保留公开。`,
    },
  };
}
