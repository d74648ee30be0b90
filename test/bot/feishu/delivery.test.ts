/**
 * Sending through the outbox to the fake Feishu Open API: rate limits retried after the reset the
 * platform names (exactly one delivery), permanent refusals ending as failed and logged, and a
 * card too big for Feishu fitted before it is sent. Plus the long-connection (WS) handler path.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardView } from '../../../src/app/views/card-view';
import { FEISHU_CARD_MAX_BYTES, cardByteSize, renderFeishuCardRaw } from '../../../src/bot/feishu/render';
import { buildFeishuEventDispatcher } from '../../../src/bot/feishu/ws';
import { cardActionPayload, messageEventPayload } from '../../fakes/feishu-deliveries';
import { databaseKinds } from '../../support/test-db';
import { BOT, GROUP, TOKEN, buttonValue, openIdOf, startFeishuRuntime, type FeishuRuntime } from './feishu-runtime';

interface Row {
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | string;
}
const lastRow = async (t: FeishuRuntime) =>
  (
    await t.query<Row>(sql`select status, attempts, last_error, next_attempt_at from outbox where idempotency_key not like 'notice:%' order by id desc limit 1`)
  )[0]!;
const sendCalls = (t: FeishuRuntime) => t.fake.calls.filter((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages');

for (const kind of databaseKinds()) {
  describe(`Feishu sending through the outbox [${kind}]`, () => {
    let t: FeishuRuntime;
    beforeAll(async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
    });
    afterAll(() => t?.close());

    it.each([
      ['HTTP 429 / 99991400', { status: 429, code: 99991400 }],
      ['IM frequency limit 230020', { status: 400, code: 230020 }],
    ])('%s is retried after x-ogw-ratelimit-reset and delivered exactly once', async (_, failure) => {
      const before = t.fake.messagesTo(GROUP).length;
      await t.say('leader', '/status');
      t.fake.failNext(1, { ...failure, msg: 'request trigger frequency limit', headers: { 'x-ogw-ratelimit-reset': '7' } });
      expect(await t.flush()).toBe(1);
      const waiting = await lastRow(t);
      expect(waiting).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringContaining(String(failure.code)) });
      expect(new Date(waiting.next_attempt_at).getTime() - t.clock.now().getTime()).toBe(7000);
      t.clock.advance(6000);
      expect(await t.flush()).toBe(0);
      t.clock.advance(1000);
      expect(await t.flush()).toBe(1);
      expect(await lastRow(t)).toMatchObject({ status: 'sent', attempts: 2 });
      const sent = t.fake.messagesTo(GROUP).slice(before);
      expect(sent.map((m) => m.msgType)).toEqual(['interactive']);
      const attempts = sendCalls(t)
        .slice(-2)
        .map((c) => (c.body as { uuid: string }).uuid);
      expect(attempts[0]).toBe(attempts[1]);
    });

    it('a permanent refusal (230002 bot not in chat) ends as failed, logged, never retried', async () => {
      await t.say('leader', '/status');
      t.fake.failNext(1, { status: 400, code: 230002, msg: 'Bot is not in the chat' });
      await t.flush();
      expect(await lastRow(t)).toMatchObject({ status: 'failed', attempts: 1, last_error: expect.stringContaining('230002') });
      expect(
        t.logger.lines.filter((l) => l.level === 'error' && l.msg === 'send failed for good' && String(l.data?.['error']).includes('230002')),
      ).toHaveLength(1);
      // The administrator is told, in chat, who did not get what.
      expect(t.texts(openIdOf('admin')).at(-1)).toMatch(/未能送达[\s\S]*工作群 oc_yanshi_bureau[\s\S]*230002/);
      const calls = sendCalls(t).length;
      t.clock.advance(3_600_000);
      expect(await t.flush()).toBe(0);
      expect(sendCalls(t)).toHaveLength(calls);
    });

    it('a card over the 30 KB limit is fitted and accepted', async () => {
      const items = Array.from(
        { length: 3000 },
        (_, i) => `第 ${i + 1} 家企业：偃师区示例机械制造有限公司（统一社会信用代码 91410381MA${String(i).padStart(8, '0')}）`,
      );
      const card: CardView = { key: 'big:1', title: '企业名录', tone: 'info', sections: [{ type: 'list', title: '名录', items }] };
      expect(cardByteSize(renderFeishuCardRaw(card))).toBeGreaterThan(FEISHU_CARD_MAX_BYTES);
      await t.store.transaction((r) =>
        r.outbox.enqueue([
          { agencyId: null, to: { kind: 'user', platform: 'feishu', id: openIdOf('admin') }, message: { type: 'card', card }, idempotencyKey: 'big:1' },
        ]),
      );
      await t.flush();
      expect(await lastRow(t)).toMatchObject({ status: 'sent' });
      const [sent] = t.fake.messagesTo(openIdOf('admin')).filter((m) => m.msgType === 'interactive');
      const body = (sendCalls(t).at(-1)!.body as { content: string }).content;
      expect(Buffer.byteLength(body)).toBeLessThanOrEqual(FEISHU_CARD_MAX_BYTES);
      expect(JSON.stringify(sent!.content)).toMatch(/共 3000 项，仅显示前 \d+ 项/);
    });
  });

  describe(`Feishu long connection (WS handler path) [${kind}]`, () => {
    let t: FeishuRuntime;
    beforeAll(async () => {
      t = await startFeishuRuntime(kind, { mode: 'ws' });
      await t.linkEveryone();
    });
    afterAll(() => t?.close());

    it('no webhook is mounted; a command and a click run end to end through the dispatcher', async () => {
      expect((await t.runtime.app.request('/feishu/events', { method: 'POST', body: '{}' })).status).toBe(404);
      const dispatcher = buildFeishuEventDispatcher(t.runtime.feishu!.dispatchDeps);
      // The WS client parses the frame and calls exactly this (plaintext, no signature).
      const invoke = (payload: Record<string, unknown>) => dispatcher.invoke(JSON.parse(JSON.stringify(payload)), { needCheck: false });
      const ack = await invoke(
        messageEventPayload({
          token: TOKEN,
          text: '@_user_1 /draw 机械 2家',
          mentions: [BOT],
          chatId: GROUP,
          senderOpenId: openIdOf('leader'),
          messageId: 'om_ws_1',
        }),
      );
      expect(ack).toEqual({});
      await t.flush();
      const announcement = t.lastCard(GROUP, '抽取准备');
      const out = await invoke(
        cardActionPayload({
          token: TOKEN,
          value: buttonValue(announcement.card, '确认抽取'),
          operatorOpenId: openIdOf('leader'),
          chatId: GROUP,
          messageId: announcement.messageId,
          eventId: 'ev_ws_1',
        }),
      );
      expect(out).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw', data: { schema: '2.0' } } });
      await t.flush();
      expect(t.lastCard(GROUP, '抽取结果')).toBeTruthy();
      const officers = await t.query<{ local_id: string }>(sql`select p.local_id from task_officers o join people p on p.id = o.person_id`);
      expect(officers).toHaveLength(4);
      for (const o of officers) expect(t.lastCard(openIdOf(o.local_id), '检查任务')).toBeTruthy();
    });
  });
}
