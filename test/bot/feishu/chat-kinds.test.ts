import { describe, expect, it } from 'vitest';
import { createFeishuChatKinds } from '../../../src/bot/feishu/chat-kinds';
import { mentionedPeople, normalizeMessageEvent, flattenFeishuPayload } from '../../../src/bot/feishu/normalize';
import { dispatchFeishuEvent } from '../../../src/bot/feishu/webhook';
import { cardActionPayload, messageEventPayload } from '../../fakes/feishu-deliveries';
import { background, recordingSink, silentLogger } from './helpers';

const BOT = { key: '@_user_1', openId: 'ou_bot', name: '双随机助手', type: 'bot' as const };
const ZHANG = { key: '@_user_2', openId: 'ou_zhang', name: '张三' };

describe('mentions on commands', () => {
  it('carry the mentioned people (open_id and name), never the bot', () => {
    const flat = flattenFeishuPayload(
      messageEventPayload({
        token: 't',
        text: '@_user_1 /link 41030001 @_user_2',
        mentions: [BOT, ZHANG, { key: '@_user_3', openId: 'ou_other_bot', name: '别的机器人', type: 'bot' }],
      }),
    );
    expect(normalizeMessageEvent(flat, { botOpenId: 'ou_bot' })).toMatchObject({
      type: 'command',
      text: '/link 41030001 @_user_2',
      mentions: [{ accountId: 'ou_zhang', name: '张三' }],
    });
  });
  it('without the bot open_id, the bot is told apart by mentioned_type; @_all and duplicates are dropped', () => {
    const mentions = [BOT, ZHANG, ZHANG, { key: '@_all', openId: 'all', name: '所有人' }].map((m) => ({
      key: m.key,
      id: { open_id: m.openId },
      name: m.name,
      mentioned_type: 'type' in m ? m.type : 'user',
    }));
    expect(mentionedPeople(mentions, undefined)).toEqual([{ accountId: 'ou_zhang', name: '张三' }]);
  });
  it('a command without other mentions has no mentions field', () => {
    const flat = flattenFeishuPayload(messageEventPayload({ token: 't', text: '@_user_1 /status', mentions: [BOT] }));
    expect(normalizeMessageEvent(flat, { botOpenId: 'ou_bot' })).not.toHaveProperty('mentions');
  });
});

describe('chat kind of card clicks', () => {
  const bound = new Set(['oc_bound_group']);
  async function clickIn(chatId: string, remembered?: { chatId: string; chatType: 'group' | 'p2p' }) {
    const sink = recordingSink({});
    const bg = background();
    const chatKinds = createFeishuChatKinds(async (id) => bound.has(id));
    const deps = { sink, runInBackground: bg.run, logger: silentLogger(), botOpenId: () => 'ou_bot', chatKinds };
    if (remembered) {
      await dispatchFeishuEvent(
        messageEventPayload({ token: 't', text: '@_user_1 /help', mentions: [BOT], chatId: remembered.chatId, chatType: remembered.chatType }),
        deps,
      );
      await bg.settle();
    }
    await dispatchFeishuEvent(cardActionPayload({ token: 't', value: { action: 'task.confirm', taskId: '1' }, chatId }), deps);
    return sink.events.at(-1)!.chat.kind;
  }
  it('a click on a card in a direct chat is direct, in a bound group a group', async () => {
    expect(await clickIn('oc_p2p_with_officer')).toBe('direct');
    expect(await clickIn('oc_bound_group')).toBe('group');
  });
  it('what a message from that chat said wins over the lookup', async () => {
    expect(await clickIn('oc_unbound_group', { chatId: 'oc_unbound_group', chatType: 'group' })).toBe('group');
    expect(await clickIn('oc_p2p', { chatId: 'oc_p2p', chatType: 'p2p' })).toBe('direct');
  });
  it('the memory is bounded', async () => {
    const kinds = createFeishuChatKinds(async () => false, 2);
    kinds.remember('a', 'group');
    kinds.remember('b', 'group');
    kinds.remember('c', 'group');
    expect([await kinds.kindOf('a'), await kinds.kindOf('b'), await kinds.kindOf('c')]).toEqual(['direct', 'group', 'group']);
  });
});
