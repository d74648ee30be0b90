import { describe, expect, it } from 'vitest';
import type { Harness } from './harness';
import { seedBureau, tag } from './fixtures';

/** Store.transaction: all or nothing, one at a time. */
export function transactionCases(h: () => Harness): void {
  describe('transaction', () => {
    it('returns what the work returns, and keeps its writes', async () => {
      const key = `tx-${tag()}`;
      expect(await h().store.transaction((r) => r.inbound.recordOnce(key, 'local'))).toBe(true);
      expect(await h().store.transaction((r) => r.inbound.recordOnce(key, 'local'))).toBe(false);
    });

    it('rolls back every write of a unit of work that throws, in every aggregate, and rethrows the error', async () => {
      const { t, agencyId, admin } = await seedBureau(h());
      const failure = new Error('refused halfway');
      const before = await h().verifyAudit();
      const got = await h()
        .store.transaction(async (r) => {
          await r.inbound.recordOnce(`rb-${t}`, 'local');
          await r.outbox.enqueue([
            { agencyId, to: { kind: 'chat', platform: 'local', id: 'g' }, message: { type: 'text', text: 'x' }, idempotencyKey: `rb-${t}` },
          ]);
          await r.audit.append({ agencyId, actor: 'test', action: 'test.rollback', subject: `rb-${t}`, data: {} });
          await r.accounts.bindChat(agencyId, 'feishu', `rb-${t}`, 'test');
          await r.accounts.link(admin, 'feishu', `rb-${t}`, 'test');
          await r.holidays.importYear(2091, [{ date: '2091-01-01', kind: 'holiday', name: '元旦' }], 'test');
          await r.reminders.claim([{ key: `rb-${t}`, day: '2026-03-02', recipient: 'x' }]);
          throw failure;
        })
        .catch((e: unknown) => e);
      expect(got).toBe(failure);
      await h().store.transaction(async (r) => {
        expect(await r.inbound.recordOnce(`rb-${t}`, 'local')).toBe(true);
        expect(await r.accounts.chatsOf(agencyId, 'feishu')).toEqual([]);
        expect(await r.accounts.ownerOf('feishu', `rb-${t}`)).toBeUndefined();
        expect((await r.holidays.overrides()).filter((o) => ('date' in o ? o.date.startsWith('2091') : o.year === 2091))).toEqual([]);
        expect([...(await r.reminders.claim([{ key: `rb-${t}`, day: '2026-03-02', recipient: 'x' }])).keys()]).toEqual([`rb-${t}`]);
      });
      expect(await h().outbox(`rb-${t}`)).toEqual([]);
      expect(await h().audit(`rb-${t}`)).toEqual([]);
      // The rolled-back entry left no gap: the chain goes on from where it was.
      expect(await h().verifyAudit()).toEqual(before);
    });

    it('runs units of work one at a time: each sees the last one committed', async () => {
      const key = `serial-${tag()}`;
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          h().store.transaction(async (r) => {
            const first = await r.inbound.recordOnce(key, 'local');
            await r.reminders.claim([{ key: `${key}-${first}`, day: '2026-03-02', recipient: 'x' }]);
            return first;
          }),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
