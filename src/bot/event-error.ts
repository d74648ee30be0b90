import type { InboundEvent } from '../app/ports/inbound-event';

/**
 * An unexpected error while handling one delivery, wrapped with what was being handled (as
 * grammY's `BotError` wraps the update): the log then says which command or button failed, for
 * whom and where, with the original error (stack included) as `cause`. Form values are left out:
 * they may hold personal data and are not needed to find the bug.
 */
export class EventError extends Error {
  readonly context: { key: string; type: InboundEvent['type']; platform: string; chat: string; actor: string; what: string };

  constructor(cause: unknown, event: InboundEvent) {
    const what = event.type === 'command' ? event.text.trim().split(/\s+/, 1)[0]! : event.type === 'file' ? `file:${event.file.name}` : event.action;
    super(`${event.type} “${what}” failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'EventError';
    this.context = {
      key: event.dedupeKey,
      type: event.type,
      platform: event.chat.platform,
      chat: `${event.chat.kind}:${event.chat.id}`,
      actor: event.actor.accountId,
      what,
    };
  }
}
