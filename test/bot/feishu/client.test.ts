import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NetworkError, PlatformRejectedError } from '../../../src/app/ports/messenger';
import type { CardView } from '../../../src/app/views/card-view';
import { createFeishuMessenger, feishuUuid, type FeishuMessenger } from '../../../src/bot/feishu/client';
import { FAKE_TOKEN_USED_UP, startFakeFeishuServer, type FakeFeishuServer, type FakeFeishuOptions } from '../../fakes/feishu-server';
import { silentLogger } from './helpers';

const chat = { kind: 'chat' as const, platform: 'feishu' as const, id: 'oc_group' };
const user = { kind: 'user' as const, platform: 'feishu' as const, id: 'ou_officer' };
const card: CardView = {
  key: 'task:1',
  title: '检查任务',
  tone: 'info',
  sections: [{ type: 'text', text: '请确认' }],
  actions: [{ label: '确认', action: 'task.confirm', payload: { taskId: '1' } }],
};

let fake: FakeFeishuServer;
let messenger: FeishuMessenger;
const open: FakeFeishuServer[] = [];
async function setup(opts: FakeFeishuOptions = {}) {
  fake = await startFakeFeishuServer({
    directory: [
      { mobile: '13800000000', openId: 'ou_m' },
      { email: 'li@example.cn', openId: 'ou_e' },
    ],
    ...opts,
  });
  open.push(fake);
  messenger = createFeishuMessenger({ appId: fake.appId, appSecret: fake.appSecret, baseUrl: fake.url, logger: silentLogger() });
}
async function rejection(p: Promise<unknown>): Promise<PlatformRejectedError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlatformRejectedError);
  return err as PlatformRejectedError;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

describe('send and update', () => {
  beforeEach(() => setup());
  it('sends text to a chat_id and a card to an open_id', async () => {
    const a = await messenger.send(chat, { type: 'text', text: '抽取完成' }, 'outbox:1');
    const b = await messenger.send(user, { type: 'card', card }, 'outbox:2');
    expect(a.messageId).toMatch(/^om_/);
    expect(fake.messagesTo('oc_group')).toMatchObject([{ receiveIdType: 'chat_id', msgType: 'text', content: { text: '抽取完成' }, uuid: 'outbox:1' }]);
    const [sent] = fake.cardsTo('ou_officer');
    expect(sent).toMatchObject({ schema: '2.0', config: { update_multi: true }, header: { title: { content: '检查任务' } } });
    expect(fake.messagesTo('ou_officer')[0]).toMatchObject({ messageId: b.messageId, receiveIdType: 'open_id' });
    const create = fake.calls.find((c) => c.path === '/open-apis/im/v1/messages');
    expect(create?.headers.authorization).toMatch(/^Bearer t-/);
  });
  it('derives a deterministic uuid ≤ 50 chars, and a repeated send is delivered once', async () => {
    const long = `outbox:${'x'.repeat(80)}:群通知`;
    expect(feishuUuid(long)).toBe(feishuUuid(long));
    expect(feishuUuid(long).length).toBeLessThanOrEqual(50);
    expect(feishuUuid(long)).not.toBe(feishuUuid(`${long}2`));
    const first = await messenger.send(chat, { type: 'text', text: 'hi' }, long);
    const again = await messenger.send(chat, { type: 'text', text: 'hi' }, long);
    expect(again.messageId).toBe(first.messageId);
    expect(fake.messagesTo('oc_group')).toHaveLength(1);
    expect(fake.calls.filter((c) => c.path === '/open-apis/im/v1/messages')).toHaveLength(2);
  });
  it('patches a card it sent; patching an unknown message is a non-retryable rejection', async () => {
    const { messageId } = await messenger.send(chat, { type: 'card', card }, 'outbox:3');
    await messenger.updateCard(messageId, { ...card, title: '已确认', tone: 'success' });
    expect(fake.patches).toMatchObject([{ messageId, card: { header: { title: { content: '已确认' }, template: 'green' } } }]);
    const err = await rejection(messenger.updateCard('om_nope', card));
    expect(err).toMatchObject({ code: 230001, retryable: false });
  });
  it('uses a callback token for a delayed update at most twice', async () => {
    await messenger.delayedUpdate('c-tok', card);
    await messenger.delayedUpdate('c-tok', card);
    expect(fake.cardUpdates.map((u) => u.token)).toEqual(['c-tok', 'c-tok']);
    expect((await rejection(messenger.delayedUpdate('c-tok', card))).code).toBe(FAKE_TOKEN_USED_UP);
  });
  it('resolves open_ids and reads the bot identity', async () => {
    expect(await messenger.resolveOpenIds(['13800000000', '13900000000'], ['li@example.cn'])).toEqual({ '13800000000': 'ou_m', 'li@example.cn': 'ou_e' });
    expect(await messenger.botInfo()).toEqual({ openId: 'ou_fakebot', name: '双随机助手' });
  });
  it('keeps its own token cache (one token per messenger, reused across calls)', async () => {
    const other = createFeishuMessenger({ appId: fake.appId, appSecret: fake.appSecret, baseUrl: fake.url });
    await messenger.send(chat, { type: 'text', text: '1' }, 'a');
    await messenger.send(chat, { type: 'text', text: '2' }, 'b');
    await other.send(chat, { type: 'text', text: '3' }, 'c');
    expect(fake.tokensIssued).toBe(2);
  });
});

