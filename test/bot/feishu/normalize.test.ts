import { describe, expect, it } from 'vitest';
import { flattenFeishuPayload, normalizeFeishuEvent, normalizeFormValue, stripLeadingMentions } from '../../../src/bot/feishu/normalize';
import { cardActionPayload, messageEventPayload } from '../../fakes/feishu-deliveries';

const BOT = { key: '@_user_1', openId: 'ou_bot', name: '双随机助手', type: 'bot' as const };
const norm = (p: Record<string, unknown>, botOpenId?: string) => normalizeFeishuEvent(flattenFeishuPayload(p), { botOpenId });

describe('im.message.receive_v1', () => {
  it('ignores a group message that does not mention the bot', () => {
    expect(norm(messageEventPayload({ token: 't', text: '/draw 冶金 10家' }))).toBeNull();
    const other = { key: '@_user_1', openId: 'ou_alice', name: 'Alice' };
    expect(norm(messageEventPayload({ token: 't', text: '@_user_1 /draw', mentions: [other] }))).toBeNull();
  });
  it('turns a group message that mentions the bot into a command without the mention', () => {
    const p = messageEventPayload({
      token: 't',
      text: '@_user_1 /draw 冶金 10家',
      mentions: [BOT],
      messageId: 'om_1',
      senderOpenId: 'ou_chief',
      chatId: 'oc_9',
      createTime: 1772415000123,
    });
    expect(norm(p)).toEqual({
      type: 'command',
      dedupeKey: 'feishu:msg:om_1',
      actor: { platform: 'feishu', accountId: 'ou_chief' },
      chat: { platform: 'feishu', id: 'oc_9', kind: 'group' },
      text: '/draw 冶金 10家',
      // The message's create_time: its replies are ordered by it.
      sentAt: new Date(1772415000123),
    });
  });
  it('with a known bot open_id, only a mention of this bot counts', () => {
    const p = messageEventPayload({ token: 't', text: '@_user_1 /draw', mentions: [{ ...BOT, openId: 'ou_other_bot' }] });
    expect(norm(p, 'ou_bot')).toBeNull();
    const mine = messageEventPayload({
      token: 't',
      text: '@_user_2 @_user_1 /draw',
      mentions: [
        { ...BOT, type: 'user' },
        { ...BOT, key: '@_user_2', openId: 'ou_x' },
      ],
    });
    expect(norm(mine, 'ou_bot')).toMatchObject({ type: 'command', text: '/draw' });
  });
  it('acts on every p2p text message, mention or not', () => {
    const p = messageEventPayload({ token: 't', text: '/help', chatType: 'p2p', chatId: 'oc_p2p' });
    expect(norm(p)).toMatchObject({ type: 'command', text: '/help', chat: { id: 'oc_p2p', kind: 'direct' } });
  });
  it('ignores other kinds of messages, and photos and files in a group', () => {
    expect(norm(messageEventPayload({ token: 't', text: '', chatType: 'p2p', messageType: 'sticker' }))).toBeNull();
    expect(norm(messageEventPayload({ token: 't', text: '', chatType: 'group', messageType: 'image' }))).toBeNull();
  });

  it('a photo sent in a direct chat is a file message, fetched later as an image by its key', () => {
    const photo = norm(
      messageEventPayload({
        token: 't',
        text: '',
        chatType: 'p2p',
        chatId: 'oc_p2p',
        image: { key: 'img_v3_0abc-1' },
        messageId: 'om_1',
        senderOpenId: 'ou_a',
      }),
    );
    expect(photo).toMatchObject({
      type: 'file',
      dedupeKey: 'feishu:msg:om_1',
      actor: { platform: 'feishu', accountId: 'ou_a' },
      chat: { platform: 'feishu', id: 'oc_p2p', kind: 'direct' },
      file: { name: '照片-gv30abc1', key: 'img_v3_0abc-1', messageId: 'om_1', kind: 'image' },
    });
  });
});

