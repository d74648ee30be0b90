import { audit } from '../audit';
import type { UseCaseContext, UseCaseResult } from '../use-case';
import { undeliveredView } from './list-undelivered';

/** 放弃 on the `/outbox` card: the message is never sent (audited). */
export async function abandonMessage(ctx: UseCaseContext, input: { messageId: number }): Promise<UseCaseResult> {
  const { repos, actor } = ctx;
  if (!(await repos.outbox.abandon(actor.agencyId, input.messageId))) {
    return { toast: { kind: 'info', text: `消息 #${input.messageId} 已送达、已放弃或不属于本单位。` }, card: await undeliveredView(ctx) };
  }
  await audit(repos, actor, 'outbox.abandoned', { agencyId: actor.agencyId, subject: `outbox:${input.messageId}`, data: {} });
  return { toast: { kind: 'info', text: `已放弃消息 #${input.messageId}。` }, card: await undeliveredView(ctx, `消息 #${input.messageId} 已放弃，不再发送。`) };
}
