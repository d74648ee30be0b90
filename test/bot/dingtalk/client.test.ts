import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError, PlatformRejectedError, type Recipient } from '../../../src/app/ports/messenger';
import type { CardView } from '../../../src/app/views/card-view';
import { createDingtalkMessenger, outTrackIdOf } from '../../../src/bot/dingtalk/client';
import { FAKE_CARD_TEMPLATE, FAKE_FORM_TEMPLATE, startFakeDingtalk, type FakeDingtalk } from '../../fakes/dingtalk-server';

const card: CardView = {
  key: 'task:1',
  title: '检查任务',
  tone: 'info',
  sections: [{ type: 'text', text: '请确认' }],
  actions: [{ label: '确认接收', action: 'task.confirm', payload: { taskId: '1' } }],
};
const group: Recipient = { kind: 'chat', platform: 'dingtalk', id: 'cidG==' };
const user: Recipient = { kind: 'user', platform: 'dingtalk', id: 'staff1' };

let fake: FakeDingtalk | undefined;
afterEach(async () => fake?.close());

async function messenger(o: { staff?: string[]; now?: () => number; contacts?: Record<string, string> } = {}) {
  fake = await startFakeDingtalk({ staff: o.staff, contacts: o.contacts });
  const f = fake;
  return createDingtalkMessenger({
    appKey: f.appKey,
    appSecret: f.appSecret,
    robotCode: f.appKey,
    baseUrl: f.url,
    templates: { general: FAKE_CARD_TEMPLATE, form: FAKE_FORM_TEMPLATE },
    callback: { type: 'STREAM' },
    callsPerSecond: 1000,
    ...(o.now ? { now: o.now } : {}),
  });
}
const caught = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('DingTalk client', () => {
  it('caches the token, refreshes it 5 minutes before expiry, and fetches it once for concurrent calls', async () => {
    let now = 1_000_000;
    const m = await messenger({ now: () => now });
    await Promise.all([m.send(group, { type: 'text', text: 'a' }, 'k1'), m.send(group, { type: 'text', text: 'b' }, 'k2')]);
    expect(fake!.tokensIssued).toBe(1);
    now += (7200 - 301) * 1000;
    await m.send(group, { type: 'text', text: 'c' }, 'k3');
    expect(fake!.tokensIssued).toBe(1);
    now += 2000;
    await m.send(group, { type: 'text', text: 'd' }, 'k4');
    expect(fake!.tokensIssued).toBe(2);
    expect(fake!.textsTo('cidG==').sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('a refused AppSecret is a configuration failure: retried (the queue goes out once it is fixed), not given up', async () => {
    fake = await startFakeDingtalk();
    const m = createDingtalkMessenger({
      appKey: fake.appKey,
      appSecret: 'not-the-secret',
      robotCode: fake.appKey,
      baseUrl: fake.url,
      templates: { general: FAKE_CARD_TEMPLATE },
      callback: { type: 'STREAM' },
    });
    const error = await caught(m.send(group, { type: 'text', text: 'x' }, 'k'));
    expect(error).toMatchObject({ kind: 'configuration', retryable: true, code: 'invalidClientIdOrSecret' });
    expect(String((error as Error).message)).toContain('DINGTALK_APP_SECRET');
  });

  it('a rejected token is dropped: the call is retryable and the retry fetches a new one', async () => {
    const m = await messenger();
    await m.send(user, { type: 'text', text: 'x' }, 'k1');
    fake!.expireTokens();
    const error = await caught(m.send(user, { type: 'text', text: 'y' }, 'k2'));
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 'InvalidAuthentication', retryable: true });
    await m.send(user, { type: 'text', text: 'y' }, 'k2');
    expect(fake!.tokensIssued).toBe(2);
  });

  it('maps errors: QPS limit and 5xx retry, a bad parameter gives up, an unknown user gives up, no server is a network error', async () => {
    const m = await messenger({ staff: ['staff1'] });
    fake!.failNext(1, { status: 403, code: 'Forbidden.AccessDenied.QpsLimitForApi' });
    expect(await caught(m.send(group, { type: 'text', text: 'x' }, 'k'))).toMatchObject({ retryable: true, retryAfterSeconds: 1 });
    fake!.failNext(1, { status: 503, code: 'ServiceUnavailable' });
    expect(await caught(m.send(group, { type: 'text', text: 'x' }, 'k'))).toMatchObject({ retryable: true });
    fake!.failNext(1, { status: 403, code: 'Forbidden.AccessDenied.AccessTokenPermissionDenied', message: '没有调用该接口的权限' });
    const denied = await caught(m.send(group, { type: 'text', text: 'x' }, 'k'));
    expect(denied).toMatchObject({ retryable: false });
    expect(String((denied as Error).message)).toContain('没有调用该接口的权限');
    expect(await caught(m.send({ ...user, id: 'stranger' }, { type: 'text', text: 'x' }, 'k'))).toMatchObject({ code: 'invalid_staff', retryable: false });
    expect(await caught(m.send({ ...user, id: 'stranger' }, { type: 'card', card }, 'k'))).toMatchObject({ code: 'deliver_failed', retryable: false });
    const offline = createDingtalkMessenger({
      appKey: 'a',
      appSecret: 'b',
      robotCode: 'a',
      baseUrl: 'http://127.0.0.1:9',
      templates: { general: 'g' },
      callback: { type: 'STREAM' },
    });
    expect(await caught(offline.send(group, { type: 'text', text: 'x' }, 'k'))).toBeInstanceOf(NetworkError);
  });

  it('cards: a stable outTrackId from the idempotency key, string parameters, the space, updates by key', async () => {
    const m = await messenger();
    const sent = await m.send(group, { type: 'card', card }, 'draw:1:announce');
    expect(sent.messageId).toBe(outTrackIdOf('draw:1:announce'));
    const delivered = fake!.cards.get(sent.messageId)!;
    expect(delivered).toMatchObject({ templateId: FAKE_CARD_TEMPLATE, space: { type: 'IM_GROUP', id: 'cidG==' }, callbackType: 'STREAM' });
    expect(delivered.params).toMatchObject({ title: '检查任务', space: 'group:cidG==', btn1_text: '确认接收', btn1_visible: 'true', btn2_visible: 'false' });
    // The outbox retries after a lost answer: the card is already there, the retry counts as sent.
    expect(await m.send(group, { type: 'card', card }, 'draw:1:announce')).toEqual(sent);
    expect(fake!.delivered).toHaveLength(1);
    await m.updateCard(sent.messageId, { ...card, title: '已确认', actions: [] });
    expect(delivered.params).toMatchObject({ title: '已确认', btn1_visible: 'false', space: 'group:cidG==' });
    const direct = await m.send({ kind: 'chat', platform: 'dingtalk', id: 'user:staff1' }, { type: 'card', card }, 'reply:1');
    expect(fake!.cards.get(direct.messageId)).toMatchObject({ space: { type: 'IM_ROBOT', id: 'staff1' }, params: { space: 'user:staff1' } });
    await m.send({ kind: 'chat', platform: 'dingtalk', id: 'user:staff1' }, { type: 'text', text: '你好' }, 'reply:2');
    expect(fake!.textsTo('staff1')).toEqual(['你好']);
  });

  it('contact lookup: mobile -> userId through getbymobile on the oapi host; nobody found is left out, not an error', async () => {
    const m = await messenger({ contacts: { '13800000001': 'manager4102', '13800000002': '0326112345' } });
    expect(await m.resolveUserIds(['13800000001', '13900000000', '13800000002'])).toEqual({ '13800000001': 'manager4102', '13800000002': '0326112345' });
    expect(fake!.lookups).toEqual(['13800000001', '13900000000', '13800000002']);
    const call = fake!.calls.find((c) => c.path === '/topapi/v2/user/getbymobile')!;
    expect(call.body).toEqual({ mobile: '13800000001', support_exclusive_account_search: true });
    expect(call.headers['x-acs-dingtalk-access-token']).toBeUndefined();
    // A token DingTalk no longer accepts (errcode 40014 with HTTP 200): dropped, the call retryable, the retry works.
    fake!.expireTokens();
    expect(await caught(m.resolveUserIds(['13800000001']))).toMatchObject({ code: 40014, retryable: true });
    expect(await m.resolveUserIds(['13800000001'])).toEqual({ '13800000001': 'manager4102' });
  });

  it('fetches a file a person sent: downloadCode -> downloadUrl -> the bytes; larger than allowed is refused', async () => {
    const m = await messenger();
    const photo = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 13) % 256));
    const code = fake!.addSentFile(photo, 'image/jpeg');
    const got = await m.fetchFile({ name: '图片.jpg', key: code, messageId: 'msg1' }, 10_000);
    expect(Buffer.from(got).equals(photo)).toBe(true);
    expect(fake!.calls.find((c) => c.path === '/v1.0/robot/messageFiles/download')!.body).toEqual({ downloadCode: code, robotCode: fake!.appKey });
    expect(await caught(m.fetchFile({ name: '图片.jpg', key: code, messageId: 'msg1' }, 4999))).toMatchObject({ code: 'file_too_large' });
    expect(await caught(m.fetchFile({ name: 'x', key: 'expired-code', messageId: 'msg2' }, 10_000))).toMatchObject({ retryable: false });
  });
});