describe('card.action.trigger', () => {
  it('a button click becomes an action with the value as payload', () => {
    const p = cardActionPayload({
      token: 't',
      value: { action: 'confirm_officer', drawId: '42', slot: 2 },
      eventId: 'ev_7',
      operatorOpenId: 'ou_li',
      messageId: 'om_c',
      chatId: 'oc_g',
    });
    expect(norm(p)).toEqual({
      type: 'action',
      dedupeKey: 'feishu:evt:ev_7',
      actor: { platform: 'feishu', accountId: 'ou_li' },
      chat: { platform: 'feishu', id: 'oc_g', kind: 'group' },
      action: 'confirm_officer',
      payload: { drawId: '42', slot: '2' },
      messageId: 'om_c',
    });
  });
  it('a form submit becomes a form event with the date picker value normalized', () => {
    const p = cardActionPayload({
      token: 't',
      value: { action: 'submit_finding', taskId: '9' },
      formValue: { finding: '无隐患', result: 'pass', publish_by: '2024-04-01 +0800', when: '2024-04-29 07:07 +0800' },
    });
    expect(norm(p)).toMatchObject({
      type: 'form',
      action: 'submit_finding',
      payload: { taskId: '9' },
      values: { finding: '无隐患', result: 'pass', publish_by: '2024-04-01', when: '2024-04-29 07:07 +0800' },
    });
  });
  it('a click without an action name cannot be routed', () => {
    expect(norm(cardActionPayload({ token: 't', value: { key: 'value' } }))).toBeNull();
  });
  it('works the same on the SDK-flattened shape (flattening is idempotent)', () => {
    const p = cardActionPayload({ token: 'verif', value: { action: 'a' }, callbackToken: 'c-1' });
    const flat = flattenFeishuPayload(p);
    expect(flat['token']).toBe('c-1');
    expect(flattenFeishuPayload(flat)).toEqual(flat);
  });
});

describe('helpers', () => {
  it('strips only leading mention placeholders', () => {
    expect(stripLeadingMentions('@_user_1  @_user_12 /draw @_user_3')).toBe('/draw @_user_3');
  });
  it('normalizes form values', () => {
    expect(normalizeFormValue('2024-12-31 -0500')).toBe('2024-12-31');
    expect(normalizeFormValue(['a', 'b'])).toBe('a,b');
    expect(normalizeFormValue(true)).toBe('true');
  });
});

describe('input as real clients send it', () => {
  const PERSON = { key: '@_user_2', openId: 'ou_zhang', name: '张三', type: 'user' as const };
  const command = (p: Record<string, unknown>) => {
    const e = normalizeFeishuEvent(flattenFeishuPayload(p), { botOpenId: 'ou_bot' });
    return e?.type === 'command' ? e.text : e;
  };

  it('strips a mention of the bot wherever it stands, and keeps a person’s', () => {
    for (const text of ['@_user_1 /draw 机械 5家', '/draw @_user_1 机械 5家', '/draw 机械 5家 @_user_1', '/draw 机械@_user_1 5家']) {
      expect(command(messageEventPayload({ token: 't', text, mentions: [BOT] })), text).toBe('/draw 机械 5家');
    }
    expect(command(messageEventPayload({ token: 't', text: '/link 41030001 @_user_2 @_user_1', mentions: [BOT, PERSON] }))).toBe('/link 41030001 @_user_2');
  });

  it('reads a rich-text (post) message, with or without the locale wrapper', () => {
    const content = {
      title: '',
      content: [
        [
          { tag: 'at', user_id: '@_user_1', user_name: '双随机助手' },
          { tag: 'text', text: ' /holidays 2027' },
        ],
        [{ tag: 'text', text: '元旦 放假 01-01~01-03' }],
      ],
    };
    for (const postContent of [content, { zh_cn: content }]) {
      const text = command(messageEventPayload({ token: 't', text: '', mentions: [BOT], messageType: 'post', postContent }));
      expect(text).toBe('/holidays 2027\n元旦 放假 01-01~01-03');
    }
  });

  it('stays silent on a group message that does not mention the bot, and on an image', () => {
    expect(command(messageEventPayload({ token: 't', text: '/draw 5家', mentions: [PERSON] }))).toBeNull();
    expect(command(messageEventPayload({ token: 't', text: '', mentions: [BOT], messageType: 'image' }))).toBeNull();
  });
});

describe('file messages', () => {
  it('turns a file in a p2p chat into a file event naming the message and the file key', () => {
    const p = messageEventPayload({
      token: 't',
      text: '',
      chatType: 'p2p',
      chatId: 'oc_p2p',
      senderOpenId: 'ou_admin',
      messageId: 'om_file',
      createTime: 1772415000123,
      file: { key: 'file_v3_abc', name: '企业名录.xlsx' },
    });
    expect(norm(p)).toEqual({
      type: 'file',
      dedupeKey: 'feishu:msg:om_file',
      actor: { platform: 'feishu', accountId: 'ou_admin' },
      chat: { platform: 'feishu', id: 'oc_p2p', kind: 'direct' },
      file: { name: '企业名录.xlsx', key: 'file_v3_abc', messageId: 'om_file' },
      sentAt: new Date(1772415000123),
    });
  });

  it('ignores a file in a group (it cannot mention the bot)', () => {
    expect(norm(messageEventPayload({ token: 't', text: '', chatType: 'group', file: { key: 'file_v3_abc', name: '名录.xlsx' } }))).toBeNull();
  });
});
