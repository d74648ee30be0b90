import type { Platform } from './ports/messenger';
import type { OutboxInput, Repos } from './ports/store';

/** A message (or a card update) for one person, with the outbox key that makes queuing it idempotent. */
export interface PersonalMessage {
  personId: number;
  message: OutboxInput['message'];
  idempotencyKey: string;
  /** The card an update edits, when it is not the card's own key (a form that turns into another card). */
  cardKey?: string;
}

/**
 * Queues each message to its person's account on `platform`, in the given order, in the
 * caller's transaction. People with no account there get nothing; they are returned (each once,
 * in order of first mention) so that the caller can say so where it matters.
 */
export async function messagePeople(
  repos: Pick<Repos, 'directory' | 'outbox'>,
  agencyId: number,
  platform: Platform,
  messages: readonly PersonalMessage[],
): Promise<number[]> {
  if (messages.length === 0) return [];
  const personIds = [...new Set(messages.map((m) => m.personId))];
  const accounts = await repos.directory.accountsOf(personIds, platform);
  await repos.outbox.enqueue(
    messages.flatMap((m) => {
      const id = accounts.get(m.personId);
      if (id === undefined) return [];
      return [
        {
          agencyId,
          to: { kind: 'user' as const, platform, id },
          message: m.message,
          idempotencyKey: m.idempotencyKey,
          ...(m.cardKey ? { cardKey: m.cardKey } : {}),
        },
      ];
    }),
  );
  return personIds.filter((id) => !accounts.has(id));
}
