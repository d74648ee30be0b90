/**
 * DingTalk robot messages take the durable inbox as Feishu's do: recorded before DingTalk gets its
 * answer (HTTP 200, or the Stream frame's acknowledgement), processed from there, and refused
 * (503, or a frame left unacknowledged) past the backlog bound.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { robotMessagePayload, signedHeaders } from '../../fakes/dingtalk-deliveries';
import { databaseKinds } from '../../support/test-db';
import { DT_GROUP, staffOf, startDingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';

let t: DingtalkRuntime | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const waiting = async () => (await t!.query<{ n: number }>(sql`select count(*)::int as n from inbox_events`))[0]!.n;
const handled = async (msgId: string) => (await t!.query(sql`select 1 from inbound_events where key = ${`dingtalk:msg:${msgId}`}`)).length === 1;
const message = (msgId: string) =>
  robotMessagePayload({ text: ' /status', senderStaffId: staffOf('leader'), conversationId: DT_GROUP, group: true, msgId, robotCode: t!.fake.appKey });
const post = (msgId: string) =>
  t!.runtime.app.request('/dingtalk/events', {
    method: 'POST',
    headers: signedHeaders(t!.fake.appSecret, t!.clock.now().getTime()),
    body: JSON.stringify(message(msgId)),
  });

for (const kind of databaseKinds()) {
  describe(`DingTalk and the durable inbox [${kind}]`, () => {
    it('HTTP: a robot message is recorded before its 200 and processed from the inbox; 503 past the bound', async () => {
      t = await startDingtalkRuntime(kind, { env: { INBOX_MAX_BACKLOG: '2' } });
      await t.linkEveryone();
      expect((await post('dt_in_1')).status).toBe(200);
      // Acknowledged and recorded, not yet processed; a repeat is still one.
      expect(await waiting()).toBe(1);
      expect(await handled('dt_in_1')).toBe(false);
      expect((await post('dt_in_1')).status).toBe(200);
      expect((await post('dt_in_2')).status).toBe(200);
      const refused = await post('dt_in_3');
      expect(refused.status).toBe(503);
      expect(await waiting()).toBe(2);
      // Known to be full: refused before the body is read (signed headers still come first).
      const unread = await t.runtime.app.request('/dingtalk/events', {
        method: 'POST',
        headers: signedHeaders(t.fake.appSecret, t.clock.now().getTime()),
        body: 'not json',
      });
      expect(unread.status).toBe(503);

      await t.flush();
      expect(await waiting()).toBe(0);
      expect(await handled('dt_in_1')).toBe(true);
      expect(await handled('dt_in_2')).toBe(true);
      expect(t.fake.textsTo(DT_GROUP).length + t.fake.cardsTo(DT_GROUP).length).toBe(2);
      // DingTalk's retry of the refused one is taken now.
      expect((await post('dt_in_3')).status).toBe(200);
      await t.flush();
      expect(await handled('dt_in_3')).toBe(true);
    });

    it('Stream: a robot frame is acknowledged once recorded in the inbox, and processed from there', async () => {
      t = await startDingtalkRuntime(kind, { mode: 'stream' });
      await t.linkEveryone();
      const ack = await t.fake.push('/v1.0/im/bot/messages/get', message('dt_st_1'));
      expect(ack.code).toBe(200);
      expect(await waiting()).toBe(1);
      expect(await handled('dt_st_1')).toBe(false);
      await t.flush();
      expect(await waiting()).toBe(0);
      expect(await handled('dt_st_1')).toBe(true);
    });
  });
}
