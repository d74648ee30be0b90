import type { UseCaseContext, UseCaseResult } from '../use-case';
import { OUTBOX_CARD_LIMIT, undeliveredCard, type UndeliveredLine } from '../views/outbox-cards';
import { describeOutboxMessage, describeRecipient } from './report-undelivered';

/** The `/outbox` card of the actor's agency as it is now, with an optional note on top. */
export async function undeliveredView(ctx: Pick<UseCaseContext, 'repos' | 'actor'>, note?: string) {
  const { items, total } = await ctx.repos.outbox.undelivered(ctx.actor.agencyId, OUTBOX_CARD_LIMIT);
  const lines: UndeliveredLine[] = [];
  for (const message of items) {
    lines.push({ message, recipient: await describeRecipient(ctx.repos, message.to), what: describeOutboxMessage(message.message) });
  }
  return undeliveredCard(lines, total, note);
}

/** `/outbox` (administrators): the messages that failed or are being retried, with 重发 / 放弃. */
export async function listUndelivered(ctx: UseCaseContext): Promise<UseCaseResult> {
  return { reply: { type: 'card', card: await undeliveredView(ctx) } };
}
