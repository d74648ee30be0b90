import { bytesToHex } from '@noble/hashes/utils.js';
import { audit } from '../audit';
import { fetchCommittedRound } from '../draw-beacon';
import { drawCardOf } from '../draw-card';
import { tryRevealDrawSecret } from '../draw-secret';
import { lockDraw } from '../task-access';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';
import { abandonFormCard, abandonFormKey, cancelConfirmCard } from '../views/draw-cards';

/**
 * A prepared draw the leader does not execute (放弃): it stays in the record as abandoned,
 * never deleted, with the reason, the time and who abandoned it, all published. Its secret is
 * revealed at once, on the card, on /public and in the record: anyone can compute what it would
 * have drawn, so abandoning is no way to draw again until the result pleases.
 * Without a reason (the card's 放弃 button) it answers with the form that asks for one.
 */
export async function abandonDraw(ctx: UseCaseContext, input: { drawId: number; reason?: string }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const draw = await lockDraw(ctx, input.drawId);
  if (!draw) throw new AppError('not_found', '找不到这次抽取，可能不属于你的单位。');
  if (draw.status !== 'prepared') return { toast: { kind: 'info', text: '该抽取已不在待确认状态。' }, card: await drawCardOf(repos, draw) };
  if (input.reason === undefined) return { reply: { type: 'card', card: abandonFormCard(draw) } };
  const secret = tryRevealDrawSecret(env, draw);
  // The committed round, when it is out already: with it anyone can compute what the draw would
  // have drawn. Before it is out nobody could have known, and the record says which round it was.
  const beacon = await fetchCommittedRound(env, draw).catch((e: unknown) => {
    if (e instanceof AppError) return draw.beacon;
    throw e;
  });
  const moved = await repos.draws.transition(draw.id, ['prepared'], 'abandoned', {
    endedReason: input.reason,
    endedBy: actor.id,
    ...(secret ? { secret: bytesToHex(secret) } : {}),
    ...(beacon ? { beacon } : {}),
    at: env.clock.now(),
  });
  const current = (await repos.draws.byId(actor.agencyId, draw.id))!;
  const card = await drawCardOf(repos, current);
  if (!moved) return { toast: { kind: 'info', text: '该抽取已不在待确认状态。' }, card };
  await audit(repos, actor, 'draw.abandoned', {
    agencyId: draw.agencyId,
    subject: `draw:${draw.id}`,
    data: { drawNo: draw.drawNo, reason: input.reason, secret: current.secret, revealed: Boolean(secret) },
  });
  await repos.outbox.enqueue([
    {
      agencyId: draw.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: { type: 'update', card },
      idempotencyKey: `draw:${draw.id}:abandoned`,
    },
  ]);
  const revealed = secret ? '秘密值已公开，任何人可据此复核本次若执行将抽中的企业' : '抽取密钥已丢失，秘密值无法揭示（已如实记录）';
  // The clicked card is the form that asked for the reason: it now says what happened.
  const done = { ...cancelConfirmCard(current, input.reason, 0, 'done'), key: abandonFormKey(draw.id) };
  return { toast: { kind: 'info', text: `已放弃本次抽取，记录保留；${revealed}。` }, card: done };
}
