/**
 * Acknowledged means recorded: a message is in the durable inbox before Feishu gets its 200, is
 * processed from there after a crash, is refused with 503 past the backlog bound, and is
 * processed with bounded concurrency.
 */
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../src/app/ports/clock';
import type { InboundEvent } from '../../../src/app/ports/inbound-event';
import { createInboxProcessor } from '../../../src/bot/inbox-processor';
import { rowsOf, type Database } from '../../../src/db/client';
import { inboxRepo } from '../../../src/db/repos/inbox-repo';
import { silentLogger } from '../../../src/logger';
import { buildMessageDelivery, type Mention } from '../../fakes/feishu-deliveries';
import { databaseKinds, openTestDatabase } from '../../support/test-db';
import { BOT, ENCRYPT_KEY, GROUP, TOKEN, capturingLogger, openIdOf, startFeishuRuntime, type FeishuRuntime } from './feishu-runtime';

const waiting = async (t: FeishuRuntime) => (await t.query<{ n: number }>(sql`select count(*)::int as n from inbox_events`))[0]!.n;

function delivery(t: FeishuRuntime, messageId: string, text = '/status') {
  return buildMessageDelivery({
    token: TOKEN,
    encryptKey: ENCRYPT_KEY,
    timestamp: String(Math.floor(t.clock.now().getTime() / 1000)),
    text: `${BOT.key} ${text}`,
    chatType: 'group',
    chatId: GROUP,
    senderOpenId: openIdOf('leader'),
    messageId,
    mentions: [BOT],
  });
}
const post = (t: FeishuRuntime, d: ReturnType<typeof delivery>) =>
  t.runtime.app.request('/feishu/events', { method: 'POST', headers: d.headers, body: d.body });

