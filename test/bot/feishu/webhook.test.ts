import { afterEach, describe, expect, it } from 'vitest';
import type { CardView } from '../../../src/app/views/card-view';
import type { InboundSink } from '../../../src/bot/inbound-sink';
import { createFeishuMessenger } from '../../../src/bot/feishu/client';
import { encryptFeishu, feishuSignature } from '../../../src/bot/feishu/verify';
import { SLOW_CARD_TOAST, createFeishuWebhook, type FeishuWebhookDeps } from '../../../src/bot/feishu/webhook';
import { loadConfig } from '../../../src/config';
import { configWarnings } from '../../../src/runtime';
import {
  buildCardActionDelivery,
  buildDelivery,
  buildMessageDelivery,
  buildUrlVerificationDelivery,
  messageEventPayload,
  type Delivery,
} from '../../fakes/feishu-deliveries';
import { startFakeFeishuServer, type FakeFeishuServer } from '../../fakes/feishu-server';
import { background, recordingSink, silentLogger } from './helpers';

const KEY = 'encrypt-key-test';
const TOKEN = 'verification-token-test';
const TS = '1700000000';
const clock = () => new Date(1_700_000_030_000);
const sec = { encryptKey: KEY, timestamp: TS };
const BOT = { key: '@_user_1', openId: 'ou_bot', name: '双随机助手', type: 'bot' as const };
const card: CardView = { key: 'draw:1', title: '已确认', tone: 'success', sections: [{ type: 'text', text: '张三 已确认' }] };

function makeApp(sink: InboundSink, over: Partial<FeishuWebhookDeps> & { encryptKey?: string | null } = {}) {
  const bg = background();
  const logger = silentLogger();
  const { encryptKey, ...rest } = over;
  const app = createFeishuWebhook({
    config: { ...(encryptKey === null ? {} : { encryptKey: encryptKey ?? KEY }), verificationToken: TOKEN, botOpenId: () => 'ou_bot' },
    sink,
    messenger: { delayedUpdate: async () => {} },
    clock,
    runInBackground: bg.run,
    logger,
    afterResponseDelayMs: 20,
    ...rest,
  });
  return { app, bg, logger };
}
/** Re-signs a delivery with `key` (to get past the signature check with a bad ciphertext). */
function signedWith(key: string, d: Delivery): Delivery {
  const h = d.headers;
  return { ...d, headers: { ...h, 'x-lark-signature': feishuSignature(h['x-lark-request-timestamp']!, h['x-lark-request-nonce']!, key, d.body) } };
}
const post = (app: { request: (p: string, i: RequestInit) => Response | Promise<Response> }, d: Delivery, path = '/events') =>
  app.request(path, { method: 'POST', headers: d.headers, body: d.body });

describe('url_verification', () => {
  it('answers the challenge when the token is right: encrypted with a key, plain without one', async () => {
    for (const [encryptKey, over] of [
      [KEY, {}],
      [undefined, { encryptKey: null }],
    ] as const) {
      const { app } = makeApp(recordingSink(), over);
      const res = await post(app, buildUrlVerificationDelivery({ token: TOKEN, challenge: 'ch-1', encryptKey }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ challenge: 'ch-1' });
    }
  });
  it('refuses a plaintext body when an encrypt key is configured, signed or not (Feishu encrypts every delivery then)', async () => {
    const sink = recordingSink();
    const { app } = makeApp(sink);
    expect((await post(app, buildUrlVerificationDelivery({ token: TOKEN, challenge: 'ch-1' }))).status).toBe(401);
    const unsigned = buildMessageDelivery({ token: TOKEN, text: '@_user_1 /draw', mentions: [BOT], timestamp: TS });
    expect((await post(app, unsigned)).status).toBe(401);
    // Signed with the right key, yet not encrypted: still not Feishu's.
    const signed = {
      ...unsigned,
      headers: { ...unsigned.headers, 'x-lark-signature': feishuSignature(TS, unsigned.headers['x-lark-request-nonce']!, KEY, unsigned.body) },
    };
    expect((await post(app, signed)).status).toBe(401);
    expect(sink.events).toEqual([]);
  });
  it('refuses a challenge with a wrong token', async () => {
    const { app } = makeApp(recordingSink());
    const res = await post(app, buildUrlVerificationDelivery({ token: 'wrong', challenge: 'ch-1', encryptKey: KEY }));
    expect(res.status).toBe(401);
  });
});

