import { describe, expect, it } from 'vitest';
import type { Harness } from './harness';
import { rejectionText } from '../../support/errors';
import { tag } from './fixtures';

/** Repos.audit: an append-only hash chain, entries stamped with the store's clock. */
export function auditCases(h: () => Harness): void {
  describe('audit', () => {
    it('chains entries (JSON data as stored) and verifies the chain, rolled-back appends leaving no gap', async () => {
      const t = tag();
      const before = await h().verifyAudit();
      expect(before.ok).toBe(true);
      const count = before.ok ? before.count : 0;
      for (let i = 0; i < 3; i++) {
        await h().store.transaction((r) =>
          r.audit.append({
            agencyId: i === 0 ? null : 1,
            actor: 'person:1',
            action: 'test.step',
            subject: `${t}:${i}`,
            data: { i, nested: { b: 2, a: [1, 'x'] }, gone: undefined },
          }),
        );
        h().clock.advance(1000);
      }
      await h()
        .store.transaction(async (r) => {
          await r.audit.append({ agencyId: null, actor: 'x', action: 'test.rolled_back', subject: `${t}:x`, data: {} });
          throw new Error('no');
        })
        .catch(() => undefined);
      await h().store.transaction((r) => r.audit.append({ agencyId: null, actor: 'x', action: 'test.after', subject: `${t}:3`, data: null }));
      const entries = await h().audit(`${t}:`);
      expect(entries.map((e) => [e.action, e.subject, e.data])).toEqual([
        ['test.step', `${t}:0`, { i: 0, nested: { b: 2, a: [1, 'x'] } }],
        ['test.step', `${t}:1`, { i: 1, nested: { b: 2, a: [1, 'x'] } }],
        ['test.step', `${t}:2`, { i: 2, nested: { b: 2, a: [1, 'x'] } }],
        ['test.after', `${t}:3`, {}],
      ]);
      expect(entries[1]!.at.getTime() - entries[0]!.at.getTime()).toBe(1000);
      expect(await h().verifyAudit()).toMatchObject({ ok: true, count: count + 4 });
    });

    it('lines concurrent appends up in one chain', async () => {
      const t = tag();
      const before = await h().verifyAudit();
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          h().store.transaction((r) => r.audit.append({ agencyId: null, actor: 'system', action: 'test.concurrent', subject: `${t}:${i}`, data: {} })),
        ),
      );
      expect(await h().verifyAudit()).toMatchObject({ ok: true, count: (before.ok ? before.count : 0) + 8 });
    });

    it('tells the head now and as it stood before an instant, and keeps daily heads once a day, only heads of the chain', async () => {
      const t = tag();
      const first = await h().store.transaction(async (r) => {
        await r.audit.append({ agencyId: null, actor: 'system', action: 'test.head', subject: `${t}:0`, data: {} });
        return r.audit.head();
      });
      const check = await h().verifyAudit();
      expect(check).toMatchObject({ ok: true, count: first.entryCount, lastHash: first.hash });
      const between = new Date(h().clock.now().getTime() + 500);
      h().clock.advance(1000);
      const second = await h().store.transaction(async (r) => {
        await r.audit.append({ agencyId: null, actor: 'system', action: 'test.head', subject: `${t}:1`, data: {} });
        return r.audit.head();
      });
      expect(second.entryCount).toBe(first.entryCount + 1);
      expect(await h().store.transaction((r) => r.audit.headBefore(between))).toEqual(first);
      expect(await h().store.transaction((r) => r.audit.headBefore(new Date('2000-01-01T00:00:00Z')))).toEqual({ entryCount: 0, hash: '0'.repeat(64) });

      const recordedAt = h().clock.now();
      expect(await h().store.transaction((r) => r.audit.recordDailyHead({ day: '2026-03-01', ...first, recordedAt }))).toBe(true);
      expect(await h().store.transaction((r) => r.audit.recordDailyHead({ day: '2026-03-01', ...second, recordedAt }))).toBe(false);
      const notAHead = h().store.transaction((r) =>
        r.audit.recordDailyHead({ day: '2026-03-02', entryCount: first.entryCount, hash: second.hash, recordedAt }),
      );
      expect(await rejectionText(notAHead)).toMatch(/not a head of the chain/);
      const heads = await h().store.transaction((r) => r.audit.dailyHeads());
      expect(heads.find((d) => d.day === '2026-03-01')).toEqual({ day: '2026-03-01', ...first, recordedAt });
      expect(heads.some((d) => d.day === '2026-03-02')).toBe(false);
    });
  });
}
