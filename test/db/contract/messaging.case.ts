import { describe, expect, it } from 'vitest';
import type { OutboxInput } from '../../../src/app/ports/store';
import type { CardView } from '../../../src/app/views/card-view';
import type { Harness } from './harness';
import { tag } from './fixtures';

const card = (key: string, title: string): CardView => ({ key, title, tone: 'info', sections: [{ type: 'text', text: title }] });

/** Repos.inbound and Repos.outbox: deliveries recorded once, messages queued once per idempotency key. */
export function messagingCases(h: () => Harness): void {
  describe('inbound and outbox', () => {
    it('records a delivery key once', async () => {
      const key = `in-${tag()}`;
      expect(await h().store.transaction((r) => r.inbound.recordOnce(key, 'feishu'))).toBe(true);
      expect(await h().store.transaction((r) => r.inbound.recordOnce(key, 'feishu'))).toBe(false);
      expect(await h().store.transaction((r) => r.inbound.recordOnce(key, 'local'))).toBe(false);
    });

    it('records several delivery keys at once, each once', async () => {
      const t = `each-${tag()}`;
      expect(await h().store.transaction((r) => r.inbound.recordOnce(`${t}:1`, 'feishu'))).toBe(true);
      const first = await h().store.transaction((r) =>
        r.inbound.recordEach([
          { key: `${t}:1`, platform: 'feishu' },
          { key: `${t}:2`, platform: 'feishu' },
          { key: `${t}:3`, platform: 'dingtalk' },
        ]),
      );
      expect([...first].sort()).toEqual([`${t}:2`, `${t}:3`]);
      expect(await h().store.transaction((r) => r.inbound.recordEach([{ key: `${t}:3`, platform: 'dingtalk' }]))).toEqual(new Set());
      expect(await h().store.transaction((r) => r.inbound.recordEach([]))).toEqual(new Set());
      expect(await h().store.transaction((r) => r.inbound.recordOnce(`${t}:2`, 'feishu'))).toBe(false);
    });

    it('queues messages in the given order, dropping repeated idempotency keys within a batch and across transactions', async () => {
      const t = `out-${tag()}`;
      const item = (key: string, message: OutboxInput['message'], extra: Partial<OutboxInput> = {}): OutboxInput => ({
        agencyId: null,
        to: { kind: 'chat', platform: 'local', id: `g-${t}` },
        message,
        idempotencyKey: `${t}:${key}`,
        ...extra,
      });
      await h().store.transaction((r) =>
        r.outbox.enqueue([
          item('b', { type: 'card', card: card('draw:1', '公告') }),
          item('a', { type: 'text', text: '第一条' }),
          item('b', { type: 'text', text: '重复的键' }),
          item('c', { type: 'update', card: card('draw:1', '公告 v2') }),
          item('d', { type: 'text', text: '指定卡片' }, { cardKey: 'task:9', to: { kind: 'user', platform: 'local', id: `u-${t}` } }),
        ]),
      );
      await h().store.transaction((r) => r.outbox.enqueue([item('a', { type: 'text', text: '再来一次' }), item('e', { type: 'text', text: '新的' })]));
      const queued = await h().store.transaction((r) => r.outbox.queuedKeys([`${t}:a`, `${t}:e`, `${t}:z`]));
      expect([...queued].sort()).toEqual([`${t}:a`, `${t}:e`]);
      expect(await h().store.transaction((r) => r.outbox.queuedKeys([]))).toEqual(new Set());
      await h().store.transaction((r) => r.outbox.enqueue([]));
      const rows = await h().outbox(`${t}:`);
      expect(rows.map((o) => [o.idempotencyKey.slice(t.length + 1), o.recipientId, o.cardKey, o.status])).toEqual([
        ['b', `g-${t}`, 'draw:1', 'pending'],
        ['a', `g-${t}`, null, 'pending'],
        ['c', `g-${t}`, 'draw:1', 'pending'],
        ['d', `u-${t}`, 'task:9', 'pending'],
        ['e', `g-${t}`, null, 'pending'],
      ]);
      expect(rows[0]!.message).toEqual({ type: 'card', card: card('draw:1', '公告') });
      expect(rows[1]!.message).toEqual({ type: 'text', text: '第一条' });
    });
  });
}