describe('refusals (401, the sink never called)', () => {
  const msg = (o: Partial<Parameters<typeof buildMessageDelivery>[0]> = {}) =>
    buildMessageDelivery({ token: TOKEN, text: '@_user_1 /draw', mentions: [BOT], ...sec, ...o });
  it.each([
    ['bad signature', msg({ signature: 'f'.repeat(64) })],
    ['wrong verification token', msg({ token: 'not-it' })],
    ['stale timestamp', msg({ timestamp: String(1_700_000_030 - 301) })],
    ['future timestamp', msg({ timestamp: String(1_700_000_030 + 400) })],
    ['signed correctly but encrypted with another key', signedWith(KEY, buildMessageDelivery({ token: TOKEN, text: 'x', encryptKey: 'other', timestamp: TS }))],
  ])('%s', async (_, delivery) => {
    const sink = recordingSink();
    const { app, bg, logger } = makeApp(sink);
    const res = await post(app, delivery);
    await bg.settle();
    expect(res.status).toBe(401);
    expect(sink.events).toHaveLength(0);
    expect(logger.lines.some((l) => l.level === 'warn' && String(l.args[0]).includes('refused'))).toBe(true);
  });
  it('a missing signature when an encrypt key is configured', async () => {
    const sink = recordingSink();
    const { app } = makeApp(sink);
    const d = msg();
    delete d.headers['x-lark-signature'];
    expect((await post(app, d)).status).toBe(401);
    expect(sink.events).toHaveLength(0);
  });
  it('bad JSON is a 400', async () => {
    const { app } = makeApp(recordingSink());
    expect((await post(app, { headers: { 'content-type': 'application/json' }, body: '{"encrypt":' })).status).toBe(400);
  });
  it('a signed delivery that decrypts to JSON other than an object is a 400, not a 500', async () => {
    const sink = recordingSink();
    const { app } = makeApp(sink);
    for (const plain of ['null', '[]', '"x"', '7']) {
      const body = JSON.stringify({ encrypt: encryptFeishu(plain, KEY) });
      const d = signedWith(KEY, { headers: buildDelivery({}, sec).headers, body });
      expect((await post(app, d)).status, plain).toBe(400);
    }
    expect(sink.events).toHaveLength(0);
  });
});

