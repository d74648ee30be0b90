import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../src/app/views/card-view';
import { dingtalkSign } from '../../../src/bot/dingtalk/verify';
import { SLOW_CARD_NOTICE, createDingtalkWebhook } from '../../../src/bot/dingtalk/webhook';
import { renderDingtalkCard } from '../../../src/bot/dingtalk/render';
import type { InboundSink } from '../../../src/bot/inbound-sink';
import { robotMessagePayload, signedHeaders } from '../../fakes/dingtalk-deliveries';
import { background, recordingSink, silentLogger } from '../feishu/helpers';

const SECRET = 'app-secret-test';
const NOW = 1_772_000_000_000;
const card: CardView = { key: 'task:1', title: '已确认', tone: 'success', sections: [{ type: 'text', text: '张三 已确认' }] };

function makeApp(sink: InboundSink, o: { cardBudgetMs?: number; maxBodyBytes?: number } = {}) {
  const bg = background();
  const logger = silentLogger();
  const updates: Array<{ outTrackId: string; card: CardView }> = [];
  const app = createDingtalkWebhook({
    sink,
    messenger: { render: (c) => renderDingtalkCard(c), updateCard: async (outTrackId, c) => void updates.push({ outTrackId, card: c }) },
    runInBackground: bg.run,
    logger: { ...logger, debug: logger.debug, info: logger.info },
    appSecret: SECRET,
    clock: () => new Date(NOW),
    ...o,
  });
  return { app, bg, logger, updates };
}
const message = (o: Partial<Parameters<typeof robotMessagePayload>[0]> = {}) =>
  robotMessagePayload({ text: ' /draw 冶金 10家', senderStaffId: 'staff1', conversationId: 'cidGroup==', group: true, msgId: 'msg1', robotCode: 'rc', ...o });
