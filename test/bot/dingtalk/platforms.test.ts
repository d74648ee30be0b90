/**
 * The bot as deployed for a bureau that has both messengers, and the runtime-level guarantees:
 * a Feishu group and a DingTalk group bound to one bureau at once, refused callbacks store
 * nothing, replayed deliveries have no second effect, and /healthz follows the Stream connection.
 */
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { bindFromCli, linkFromCli } from '../../support/cli-operator';
import { buildMessageDelivery } from '../../fakes/feishu-deliveries';
import { signedHeaders, robotMessagePayload } from '../../fakes/dingtalk-deliveries';
import { startFakeFeishuServer, type FakeFeishuServer } from '../../fakes/feishu-server';
import { databaseKinds } from '../../support/test-db';
import { BOT, ENCRYPT_KEY, GROUP, TOKEN, openIdOf, titleOf } from '../feishu/feishu-runtime';
import { DT_GROUP, staffOf, startDingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';

const kind = databaseKinds()[0]!;
let t: DingtalkRuntime | undefined;
let feishu: FakeFeishuServer | undefined;
afterEach(async () => {
  await t?.close();
  await feishu?.close();
  t = undefined;
  feishu = undefined;
});
const count = async (table: 'inbound_events' | 'outbox' | 'inbox_events') =>
  (await t!.query<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe(`DingTalk beside Feishu [${kind}]`, () => {
  it('one bureau with a Feishu group and a DingTalk group: each hears its own, a pending draw is shown in both', async () => {
    feishu = await startFakeFeishuServer({ perReceiverQps: 1000 });
    t = await startDingtalkRuntime(kind, {
      env: {
        FEISHU_APP_ID: feishu.appId,
        FEISHU_APP_SECRET: feishu.appSecret,
        FEISHU_VERIFICATION_TOKEN: TOKEN,
        FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
        FEISHU_BASE_URL: feishu.url,
      },
    });
    await t.linkEveryone();
    const [agency] = await t.query<{ id: number }>(sql`select id from agencies order by id limit 1`);
    await bindFromCli(t.store, agency!.id, { platform: 'feishu', chat: GROUP });
    await linkFromCli(t.store, agency!.id, { platform: 'feishu', person: 'leader', account: openIdOf('leader') });

    await t.say('leader', '/draw 机械 3家 每组2人');
    await t.flush();
    expect(t.fake.lastCard(DT_GROUP, '抽取准备').params['btn1_text']).toBe('确认抽取');

    // The same leader, in the bureau's Feishu group: the pending draw's card comes back there, as a Feishu card.
    const d = buildMessageDelivery({
      token: TOKEN,
      encryptKey: ENCRYPT_KEY,
      timestamp: String(Math.floor(t.clock.now().getTime() / 1000)),
      text: `${BOT.key} /draw 冶金 2家`,
      chatType: 'group',
      chatId: GROUP,
      senderOpenId: openIdOf('leader'),
      mentions: [BOT],
    });
    expect((await t.runtime.app.request('/feishu/events', { method: 'POST', headers: d.headers, body: d.body })).status).toBe(200);
    await t.flush();
    const feishuCards = feishu.cardsTo(GROUP).map(titleOf);
    expect(feishuCards.some((title) => title.includes('抽取准备 偃应急抽〔2026〕1号'))).toBe(true);
    const platforms = await t.query<{ platform: string; n: number }>(sql`select platform, count(*)::int as n from outbox group by platform order by platform`);
    expect(platforms.map((p) => p.platform)).toEqual(['dingtalk', 'feishu']);
    expect(await t.query(sql`select 1 from outbox where status <> 'sent'`)).toEqual([]);
  });

  it('HTTP: a refused callback stores nothing; a replayed message (a fresh signature, the same msgId) has no second effect', async () => {
    t = await startDingtalkRuntime(kind);
    await t.linkEveryone();
    const now = t.clock.now().getTime();
    const body = JSON.stringify(
      robotMessagePayload({
        text: ' /help',
        senderStaffId: staffOf('leader'),
        conversationId: DT_GROUP,
        group: true,
        msgId: 'msgreplay',
        robotCode: t.fake.appKey,
      }),
    );
    const post = (headers: Record<string, string>) => t!.runtime.app.request('/dingtalk/events', { method: 'POST', headers, body });
    expect((await post(signedHeaders('wrong-secret', now))).status).toBe(401);
    expect((await post(signedHeaders(t.fake.appSecret, now - 2 * 3_600_000))).status).toBe(401);
    await t.flush();
    expect([await count('inbound_events'), await count('outbox')]).toEqual([0, 0]);
    expect((await post(signedHeaders(t.fake.appSecret, now))).status).toBe(200);
    expect((await post(signedHeaders(t.fake.appSecret, now + 60_000))).status).toBe(200);
    await t.flush();
    expect([await count('inbound_events'), await count('outbox')]).toEqual([1, 1]);
  });

  it('HTTP: a message is in the durable inbox before DingTalk gets its 200; a full inbox answers 503 and keeps nothing', async () => {
    t = await startDingtalkRuntime(kind, { env: { INBOX_MAX_BACKLOG: '1' } });
    await t.linkEveryone();
    const post = (msgId: string) =>
      t!.runtime.app.request('/dingtalk/events', {
        method: 'POST',
        headers: signedHeaders(t!.fake.appSecret, t!.clock.now().getTime()),
        body: JSON.stringify(
          robotMessagePayload({ text: ' /help', senderStaffId: staffOf('leader'), conversationId: DT_GROUP, group: true, msgId, robotCode: t!.fake.appKey }),
        ),
      });
    expect((await post('msginbox1')).status).toBe(200);
    const waiting = await t.query<{ dedupe_key: string }>(sql`select dedupe_key from inbox_events`);
    expect(waiting.map((w) => w.dedupe_key)).toEqual(['dingtalk:msg:msginbox1']);
    expect((await post('msginbox2')).status).toBe(503);
    await t.flush();
    expect((await post('msginbox2')).status).toBe(200);
    await t.flush();
    expect([await count('inbound_events'), await count('outbox'), await count('inbox_events')]).toEqual([2, 2, 0]);
  });

  it('HTTP: DingTalk refusing the AppSecret keeps the replies queued and makes /healthz say the credentials are refused', async () => {
    // The bot's AppSecret is not the app's: DingTalk's token endpoint refuses it (the bot still checks signatures with its own).
    t = await startDingtalkRuntime(kind, { env: { DINGTALK_APP_SECRET: 'a-wrong-secret' } });
    await t.linkEveryone();
    const res = await t.runtime.app.request('/dingtalk/events', {
      method: 'POST',
      headers: signedHeaders('a-wrong-secret', t.clock.now().getTime()),
      body: JSON.stringify(
        robotMessagePayload({
          text: ' /help',
          senderStaffId: staffOf('leader'),
          conversationId: DT_GROUP,
          group: true,
          msgId: 'msgcfg',
          robotCode: t.fake.appKey,
        }),
      ),
    });
    expect(res.status).toBe(200);
    await t.flush();
    const rows = await t.query<{ status: string }>(sql`select status from outbox`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
    await t.runtime.health.refresh();
    const health = await t.runtime.app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ parts: { dingtalk: { status: 'down', mode: 'http', credentials: 'refused' } } });
  });

  it('Stream: the same message in two frames is handled once, both acknowledged; /healthz is 503 while disconnected', async () => {
    t = await startDingtalkRuntime(kind, { mode: 'stream' });
    await t.linkEveryone();
    const payload = robotMessagePayload({
      text: ' /help',
      senderStaffId: staffOf('leader'),
      conversationId: DT_GROUP,
      group: true,
      msgId: 'msgdup',
      robotCode: t.fake.appKey,
    });
    await t.fake.push('/v1.0/im/bot/messages/get', payload, 'frame-a');
    await t.fake.push('/v1.0/im/bot/messages/get', payload, 'frame-b');
    await t.flush();
    expect([await count('inbound_events'), await count('outbox')]).toEqual([1, 1]);
    expect(t.fake.acks.map((a) => a.messageId)).toEqual(['frame-a', 'frame-b']);

    // /healthz answers from a report the monitor refreshes in the background; refresh it here.
    const health = async () => {
      await t!.runtime.health.refresh();
      const res = await t!.runtime.app.request('/healthz');
      return { status: res.status, body: (await res.json()) as { parts?: Record<string, { status: string; state?: string }> } };
    };
    expect(await health()).toMatchObject({ status: 200, body: { parts: { dingtalk: { status: 'ok', mode: 'stream', connection: 'connected' } } } });
    t.fake.dropConnections();
    for (let i = 0; i < 100 && t.runtime.dingtalk!.stream!.status().state === 'connected'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await health()).toMatchObject({ status: 503, body: { status: 'down', parts: { dingtalk: { status: 'down' } } } });
    expect(t.logger.lines.some((l) => l.level === 'info' && l.msg === 'dingtalk stream: disconnected')).toBe(true);
    await t.connected(); // the first reconnect waits 1–2 s
    expect((await health()).status).toBe(200);
  });
});
