import { audit } from '../audit';
import type { UseCaseContext, UseCaseResult } from '../use-case';
import { undeliveredView } from './list-undelivered';

/** 重发 on the `/outbox` card: the message is due again now, with a fresh retry window (audited). */
export async function resendMessage(ctx: UseCaseContext, input: { messageId: number }): Promise<UseCaseResult> {
  const { repos, actor, env } = ctx;
  if (!(await repos.outbox.resend(actor.agencyId, input.messageId, env.clock.now()))) {
    // A second click of a double click, or a stale card: the card as it now stands says which.
    const note = `消息 #${input.messageId} 已重新排队、已送达、已放弃或不属于本单位，无需重发。`;
    return { toast: { kind: 'info', text: note }, card: await undeliveredView(ctx) };
  }
  await audit(repos, actor, 'outbox.resent', { agencyId: actor.agencyId, subject: `outbox:${input.messageId}`, data: {} });
  return {
    toast: { kind: 'success', text: `已重新发送消息 #${input.messageId}。` },
    card: await undeliveredView(ctx, `消息 #${input.messageId} 已重新排队发送。`),
  };
}