describe('errors', () => {
  it('maps HTTP 429 / 99991400 to a retryable rejection with retryAfterSeconds', async () => {
    await setup({ perReceiverQps: 2 });
    await messenger.send(chat, { type: 'text', text: '1' }, 'k1');
    await messenger.send(chat, { type: 'text', text: '2' }, 'k2');
    const err = await rejection(messenger.send(chat, { type: 'text', text: '3' }, 'k3'));
    expect(err).toMatchObject({ code: 99991400, retryable: true, retryAfterSeconds: 1 });
    expect(fake.messagesTo('oc_group')).toHaveLength(2);
  });
  it('maps HTTP 200 with code ≠ 0 (returned, not thrown by the SDK) to a rejection', async () => {
    await setup();
    fake.failNext(1, { status: 200, code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
    expect(await rejection(messenger.send(chat, { type: 'text', text: 'x' }, 'k'))).toMatchObject({ code: 230002, retryable: false });
  });
  it('treats 230020 and 5xx as retryable', async () => {
    await setup();
    fake.failNext(1, { status: 400, code: 230020, msg: 'This operation triggers the frequency limit.' });
    expect(await rejection(messenger.send(chat, { type: 'text', text: 'x' }, 'k'))).toMatchObject({ code: 230020, retryable: true });
    fake.failNext(1, { status: 503, code: 1, msg: 'unavailable', headers: { 'x-ogw-ratelimit-reset': '7' } });
    expect(await rejection(messenger.send(chat, { type: 'text', text: 'x' }, 'k'))).toMatchObject({ retryable: true, retryAfterSeconds: 7 });
    expect(fake.messagesTo('oc_group')).toHaveLength(0);
  });
  it('a card view far over 30 KB still goes out (render fits it); the fake itself refuses > 30 KB with 230025', async () => {
    await setup();
    const rows = Array.from({ length: 3000 }, (_, i) => [`企业${i}`.repeat(5)]);
    await messenger.send(chat, { type: 'card', card: { ...card, sections: [{ type: 'table', columns: ['企业'], rows }] } }, 'big');
    expect(fake.cardsTo('oc_group')).toHaveLength(1);
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${fake.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    const noAuth = await post({}, { receive_id: 'oc_group', msg_type: 'text', content: '{"text":"x"}' });
    expect(await noAuth.json()).toMatchObject({ code: 99991661 });
    const tokenCall = fake.calls.find((c) => c.path === '/open-apis/im/v1/messages');
    const huge = JSON.stringify({ schema: '2.0', body: { elements: [{ tag: 'markdown', content: 'x'.repeat(31 * 1024) }] } });
    const tooBig = await post({ authorization: String(tokenCall?.headers.authorization) }, { receive_id: 'oc_group', msg_type: 'interactive', content: huge });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ code: 230025 });
  });
  it('maps a refused connection to NetworkError', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const dead = createFeishuMessenger({ appId: 'cli_0123456789abcdef', appSecret: 's', baseUrl: `http://127.0.0.1:${port}` });
    const err = await dead.send(chat, { type: 'text', text: 'x' }, 'k').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
  });
});

describe('files', () => {
  beforeEach(() => setup());
  it('uploads a file and sends it as a file message, once per idempotency key', async () => {
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 1, 2, 3, 255]);
    const file = { name: '企业名录导入模板.xlsx', base64: bytes.toString('base64') };
    const sent = await messenger.send(user, { type: 'file', file }, 'outbox:file:1');
    expect(sent.messageId).toMatch(/^om_/);
    expect(fake.filesTo('ou_officer')).toEqual([{ fileName: '企业名录导入模板.xlsx', data: bytes }]);
    expect([...fake.uploads.values()][0]?.fileType).toBe('xls');
    // A retried send uploads again but the message is not repeated (its uuid).
    expect((await messenger.send(user, { type: 'file', file }, 'outbox:file:1')).messageId).toBe(sent.messageId);
    expect(fake.filesTo('ou_officer')).toHaveLength(1);
  });

  it('refuses an empty file as Feishu does', async () => {
    const refused = await rejection(messenger.send(user, { type: 'file', file: { name: 'x.csv', base64: '' } }, 'outbox:file:2'));
    expect(refused.code).toBe(234006);
  });
});
