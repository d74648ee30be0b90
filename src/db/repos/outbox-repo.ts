import type { Clock } from '../../app/ports/clock';
import type { Repos } from '../../app/ports/store';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { outbox } from '../schema';

export function outboxRepo(tx: DbOrTx, clock: Clock): Repos['outbox'] {
  return {
    /** Queues messages in the caller's transaction; a repeated idempotency key is dropped. */
    async enqueue(items) {
      if (items.length === 0) return;
      const now = clock.now();
      // One JSON parameter for all the rows (a draw queues two thousand cards at once), inserted
      // in the given order: ids are the order of delivery.
      const rows = items.map((i) => ({
        agency: i.agencyId,
        platform: i.to.platform,
        kind: i.to.kind,
        recipient: i.to.id,
        message: i.message,
        card: i.cardKey ?? (i.message.type === 'card' || i.message.type === 'update' ? i.message.card.key : null),
        key: i.idempotencyKey,
        at: (i.orderedAt ?? now).toISOString(),
      }));
      await tx.execute(sql`insert into ${outbox} (agency_id, platform, recipient_kind, recipient_id, message, card_key, idempotency_key, next_attempt_at, ordered_at)
        select (m ->> 'agency')::int, m ->> 'platform', m ->> 'kind', m ->> 'recipient', m -> 'message', m ->> 'card', m ->> 'key', ${now.toISOString()}::timestamptz,
          (m ->> 'at')::timestamptz
        from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(m, n)
        order by e.n
        on conflict (idempotency_key) do nothing`);
    },
  };
}
