/**
 * DingTalk payloads -> neutral {@link InboundEvent}.
 *
 * Robot messages have the same fields over HTTP (the request body) and Stream (the frame's `data`,
 * a JSON string): `msgtype` (text, richText, picture, file, …), `text.content` or `content`
 * (`downloadCode`, `fileName`, `richText: [{text} | {type: 'picture', downloadCode}]`), `msgId`, `conversationType` ("1" 1:1, "2" group),
 * `conversationId`, `senderStaffId`, `senderNick`, `atUsers` (fields as the official Python SDK's
 * `chatbot.py` reads them; sample in the research §6.1). In a group the robot only receives messages
 * that @ it, and the text arrives without the robot's name but with the leading space.
 *
 * Card callbacks (`/v1.0/card/instances/callback`) carry `outTrackId`, `userId`, `spaceType`,
 * `spaceId` and `content`, a JSON STRING whose `cardPrivateData.params` holds what the template's
 * button sends (Python SDK `card_callback_message.py`). Our templates (docs/dingtalk-templates)
 * make every button send `value` (our JSON `{action, ...payload}`), `space` (where the card was
 * delivered) and, for the form card's submit, `f1`…`fN` (the form slots).
 */
import type { InboundChat, InboundEvent, InboundMention } from '../../app/ports/inbound-event';

export type DingtalkPayload = Record<string, unknown>;

/** Prefix of a 1:1 chat's id: DingTalk 1:1 messages go by user (oToMessages), not by conversation. */
export const DIRECT_CHAT_PREFIX = 'user:';
export const directChatId = (staffId: string) => `${DIRECT_CHAT_PREFIX}${staffId}`;
/** The user of a 1:1 chat id, or undefined for a group's openConversationId. */
export const directChatUser = (chatId: string) => (chatId.startsWith(DIRECT_CHAT_PREFIX) ? chatId.slice(DIRECT_CHAT_PREFIX.length) : undefined);