for (const kind of databaseKinds()) {
  describe(`the durable inbox [${kind}]`, () => {
    let t: FeishuRuntime | undefined;
    afterEach(async () => {
      await t?.close();
      t = undefined;
    });

    it('records a message before acknowledging it, and a crash before processing loses nothing', async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      const res = await post(t, delivery(t, 'om_crash_1'));
      expect(res.status).toBe(200);
      // Acknowledged, and already in the inbox; nothing processed yet.
      expect(await waiting(t)).toBe(1);
      expect(await t.query(sql`select 1 from inbound_events where key = 'feishu:msg:om_crash_1'`)).toEqual([]);
      // Feishu pushes it again meanwhile: still one.
      expect((await post(t, delivery(t, 'om_crash_1'))).status).toBe(200);
      expect(await waiting(t)).toBe(1);

      await t.crashAndRestart();
      t.clock.advance(61_000); // the dead process's lease, had it claimed the row
      await t.flush();
      expect(await waiting(t)).toBe(0);
      expect(t.fake.messagesTo(GROUP)).toHaveLength(1);
      await t.crashAndRestart();
      await t.flush();
      expect(t.fake.messagesTo(GROUP)).toHaveLength(1);
    });

    it('answers 503 past the backlog bound, and takes deliveries again once it is worked off', async () => {
      t = await startFeishuRuntime(kind, { env: { INBOX_MAX_BACKLOG: '2' } });
      await t.linkEveryone();
      expect((await post(t, delivery(t, 'om_b1'))).status).toBe(200);
      expect((await post(t, delivery(t, 'om_b2'))).status).toBe(200);
      const refused = await post(t, delivery(t, 'om_b3'));
      expect(refused.status).toBe(503);
      expect(await waiting(t)).toBe(2);
      // A forged delivery at a full inbox is refused as forged, without waiting for a place.
      const forged = delivery(t, 'om_b4');
      expect((await post(t, { ...forged, headers: { ...forged.headers, 'x-lark-signature': 'forged' } })).status).toBe(401);
      await t.flush();
      expect((await post(t, delivery(t, 'om_b3'))).status).toBe(200);
      await t.flush();
      expect(t.fake.messagesTo(GROUP)).toHaveLength(3);
    });
    it('handles commands waiting together in one transaction, each answered once and in order', async () => {
      t = await startFeishuRuntime(kind, { env: { INBOX_CONCURRENCY: '1' } });
      await t.linkEveryone();
      const transactions = vi.spyOn(t.database.db, 'transaction');
      const stranger = (n: number) =>
        buildMessageDelivery({
          token: TOKEN,
          encryptKey: ENCRYPT_KEY,
          timestamp: String(Math.floor(t!.clock.now().getTime() / 1000)),
          text: '/status',
          chatType: 'p2p',
          chatId: 'oc_p2p_stranger',
          senderOpenId: 'ou_stranger',
          messageId: `om_stranger_${n}`,
        });
      for (const [id, text] of [
        ['om_t1', '/help'],
        ['om_t2', '/status'],
        ['om_t3', '/help'],
      ] as const)
        expect((await post(t, delivery(t, id, text))).status).toBe(200);
      expect((await post(t, stranger(1))).status).toBe(200);
      await t.flush();
      // One unit of work for the four (the outbox's own sends are not transactions of the store).
      expect(transactions).toHaveBeenCalledTimes(1);
      const group = t.fake.messagesTo(GROUP);
      expect(group).toHaveLength(3);
      expect(group.map((m) => m.msgType)).toEqual(['interactive', expect.any(String), 'interactive']);
      expect(t.texts('oc_p2p_stranger')).toHaveLength(1);

      // A redelivery of one already handled among new ones: it has no second effect.
      transactions.mockClear();
      for (const [id, text] of [
        ['om_t2', '/status'],
        ['om_t4', '/status'],
      ] as const)
        expect((await post(t, delivery(t, id, text))).status).toBe(200);
      await t.flush();
      expect(transactions).toHaveBeenCalledTimes(1);
      expect(t.fake.messagesTo(GROUP)).toHaveLength(4);
      expect(await t.query(sql`select key from inbound_events where key like 'feishu:msg:om_t%' order by key`)).toEqual(
        ['om_t1', 'om_t2', 'om_t3', 'om_t4'].map((id) => ({ key: `feishu:msg:${id}` })),
      );
    });

    it('looks the senders of a batch up after a command among them that links an account', async () => {
      t = await startFeishuRuntime(kind, { env: { INBOX_CONCURRENCY: '1' } });
      await t.linkEveryone();
      const [leader] = await t.query<{ name: string }>(sql`select name from people where local_id = 'leader'`);
      await t.say('admin', `/unlink ${leader!.name}`);
      await t.flush();
      const from = (localId: string, messageId: string, text: string, mentions: Mention[] = []) =>
        buildMessageDelivery({
          token: TOKEN,
          encryptKey: ENCRYPT_KEY,
          timestamp: String(Math.floor(t!.clock.now().getTime() / 1000)),
          text: `${BOT.key} ${text}`,
          chatType: 'group',
          chatId: GROUP,
          senderOpenId: openIdOf(localId),
          messageId,
          mentions: [BOT, ...mentions],
        });
      const leaderMention: Mention = { key: '@_user_2', openId: openIdOf('leader'), name: leader!.name, type: 'user' };
      // Linked by the first, the leader sends the second: looked up before the first ran, he would be refused.
      expect((await post(t, from('admin', 'om_l1', `/link ${leader!.name} @_user_2`, [leaderMention]))).status).toBe(200);
      expect((await post(t, from('leader', 'om_l2', '/status'))).status).toBe(200);
      await t.flush();
      const last = t.fake.messagesTo(GROUP).slice(-2);
      expect(String(last[0]!.content['text'])).toContain('关联');
      expect(last[1]!.msgType).toBe('interactive');
      expect(t.logger.lines.some((l) => l.msg.includes('handled one by one'))).toBe(false);
    });

    it('handles each alone when one of them is refused: the refusal is answered, the rest once', async () => {
      t = await startFeishuRuntime(kind, { env: { INBOX_CONCURRENCY: '1' } });
      await t.linkEveryone();
      for (const [id, text] of [
        ['om_r1', '/help'],
        ['om_r2', '/cancel 999 企业已停产'],
        ['om_r3', '/help'],
      ] as const)
        expect((await post(t, delivery(t, id, text))).status).toBe(200);
      await t.flush();
      const group = t.fake.messagesTo(GROUP);
      expect(group).toHaveLength(3);
      expect(group[1]!.msgType).toBe('text');
      expect(String(group[1]!.content['text'])).toContain('999');
      expect(t.logger.lines.some((l) => l.msg.includes('handled one by one'))).toBe(true);
      expect(await t.query(sql`select count(*)::int as n from inbound_events where key like 'feishu:msg:om_r%'`)).toEqual([{ n: 3 }]);
      expect(await waiting(t)).toBe(0);
    });
  });

  describe(`inbox processing [${kind}]`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await openTestDatabase(kind);
    });
    afterAll(() => database?.close());

    it('writes deliveries that arrive together in one statement, and a repeat among them once', async () => {
      const clock = fixedClock('2026-03-02T01:00:00Z');
      const repo = inboxRepo(database.db);
      const statements: number[] = [];
      const processor = createInboxProcessor({
        inbox: {
          ...repo,
          add: (events, at) => {
            statements.push(events.length);
            return repo.add(events, at);
          },
        },
        clock,
        logger: silentLogger,
        sink: async () => ({}),
      });
      const event = (n: number): InboundEvent => ({
        type: 'command',
        dedupeKey: `test:together:${n}`,
        actor: { platform: 'local', accountId: 'leader' },
        chat: { platform: 'local', id: 'group', kind: 'group' },
        text: '/status',
      });
      expect(await processor.accept(event(0))).toBe('accepted'); // the backlog is counted once, first
      const results = await Promise.all([...Array.from({ length: 19 }, (_, i) => processor.accept(event(i + 1))), processor.accept(event(3))]);
      expect(results.filter((r) => r === 'accepted')).toHaveLength(19);
      expect(results.at(-1)).toBe('duplicate');
      expect(statements).toEqual([1, 20]);
      // Already waiting: a repeat later is a duplicate too; processed, all are gone.
      expect(await processor.accept(event(7))).toBe('duplicate');
      expect(await processor.drain()).toBe(20);
      expect(
        rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from inbox_events where dedupe_key like 'test:together:%'`))[0]!.n,
      ).toBe(0);
    });

    it('lets a delivery at a full inbox wait a moment for room, refuses it when none comes, and warns once', async () => {
      const clock = fixedClock('2026-03-02T01:00:00Z');
      const logger = capturingLogger();
      const processor = createInboxProcessor({
        inbox: inboxRepo(database.db),
        clock,
        logger,
        sink: async () => ({}),
        maxBacklog: 2,
        admissionWaitMs: 200,
      });
      const event = (n: number): InboundEvent => ({
        type: 'command',
        dedupeKey: `test:room:${n}`,
        actor: { platform: 'local', accountId: 'leader' },
        chat: { platform: 'local', id: 'group', kind: 'group' },
        text: '/status',
      });
      expect(await processor.room()).toBe(true);
      expect(await processor.accept(event(1))).toBe('accepted');
      expect(await processor.accept(event(2))).toBe('accepted');
      expect(await processor.accept(event(3))).toBe('full');
      // Known to be full: the next delivery waits, and is let in when processing makes room.
      const waiting = processor.room();
      expect(waiting).toBeInstanceOf(Promise);
      expect(await processor.drain()).toBe(2);
      expect(await waiting).toBe(true);
      expect(await processor.accept(event(3))).toBe('accepted');
      expect(await processor.accept(event(4))).toBe('accepted');
      expect(await processor.accept(event(5))).toBe('full');
      // Nothing is processed meanwhile: refused when the wait runs out.
      expect(await Promise.all([processor.room(), processor.room(), processor.room()])).toEqual([false, false, false]);
      // Five refusals, one warning (with the count), not one line per delivery.
      const warnings = () => logger.lines.filter((l) => l.level === 'warn' && l.msg.startsWith('inbox: full'));
      expect(warnings()).toHaveLength(1);
      expect(warnings()[0]!.data).toMatchObject({ refused: 1, maxBacklog: 2 });
      await processor.drain();
      // The four after the warning are counted in the next one, here at the stop.
      await processor.stop(0);
      expect(warnings()).toHaveLength(2);
      expect(warnings()[1]!.data).toMatchObject({ refused: 4, maxBacklog: 2 });
    });

    it('runs at most `concurrency` deliveries at once', async () => {
      const clock = fixedClock('2026-03-02T01:00:00Z');
      let running = 0;
      let most = 0;
      const handled: string[] = [];
      const releases: Array<() => void> = [];
      const processor = createInboxProcessor({
        inbox: inboxRepo(database.db),
        clock,
        logger: silentLogger,
        concurrency: 2,
        sink: async (event) => {
          running++;
          most = Math.max(most, running);
          await new Promise<void>((r) => releases.push(r));
          running--;
          handled.push(event.dedupeKey);
          return {};
        },
      });
      const event = (n: number): InboundEvent => ({
        type: 'command',
        dedupeKey: `test:msg:${n}`,
        actor: { platform: 'local', accountId: 'leader' },
        chat: { platform: 'local', id: 'group', kind: 'group' },
        text: '/status',
      });
      for (let n = 1; n <= 5; n++) expect(await processor.accept(event(n))).toBe('accepted');
      const drained = processor.drain();
      // Each round: wait until as many as may run are running (two, or what is left), then let them finish.
      while (handled.length < 5) {
        const expected = Math.min(2, 5 - handled.length);
        await vi.waitFor(() => expect(releases.length).toBeGreaterThanOrEqual(expected), { timeout: 10_000, interval: 1 });
        const released = releases.splice(0);
        const target = handled.length + released.length;
        for (const release of released) release();
        await vi.waitFor(() => expect(handled.length).toBe(target), { timeout: 10_000, interval: 1 });
      }
      expect(await drained).toBe(5);
      expect(most).toBe(2);
      expect(handled.sort()).toEqual([1, 2, 3, 4, 5].map((n) => `test:msg:${n}`).sort());
    });
  });
}
