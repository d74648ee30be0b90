import { describe, expect, it } from 'vitest';
import type { CardView } from '../../../src/app/views/card-view';
import { buildFeishuEventDispatcher } from '../../../src/bot/feishu/ws';
import { SLOW_CARD_TOAST } from '../../../src/bot/feishu/webhook';
import { cardActionPayload, messageEventPayload } from '../../fakes/feishu-deliveries';
import { background, recordingSink, silentLogger } from './helpers';

const BOT = { key: '@_user_1', openId: 'ou_bot', name: '双随机助手', type: 'bot' as const };
const card: CardView = { key: 'k', title: '已确认', tone: 'success', sections: [] };

/** The WS client parses the frame's JSON and calls exactly this. */
const invokeAsWs = (d: ReturnType<typeof buildFeishuEventDispatcher>, payload: Record<string, unknown>) =>
  d.invoke(JSON.parse(JSON.stringify(payload)), { needCheck: false });

describe('long-connection dispatcher', () => {
  it('a card action reaches the sink and its reply is the callback response', async () => {
    const sink = recordingSink({ toast: { kind: 'success', text: '已确认' }, card });
    const bg = background();
    const dispatcher = buildFeishuEventDispatcher({ sink, runInBackground: bg.run, logger: silentLogger() });
    const out = await invokeAsWs(dispatcher, cardActionPayload({ token: 'vt', value: { action: 'confirm', drawId: '3' }, eventId: 'ev_ws' }));
    expect(out).toMatchObject({ toast: { type: 'success', content: '已确认' }, card: { type: 'raw', data: { schema: '2.0' } } });
    expect(sink.events).toMatchObject([{ type: 'action', dedupeKey: 'feishu:evt:ev_ws', action: 'confirm', payload: { drawId: '3' } }]);
  });
  it('a message is acknowledged at once and handled in the background', async () => {
    const sink = recordingSink({}, 50);
    const bg = background();
    const dispatcher = buildFeishuEventDispatcher({ sink, runInBackground: bg.run, logger: silentLogger(), botOpenId: () => 'ou_bot' });
    const out = await invokeAsWs(dispatcher, messageEventPayload({ token: 'vt', text: '@_user_1 /draw 冶金 10家', mentions: [BOT], messageId: 'om_ws' }));
    expect(out).toEqual({});
    await bg.settle();
    expect(sink.events).toMatchObject([{ type: 'command', dedupeKey: 'feishu:msg:om_ws', text: '/draw 冶金 10家' }]);
  });
  it('a slow card action answers with a toast and later uses the callback token (not the verification token)', async () => {
    const updates: Array<{ token: string; card: CardView }> = [];
    const sink = recordingSink({ card }, 100);
    const bg = background();
    const dispatcher = buildFeishuEventDispatcher({
      sink,
      runInBackground: bg.run,
      logger: silentLogger(),
      cardBudgetMs: 20,
      afterResponseDelayMs: 0,
      messenger: { delayedUpdate: async (token, c) => void updates.push({ token, card: c }) },
    });
    const out = await invokeAsWs(dispatcher, cardActionPayload({ token: 'verification', value: { action: 'confirm' }, callbackToken: 'c-ws' }));
    expect(out).toEqual({ toast: { type: 'info', content: SLOW_CARD_TOAST } });
    await bg.settle();
    expect(updates).toEqual([{ token: 'c-ws', card }]);
  });
});