/** Where a card was delivered, as the `space` card parameter says it: `group:<cid>` or `user:<staffId>`. */
export function spaceParam(chat: { kind: 'group' | 'direct'; id: string }): string {
  return chat.kind === 'group' ? `group:${chat.id}` : chat.id.startsWith(DIRECT_CHAT_PREFIX) ? chat.id : directChatId(chat.id);
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
function json(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** `createAt`: when the person sent it, in ms by DingTalk's clock; replies in a chat follow this order. */
function sentAtOf(p: DingtalkPayload): { sentAt?: Date } {
  const created = Number(p['createAt']);
  return Number.isSafeInteger(created) && created > 0 ? { sentAt: new Date(created) } : {};
}

/** The files of a message, by msgtype: a `picture` or `file` (`content.downloadCode`), or the pictures of a `richText`. */
function filesOf(p: DingtalkPayload): Array<{ name: string; key: string; kind?: 'image' }> {
  const content = obj(p['content']);
  const code = (o: Record<string, unknown>) => str(o['downloadCode']) ?? str(o['pictureDownloadCode']);
  if (p['msgtype'] === 'picture') {
    const key = code(content);
    return key ? [{ name: PICTURE_NAME, key, kind: 'image' as const }] : [];
  }
  if (p['msgtype'] === 'file') {
    const key = code(content);
    return key ? [{ name: str(content['fileName']) ?? key, key }] : [];
  }
  if (p['msgtype'] !== 'richText') return [];
  const parts = Array.isArray(content['richText']) ? content['richText'].map(obj) : [];
  return parts.flatMap((part) => {
    const key = part['type'] === 'picture' || !('text' in part) ? code(part) : undefined;
    return key ? [{ name: PICTURE_NAME, key, kind: 'image' as const }] : [];
  });
}

/** The name a picture goes by (DingTalk gives none); phones send JPEG. */
export const PICTURE_NAME = '图片.jpg';

/** The typed text of a message: `text.content`, or the text parts of a `richText` joined. */
function textOf(p: DingtalkPayload): string {
  if (p['msgtype'] === 'text') return str(obj(p['text'])['content']) ?? '';
  if (p['msgtype'] !== 'richText') return '';
  const parts = obj(p['content'])['richText'];
  return (Array.isArray(parts) ? parts : []).map((part) => str(obj(part)['text']) ?? '').join('');
}

/**
 * A robot message -> the events it carries, none when the bot should stay silent (no sender, an
 * unknown msgtype, nothing typed):
 * - text, and the text of a `richText`: a 'command';
 * - in a 1:1 chat, a `picture`, a `file`, or a `richText` with pictures: a 'file' per picture or
 *   file (its downloadCode as the key, fetched through `messageFiles/download`), any words beside
 *   the pictures being a caption, not a command. In a group, files are not taken (the robot gets
 *   only what @-s it; DingTalk does not deliver group files at all), as on Feishu.
 */
export function normalizeRobotMessage(p: DingtalkPayload): InboundEvent[] {
  const msgId = str(p['msgId']);
  const staffId = str(p['senderStaffId']);
  const conversationId = str(p['conversationId']);
  if (!msgId || !staffId || !conversationId) return [];
  const isGroup = String(p['conversationType']) === '2';
  const chat: InboundChat = { platform: 'dingtalk', id: isGroup ? conversationId : directChatId(staffId), kind: isGroup ? 'group' : 'direct' };
  const nick = str(p['senderNick']);
  const actor = { platform: 'dingtalk' as const, accountId: staffId, ...(nick ? { displayName: nick } : {}) };
  const files = isGroup ? [] : filesOf(p);
  if (files.length) {
    return files.map((file, i) => ({
      type: 'file' as const,
      dedupeKey: files.length === 1 ? `dingtalk:msg:${msgId}` : `dingtalk:msg:${msgId}:${i + 1}`,
      actor,
      chat,
      file: { ...file, messageId: msgId },
      ...sentAtOf(p),
    }));
  }
  const text = commandText(textOf(p));
  if (!text) return [];
  const mentions = mentionedPeople(p);
  return [
    {
      type: 'command',
      dedupeKey: `dingtalk:msg:${msgId}`,
      actor,
      chat,
      text,
      ...(mentions.length ? { mentions } : {}),
      ...sentAtOf(p),
    },
  ];
}

/**
 * The command in a message's text. DingTalk removes the robot's @name from a group message but
 * leaves the space before it (and clients put U+2005 or full-width spaces after an @name, all of
 * which `trim` and `\s` take); an @name left in front of the command (a client that keeps it,
 * or a person @-ed first) is not part of the command either.
 */
export function commandText(content: string): string {
  const text = content.trim();
  return text.replace(/^(?:@\S+\s+)+(?=\/)/u, '');
}

/**
 * The org members @-mentioned besides the robot: `atUsers` entries with a `staffId` (the robot
 * has none; people outside the organisation neither). DingTalk gives no names there; the text
 * does (`@张三`), so when exactly one person is @-ed and the text has exactly one @name, that is
 * his name (with more, the order of the two lists is not known to match, and the userId stands in).
 */
export function mentionedPeople(p: DingtalkPayload): InboundMention[] {
  const bot = str(p['chatbotUserId']);
  const out: InboundMention[] = [];
  for (const u of Array.isArray(p['atUsers']) ? p['atUsers'] : []) {
    const staffId = str(obj(u)['staffId']);
    if (!staffId || obj(u)['dingtalkId'] === bot || staffId === str(p['senderStaffId'])) continue;
    if (!out.some((m) => m.accountId === staffId)) out.push({ accountId: staffId, name: staffId });
  }
  const names = [...commandText(textOf(p)).matchAll(/(?:^|\s)@(\S+)/gu)].map((m) => m[1]!);
  if (out.length === 1 && names.length === 1) out[0]!.name = names[0]!;
  return out;
}

/** A submitted form value: selects may arrive as `{index, value}` (object or JSON string), dates as ms. */
export function normalizeFormValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(normalizeFormValue).join(',');
  if (typeof v === 'object') return normalizeFormValue((v as Record<string, unknown>)['value']);
  const s = String(v).trim();
  if (s.startsWith('{')) {
    const parsed = json(s);
    if (parsed && typeof parsed === 'object' && 'value' in parsed) return normalizeFormValue((parsed as Record<string, unknown>)['value']);
  }
  if (/^\d{13}$/.test(s)) return new Date(Number(s) + 8 * 3_600_000).toISOString().slice(0, 10); // a date picker's ms, in Shanghai
  return s;
}

/** The button params wherever the template put them (SDK sample: `cardPrivateData.params`). */
export function cardParams(data: DingtalkPayload): Record<string, unknown> {
  const content = obj(json(data['content'] ?? data['value']));
  for (const at of [obj(content['cardPrivateData'])['params'], obj(content['userPrivateData'])['params'], content['params']]) {
    if (at && typeof at === 'object' && Object.keys(at).length) return obj(at);
  }
  return {};
}

function chatOf(data: DingtalkPayload, params: Record<string, unknown>, userId: string): InboundChat {
  const space = str(params['space']);
  if (space?.startsWith('group:')) return { platform: 'dingtalk', id: space.slice('group:'.length), kind: 'group' };
  if (space?.startsWith(DIRECT_CHAT_PREFIX)) return { platform: 'dingtalk', id: space, kind: 'direct' };
  const spaceId = str(data['spaceId']);
  if (data['spaceType'] === 'IM_GROUP' && spaceId) return { platform: 'dingtalk', id: spaceId, kind: 'group' };
  return { platform: 'dingtalk', id: directChatId(userId), kind: 'direct' };
}

/**
 * A card callback -> 'action' (a button) or 'form' (the form card's submit: its value names the
 * form's fields in `_fields`, slot i holding the i-th). `dedupeKey` comes from the transport
 * (the Stream frame's messageId; over HTTP a digest of the request). Null when it cannot be routed.
 */
export function normalizeCardCallback(data: DingtalkPayload, dedupeKey: string): InboundEvent | null {
  const userId = str(data['userId']);
  const outTrackId = str(data['outTrackId']);
  const params = cardParams(data);
  const { action, _fields, ...rest } = obj(json(params['value']));
  if (!userId || typeof action !== 'string' || !action) return null;
  const payload: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) payload[k] = normalizeFormValue(v);
  const base = {
    dedupeKey,
    actor: { platform: 'dingtalk' as const, accountId: userId },
    chat: chatOf(data, params, userId),
    action,
    payload,
    ...(outTrackId ? { messageId: outTrackId } : {}),
  };
  if (typeof _fields !== 'string') return { type: 'action', ...base };
  const values: Record<string, string> = {};
  _fields
    .split(',')
    .filter(Boolean)
    .forEach((name, i) => {
      values[name] = normalizeFormValue(params[`f${i + 1}`]);
    });
  return { type: 'form', ...base, values };
}