describe('message events', () => {
  it('verifies the signature over the raw body (space after the colon) and acks at once', async () => {
    const sink = recordingSink({}, 600);
    const { app, bg } = makeApp(sink);
    const started = Date.now();
    const res = await post(app, buildMessageDelivery({ token: TOKEN, text: '@_user_1 /draw 冶金 10家', mentions: [BOT], ...sec, spaceAfterColon: true }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(Date.now() - started).toBeLessThan(450);
    expect(sink.events).toHaveLength(1);
    await bg.settle();
    expect(sink.events).toMatchObject([{ type: 'command', text: '/draw 冶金 10家', chat: { kind: 'group' } }]);
  });
  it('ignores a group message without a bot mention', async () => {
    const sink = recordingSink();
    const { app, bg } = makeApp(sink);
    const res = await post(app, buildMessageDelivery({ token: TOKEN, text: '/draw 冶金 10家', ...sec }));
    await bg.settle();
    expect(res.status).toBe(200);
    expect(sink.events).toHaveLength(0);
  });
  it('takes a p2p message without mention, on either path', async () => {
    const sink = recordingSink();
    const { app, bg } = makeApp(sink);
    const res = await post(app, buildMessageDelivery({ token: TOKEN, text: '/help', chatType: 'p2p', ...sec }), '/cards');
    await bg.settle();
    expect(res.status).toBe(200);
    expect(sink.events).toMatchObject([{ type: 'command', text: '/help', chat: { kind: 'direct' } }]);
  });
  it('without an encrypt key: warns once (at start on Node, per isolate on Workers) and relies on the token', async () => {
    const feishu = { FEISHU_APP_ID: 'cli_a', FEISHU_APP_SECRET: 's', FEISHU_VERIFICATION_TOKEN: TOKEN };
    expect(configWarnings(loadConfig(feishu))).toEqual([expect.stringContaining('FEISHU_ENCRYPT_KEY is not set')]);
    expect(configWarnings(loadConfig({ ...feishu, FEISHU_ENCRYPT_KEY: 'k' }))).toEqual([]);
    const sink = recordingSink();
    const { app, bg } = makeApp(sink, { encryptKey: null });
    const good = buildDelivery(messageEventPayload({ token: TOKEN, text: '/help', chatType: 'p2p' }), { timestamp: TS });
    const bad = buildDelivery(messageEventPayload({ token: 'nope', text: '/help', chatType: 'p2p' }), { timestamp: TS });
    expect((await post(app, good)).status).toBe(200);
    expect((await post(app, bad)).status).toBe(401);
    await bg.settle();
    expect(sink.events).toHaveLength(1);
  });
});

describe('card callbacks', () => {
  it('a click answers with the toast and the re-rendered card', async () => {
    const sink = recordingSink({ toast: { kind: 'success', text: '已确认' }, card });
    const { app } = makeApp(sink);
    const res = await post(app, buildCardActionDelivery({ token: TOKEN, value: { action: 'confirm', drawId: '1' }, ...sec }), '/cards');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { toast: unknown; card: { type: string; data: { schema: string; header: unknown } } };
    expect(body.toast).toEqual({ type: 'success', content: '已确认' });
    expect(body.card.type).toBe('raw');
    expect(body.card.data).toMatchObject({ schema: '2.0', header: { title: { content: '已确认' }, template: 'green' } });
    expect(sink.events).toMatchObject([{ type: 'action', action: 'confirm', payload: { drawId: '1' } }]);
  });
  it('a form submit reaches the sink as a form event with the date normalized', async () => {
    const sink = recordingSink({ toast: { kind: 'success', text: '已提交' } });
    const { app } = makeApp(sink);
    const d = buildCardActionDelivery({
      token: TOKEN,
      value: { action: 'submit_finding', taskId: '42' },
      formValue: { finding: '无', publish_by: '2024-04-01 +0800' },
      ...sec,
    });
    expect(await (await post(app, d)).json()).toEqual({ toast: { type: 'success', content: '已提交' } });
    expect(sink.events).toMatchObject([
      { type: 'form', action: 'submit_finding', payload: { taskId: '42' }, values: { finding: '无', publish_by: '2024-04-01' } },
    ]);
  });
  it('a failing sink gives an error toast, not a 500', async () => {
    const { app } = makeApp(async () => {
      throw new Error('boom');
    });
    const res = await post(app, buildCardActionDelivery({ token: TOKEN, value: { action: 'confirm' }, ...sec }));
    expect(await res.json()).toMatchObject({ toast: { type: 'error' } });
  });

  let fake: FakeFeishuServer | undefined;
  afterEach(async () => fake?.close());
  it('a slow sink: info toast now, then the card through the delayed-update API with the token', async () => {
    fake = await startFakeFeishuServer();
    const messenger = createFeishuMessenger({ appId: fake.appId, appSecret: fake.appSecret, baseUrl: fake.url });
    const sink = recordingSink({ toast: { kind: 'success', text: '好' }, card }, 600);
    const { app, bg } = makeApp(sink, { messenger, cardBudgetMs: 50 });
    const started = Date.now();
    const res = await post(app, buildCardActionDelivery({ token: TOKEN, value: { action: 'confirm' }, callbackToken: 'c-slow', ...sec }));
    const answeredAt = Date.now();
    expect(await res.json()).toEqual({ toast: { type: 'info', content: SLOW_CARD_TOAST } });
    expect(answeredAt - started).toBeLessThan(450);
    expect(fake.cardUpdates).toHaveLength(0);
    await bg.settle();
    expect(fake.cardUpdates).toHaveLength(1);
    expect(fake.cardUpdates[0]).toMatchObject({ token: 'c-slow', card: { schema: '2.0', header: { title: { content: '已确认' } } } });
    expect(fake.cardUpdates[0]!.time).toBeGreaterThanOrEqual(answeredAt);
  });
});