const post = (app: ReturnType<typeof makeApp>['app'], body: unknown, headers: Record<string, string>, path = '/events') =>
  app.request(path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('signature (401 before the body is read; the router never called)', () => {
  it.each([
    ['a wrong sign', signedHeaders(SECRET, NOW, dingtalkSign(String(NOW), 'another-secret'))],
    ['a sign for another timestamp', { ...signedHeaders(SECRET, NOW), sign: dingtalkSign(String(NOW + 1), SECRET) }],
    ['a stale timestamp (more than an hour old)', signedHeaders(SECRET, NOW - 3_600_001)],
    ['a timestamp more than an hour ahead', signedHeaders(SECRET, NOW + 3_600_001)],
    ['no sign header', { 'content-type': 'application/json', timestamp: String(NOW) }],
    ['a timestamp that is not a number', { ...signedHeaders(SECRET, NOW), timestamp: 'yesterday' }],
  ])('%s', async (_, headers) => {
    const sink = recordingSink();
    const { app, bg, logger } = makeApp(sink);
    for (const path of ['/events', '/cards']) {
      const res = await post(app, message(), headers, path);
      expect(res.status).toBe(401);
    }
    await bg.settle();
    expect(sink.events).toHaveLength(0);
    expect(logger.lines.some((l) => l.level === 'warn' && String(l.args[0]).includes('refused'))).toBe(true);
  });
  it('an unsigned body is refused without being parsed (not a 400)', async () => {
    const { app } = makeApp(recordingSink());
    expect((await post(app, '{not json', { 'content-type': 'application/json' })).status).toBe(401);
  });
  it('accepts a timestamp 59 minutes old', async () => {
    const sink = recordingSink();
    const { app, bg } = makeApp(sink);
    expect((await post(app, message(), signedHeaders(SECRET, NOW - 59 * 60_000))).status).toBe(200);
    await bg.settle();
    expect(sink.events).toHaveLength(1);
  });
});

describe('robot messages', () => {
  it('a group @-message: acknowledged at once, the text without its leading spaces, deduped on msgId', async () => {
    const sink = recordingSink({}, 300);
    const { app, bg } = makeApp(sink);
    const started = Date.now();
    const res = await post(app, message(), signedHeaders(SECRET, NOW));
    expect([res.status, await res.json()]).toEqual([200, {}]);
    expect(Date.now() - started).toBeLessThan(250);
    await bg.settle();
    expect(sink.events).toMatchObject([
      {
        type: 'command',
        dedupeKey: 'dingtalk:msg:msg1',
        text: '/draw 冶金 10家',
        actor: { platform: 'dingtalk', accountId: 'staff1' },
        chat: { id: 'cidGroup==', kind: 'group' },
      },
    ]);
  });
  it('a 1:1 message is a direct chat with the sender; other @-mentioned staff become mentions', async () => {
    const sink = recordingSink();
    const { app, bg } = makeApp(sink);
    await post(app, message({ group: false, text: '/mytasks', msgId: 'm2' }), signedHeaders(SECRET, NOW));
    await post(app, message({ text: ' /link 豫A123 @张三', atStaffIds: ['staff9'], msgId: 'm3' }), signedHeaders(SECRET, NOW));
    await bg.settle();
    expect(sink.events).toMatchObject([
      { chat: { id: 'user:staff1', kind: 'direct' }, text: '/mytasks' },
      { chat: { kind: 'group' }, text: '/link 豫A123 @张三', mentions: [{ accountId: 'staff9', name: '张三' }] },
    ]);
  });
  it('@-mentions: full-width and U+2005 spaces, a robot name left in front, two people @-ed (names unknown), someone outside the organisation', async () => {
    const sink = recordingSink();
    const { app, bg } = makeApp(sink);
    const send = (o: Partial<Parameters<typeof robotMessagePayload>[0]>) => post(app, message(o), signedHeaders(SECRET, NOW));
    await send({ text: '\u3000 /draw 冶金 2家\u2005', msgId: 'a1' });
    await send({ text: ' @检查机器人\u2005/help', msgId: 'a2' });
    await send({ text: ' /link 豫A1 @张三 @李四', atStaffIds: ['staff8', 'staff9'], msgId: 'a3' });
    const outsider = message({ text: ' /link 豫A1 @王五', msgId: 'a4' });
    outsider['atUsers'] = [{ dingtalkId: '$:LWCP_v1:$robot' }, { dingtalkId: '$:LWCP_v1:$outsider' }];
    await post(app, outsider, signedHeaders(SECRET, NOW));
    await bg.settle();
    expect(sink.events.map((e) => (e.type === 'command' ? { text: e.text, mentions: e.mentions } : e.type))).toEqual([
      { text: '/draw 冶金 2家', mentions: undefined },
      { text: '/help', mentions: undefined },
      {
        text: '/link 豫A1 @张三 @李四',
        mentions: [
          { accountId: 'staff8', name: 'staff8' },
          { accountId: 'staff9', name: 'staff9' },
        ],
      },
      // Nobody of the organisation @-ed: /link then answers with its usage.
      { text: '/link 豫A1 @王五', mentions: undefined },
    ]);
  });
  it('pictures are not commands; bad JSON is a 400; a large body a 413', async () => {
    const sink = recordingSink();
    const { app, bg } = makeApp(sink, { maxBodyBytes: 4096 });
    expect((await post(app, message({ msgtype: 'picture' }), signedHeaders(SECRET, NOW))).status).toBe(200);
    expect((await post(app, '{"msgId":', signedHeaders(SECRET, NOW))).status).toBe(400);
    expect((await post(app, message({ text: 'x'.repeat(5000) }), signedHeaders(SECRET, NOW))).status).toBe(413);
    await bg.settle();
    expect(sink.events).toHaveLength(0);
  });
});

describe('pictures and files', () => {
  it('in a 1:1 chat: a picture, a file and the pictures of a richText become file events (downloadCode as the key, pictures as images); in a group nothing', async () => {
    const sink = recordingSink();
    const { app, bg } = makeApp(sink);
    const send = (o: Partial<Parameters<typeof robotMessagePayload>[0]>) => post(app, message({ group: false, ...o }), signedHeaders(SECRET, NOW));
    await send({ msgtype: 'picture', msgId: 'p1', content: { downloadCode: 'dlPic', pictureDownloadCode: 'pdlPic' }, createAt: NOW - 5000 });
    await send({ msgtype: 'file', msgId: 'f1', content: { downloadCode: 'dlFile', fileName: '检查对象名录库.xlsx', spaceId: '1', fileId: '2' } });
    await send({
      msgtype: 'richText',
      msgId: 'r1',
      content: { richText: [{ text: '现场照片' }, { type: 'picture', downloadCode: 'dlA', pictureDownloadCode: 'pA' }, { pictureDownloadCode: 'pB' }] },
    });
    await post(app, message({ msgtype: 'picture', msgId: 'g1', content: { downloadCode: 'dlGroup' } }), signedHeaders(SECRET, NOW));
    await bg.settle();
    const actor = { platform: 'dingtalk', accountId: 'staff1' };
    const chat = { platform: 'dingtalk', id: 'user:staff1', kind: 'direct' };
    expect(sink.events).toEqual([
      {
        type: 'file',
        dedupeKey: 'dingtalk:msg:p1',
        actor: expect.objectContaining(actor),
        chat,
        file: { name: '图片.jpg', key: 'dlPic', messageId: 'p1', kind: 'image' },
        sentAt: new Date(NOW - 5000),
      },
      expect.objectContaining({ type: 'file', dedupeKey: 'dingtalk:msg:f1', file: { name: '检查对象名录库.xlsx', key: 'dlFile', messageId: 'f1' } }),
      expect.objectContaining({ type: 'file', dedupeKey: 'dingtalk:msg:r1:1', file: { name: '图片.jpg', key: 'dlA', messageId: 'r1', kind: 'image' } }),
      expect.objectContaining({ type: 'file', dedupeKey: 'dingtalk:msg:r1:2', file: { name: '图片.jpg', key: 'pB', messageId: 'r1', kind: 'image' } }),
    ]);
  });
  it('a richText without pictures is a command (a phone sends one once a line is formatted), in a group too', async () => {
    const sink = recordingSink();
    const { app, bg } = makeApp(sink);
    await post(
      app,
      message({ msgtype: 'richText', msgId: 't1', content: { richText: [{ text: ' /draw 冶金' }, { text: ' 3家' }] } }),
      signedHeaders(SECRET, NOW),
    );
    await bg.settle();
    expect(sink.events).toMatchObject([{ type: 'command', text: '/draw 冶金 3家', chat: { kind: 'group' } }]);
  });
});

describe('card callbacks over HTTP', () => {
  const click = (params: Record<string, unknown>) => ({
    outTrackId: 'dr-1',
    userId: 'staff1',
    spaceType: 'IM_ROBOT',
    spaceId: 'staff1',
    type: 'actionCallback',
    content: JSON.stringify({ cardPrivateData: { actionIds: ['btn1'], params } }),
  });
  it('a click answers with the card data for all and the notice for the clicker', async () => {
    const sink = recordingSink({ toast: { kind: 'success', text: '已确认' }, card });
    const { app } = makeApp(sink);
    const res = await post(app, click({ value: '{"taskId":"1","action":"task.confirm"}', space: 'user:staff1' }), signedHeaders(SECRET, NOW), '/cards');
    const body = (await res.json()) as Record<string, { cardParamMap: Record<string, string> }>;
    expect(body['cardData']!.cardParamMap).toMatchObject({ title: '已确认', tone: 'success' });
    expect(body['userPrivateData']!.cardParamMap).toEqual({ notice: '✅ 已确认' });
    expect(sink.events).toMatchObject([
      { type: 'action', action: 'task.confirm', payload: { taskId: '1' }, messageId: 'dr-1', chat: { id: 'user:staff1', kind: 'direct' } },
    ]);
    expect(sink.events[0]!.dedupeKey).toMatch(/^dingtalk:card:[0-9a-f]{32}$/);
  });
  it('a slow router: a notice now, the card by PUT when ready', async () => {
    const sink = recordingSink({ card }, 300);
    const { app, bg, updates } = makeApp(sink, { cardBudgetMs: 30 });
    const res = await post(app, click({ value: '{"action":"task.confirm"}' }), signedHeaders(SECRET, NOW), '/cards');
    expect(((await res.json()) as Record<string, { cardParamMap: unknown }>)['userPrivateData']!.cardParamMap).toEqual({ notice: `ℹ️ ${SLOW_CARD_NOTICE}` });
    await bg.settle();
    expect(updates).toEqual([{ outTrackId: 'dr-1', card }]);
  });
  it('a click without our value is answered with a notice and not routed', async () => {
    const sink = recordingSink();
    const { app } = makeApp(sink);
    const res = await post(app, click({}), signedHeaders(SECRET, NOW), '/cards');
    expect(res.status).toBe(200);
    expect(sink.events).toHaveLength(0);
  });
});
