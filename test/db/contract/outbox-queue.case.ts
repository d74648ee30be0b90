import { describe, expect, it } from 'vitest';
import type { ClaimedMessage } from '../../../src/app/ports/outbox';
import type { Harness } from './harness';
import { seedBureau, tag } from './fixtures';

/**
 * OutboxQueue: what the sender leases, in order, one unsent row per recipient at a time. Every
 * case here drains the whole queue first, so the rows of other cases never get in the way.
 */
export function outboxQueueCases(h: () => Harness): void {
  const shownCopies = (row: ClaimedMessage) => (row.cardKey ? h().outboxQueue.sentCardMessageIds(row.cardKey, row.to, row.id) : Promise.resolve([]));
  describe('outbox queue', () => {
    const at = (iso: string) => new Date(iso);
    const drainAll = async (now: Date) => {
      for (
        let rows = await h().outboxQueue.claimDue(now, now, 1000, 'contract');
        rows.length > 0;
        rows = await h().outboxQueue.claimDue(now, now, 1000, 'contract')
      )
        for (const row of rows) await h().outboxQueue.markSent(row.id, null, now);
    };
    const enqueue = (t: string, items: Array<[key: string, to: string, text: string | null]>) =>
      h().store.transaction((r) =>
        r.outbox.enqueue(
          items.map(([key, to, text]) => ({
            agencyId: null,
            to: { kind: 'chat', platform: 'local', id: `${to}-${t}` },
            message: text === null ? { type: 'update', card: { key: 'draw:1', title: 'v2', tone: 'info', sections: [] } } : { type: 'text', text },
            idempotencyKey: `${t}:${key}`,
            ...(text === null ? {} : { cardKey: 'draw:1' }),
          })),
        ),
      );
    const keys = (rows: ClaimedMessage[], t: string) => rows.map((r) => r.idempotencyKey.slice(t.length + 1));

    it('leases due rows oldest first, one per recipient, until the lease runs out', async () => {
      const now = at('2026-03-02T01:30:00Z');
      await drainAll(at('2100-01-01T00:00:00Z'));
      const t = tag();
      await enqueue(t, [
        ['a', 'g1', '1'],
        ['b', 'g2', '2'],
        ['c', 'g1', '3'],
      ]);
      const lease = at('2026-03-02T01:31:00Z');
      const first = await h().outboxQueue.claimDue(now, lease, 10, 'contract');
      expect(keys(first, t)).toEqual(['a', 'b']);
      expect(first[0]).toMatchObject({
        to: { kind: 'chat', platform: 'local', id: `g1-${t}` },
        message: { type: 'text', text: '1' },
        cardKey: 'draw:1',
        attempts: 1,
      });
      // Leased rows are not leased again, and g1's next message waits behind its first.
      expect(await h().outboxQueue.claimDue(now, lease, 10, 'contract')).toEqual([]);
      // A lease that ran out (the sender died) is taken again, the attempt counted.
      const later = at('2026-03-02T01:32:00Z');
      expect((await h().outboxQueue.claimDue(later, at('2026-03-02T01:33:00Z'), 1, 'contract')).map((r) => [r.idempotencyKey, r.attempts])).toEqual([
        [`${t}:a`, 2],
      ]);
      await h().outboxQueue.markSent(first[0]!.id, 'msg-a', later);
      // b's lease ran out too; c comes once a went out.
      expect(keys(await h().outboxQueue.claimDue(later, at('2026-03-02T01:33:00Z'), 10, 'contract'), t)).toEqual(['b', 'c']);
    });

    it('retries later, fails for good, and finds the message a card update edits', async () => {
      const now = at('2026-03-03T01:30:00Z');
      await drainAll(at('2100-01-01T00:00:00Z'));
      const t = tag();
      await enqueue(t, [
        ['a', 'g1', 'card'],
        ['b', 'g2', 'x'],
      ]);
      const [a, b] = await h().outboxQueue.claimDue(now, now, 10, 'contract');
      await h().outboxQueue.markSent(a!.id, 'msg-1', now);
      await h().outboxQueue.retryLater(b!.id, 'network down', at('2026-03-03T01:35:00Z'), at('2026-03-04T01:30:00Z'));
      expect(await h().outboxQueue.claimDue(at('2026-03-03T01:34:00Z'), now, 10, 'contract')).toEqual([]);
      const [again] = await h().outboxQueue.claimDue(at('2026-03-03T01:35:00Z'), now, 10, 'contract');
      expect(again).toMatchObject({ id: b!.id, attempts: 2 });
      await h().outboxQueue.markFailed(b!.id, 'refused');
      expect(await h().outboxQueue.claimDue(at('2100-01-01T00:00:00Z'), now, 10, 'contract')).toEqual([]);
      expect((await h().outbox(`${t}:`)).map((o) => o.status)).toEqual(['sent', 'failed']);

      await enqueue(t, [
        ['c', 'g1', null],
        ['d', 'g3', null],
      ]);
      const [update, elsewhere] = await h().outboxQueue.claimDue(now, now, 10, 'contract');
      expect(update!.message.type).toBe('update');
      expect(await shownCopies(update!)).toEqual(['msg-1']);
      // Another recipient never saw the card: nothing to edit there.
      expect(await shownCopies(elsewhere!)).toEqual([]);
      await h().outboxQueue.markSent(update!.id, 'msg-1', now);
      await h().outboxQueue.markSent(elsewhere!.id, null, now);

      // The card shown again (posted anew): a later update edits both copies, each once.
      await enqueue(t, [['e', 'g1', 'card again']]);
      const [shownAgain] = await h().outboxQueue.claimDue(now, now, 10, 'contract');
      await h().outboxQueue.markSent(shownAgain!.id, 'msg-2', now);
      await enqueue(t, [['f', 'g1', null]]);
      const [latest] = await h().outboxQueue.claimDue(now, now, 10, 'contract');
      expect(await shownCopies(latest!)).toEqual(['msg-1', 'msg-2']);
    });

    it('queues a failed message again once and gives one up once: a second click of either changes nothing', async () => {
      await drainAll(at('2100-01-01T00:00:00Z'));
      const { agencyId, t } = await seedBureau(h());
      const now = at('2026-03-04T01:30:00Z');
      await h().store.transaction((r) =>
        r.outbox.enqueue(
          ['a', 'b'].map((key) => ({
            agencyId,
            to: { kind: 'chat', platform: 'local', id: `g-${key}-${t}` },
            message: { type: 'text', text: key },
            idempotencyKey: `${t}:${key}`,
          })),
        ),
      );
      for (const row of await h().outboxQueue.claimDue(now, now, 10, 'contract')) await h().outboxQueue.markFailed(row.id, 'refused');
      const [a, b] = (await h().outbox(`${t}:`)).map((o) => o.id);
      const resend = () => h().store.transaction((r) => r.outbox.resend(agencyId, a!, now));
      expect(await resend()).toBe(true);
      expect(await resend()).toBe(false);
      // Tried again and waiting for a later retry: it may be queued afresh once more.
      const [retried] = await h().outboxQueue.claimDue(now, now, 10, 'contract');
      await h().outboxQueue.retryLater(retried!.id, 'network down', at('2026-03-04T01:40:00Z'), at('2026-03-05T01:30:00Z'));
      expect(await resend()).toBe(true);
      const abandon = () => h().store.transaction((r) => r.outbox.abandon(agencyId, b!));
      expect(await abandon()).toBe(true);
      expect(await abandon()).toBe(false);
      expect(await h().store.transaction((r) => r.outbox.resend(agencyId, b!, now))).toBe(false);
      expect((await h().outbox(`${t}:`)).map((o) => o.status)).toEqual(['pending', 'abandoned']);
    });
  });
}
