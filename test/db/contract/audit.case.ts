import { describe, expect, it } from 'vitest';
import type { Harness } from './harness';
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
  });
}
