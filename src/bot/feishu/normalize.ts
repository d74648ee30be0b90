/**
 * Feishu payload -> neutral {@link InboundEvent}.
 *
 * Works on the FLATTENED shape `{ ...rest, ...header, ...event }`, which is what the SDK's
 * `EventDispatcher` hands to handlers (the long-connection path) and what
 * {@link flattenFeishuPayload} makes of a webhook body. Note the flattening lets `event.token`
 * (the card delayed-update token) overwrite `header.token` (the verification token): check the
 * verification token BEFORE flattening.
 */
import type { InboundChat, InboundEvent, InboundMention } from '../../app/ports/inbound-event';

export type FeishuPayload = Record<string, unknown>;

export interface FeishuNormalizeOptions {
  /** The bot's own open_id (from `bot/v3/info`), used to recognise @-mentions of this bot. */
  botOpenId?: string;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Same flattening as the SDK's `RequestHandle.parse` (schema 2.0 and v1); idempotent. */
export function flattenFeishuPayload(payload: FeishuPayload): FeishuPayload {
  const { header, event, ...rest } = payload;
  if ('schema' in payload) return { ...rest, ...obj(header), ...obj(event) };
  return { ...obj(event), ...rest };
}

/** `header.event_type` (2.0, flattened to `event_type`) or `event.type` (v1). */
export function feishuEventType(flat: FeishuPayload): string | undefined {
  return str(flat['event_type']) ?? str(flat['type']);
}

/** Leading `@_user_N` placeholders (mentions) are not part of the command. */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(\s*@_user_\d+)+/u, '').trim();
}

/** Date pickers submit "2024-04-01 +0800"; the domain wants "2024-04-01". */
export function normalizeFormValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(normalizeFormValue).join(',');
  if (typeof value !== 'string') return value === undefined || value === null ? '' : String(value);
  const m = /^(\d{4}-\d{2}-\d{2}) [+-]\d{4}$/.exec(value.trim());
  return m?.[1] ?? value;
}

/**
 * The placeholder keys (`@_user_1`) of the mentions of this bot. When we know our own open_id,
 * only a mention of THIS bot counts (another bot in the group may be mentioned too); otherwise
 * Feishu's `mentioned_type`.
 */
function botMentionKeys(mentions: unknown, botOpenId: string | undefined): string[] {
  if (!Array.isArray(mentions)) return [];
  return mentions.flatMap((m) => {
    const mention = obj(m);
    const openId = str(obj(mention['id'])['open_id']);
    const isBot = botOpenId ? openId === botOpenId : mention['mentioned_type'] === 'bot';
    return isBot ? [str(mention['key']) ?? ''] : [];
  });
}

/** The bot's own mentions are not part of the command, wherever they stand (start, middle, end). */
export function stripBotMentions(text: string, keys: readonly string[]): string {
  let out = text;
  for (const key of keys) if (key) out = out.split(key).join(' ');
  return stripLeadingMentions(out.replace(/[ \t]{2,}/g, ' '));
}

/**
 * The text of a message: `text` as typed; `post` (rich text, what a phone sends once a line break
 * or a format is used) read line by line, an @ as its placeholder key, links as their text, with
 * or without the locale wrapper (`{ zh_cn: { title, content } }`).
 */
export function messageText(type: unknown, content: unknown): string | undefined {
  let parsed: Record<string, unknown>;
  try {
    parsed = obj(JSON.parse(String(content ?? '')));
  } catch {
    return undefined;
  }
  if (type === 'text') return str(parsed['text']);
  if (type !== 'post') return undefined;
  const post = Array.isArray(parsed['content']) ? parsed : obj(Object.values(parsed).find((v) => Array.isArray(obj(v)['content'])));
  const lines = (post['content'] as unknown[] | undefined) ?? [];
  const text = lines
    .map((line) =>
      (Array.isArray(line) ? line : [])
        .map((el) => {
          const e = obj(el);
          if (e['tag'] === 'text' || e['tag'] === 'a') return String(e['text'] ?? '');
          if (e['tag'] === 'at') return ` ${String(e['user_id'] ?? '')} `;
          return '';
        })
        .join(''),
    )
    .join('\n');
  return str(text.trim());
}

/** The people @-mentioned (open_id and name): never this bot or another bot, never `@_all`. */
export function mentionedPeople(mentions: unknown, botOpenId: string | undefined): InboundMention[] {
  if (!Array.isArray(mentions)) return [];
  const out: InboundMention[] = [];
  for (const m of mentions) {
    const mention = obj(m);
    const openId = str(obj(mention['id'])['open_id']);
    if (!openId || openId === botOpenId || mention['mentioned_type'] === 'bot' || mention['key'] === '@_all') continue;
    if (!out.some((x) => x.accountId === openId)) out.push({ accountId: openId, name: str(mention['name']) ?? openId });
  }
  return out;
}

/**
 * A file message (`message_type` `file`, content `{"file_key","file_name"}`) or a photo (`image`,
 * content `{"image_key"}`, no name: `照片-<key>` for now, its type read from its bytes later) in a
 * direct chat → 'file'. In a group a file cannot @-mention the bot: the bot stays silent there.
 */
function normalizeFileMessage(
  message: Record<string, unknown>,
  base: { messageId: string; chatId: string; openId: string; created: number },
): InboundEvent | null {
  if (message['chat_type'] !== 'p2p') return null;
  let content: Record<string, unknown>;
  try {
    content = obj(JSON.parse(String(message['content'] ?? '')));
  } catch {
    return null;
  }
  const image = message['message_type'] === 'image';
  const key = str(image ? content['image_key'] : content['file_key']);
  if (!key) return null;
  const file = image
    ? { name: `照片-${key.replace(/[^A-Za-z0-9]/g, '').slice(-8)}`, key, messageId: base.messageId, kind: 'image' as const }
    : { name: str(content['file_name']) ?? key, key, messageId: base.messageId };
  return {
    type: 'file',
    dedupeKey: `feishu:msg:${base.messageId}`,
    actor: { platform: 'feishu', accountId: base.openId },
    chat: { platform: 'feishu', id: base.chatId, kind: 'direct' },
    file,
    ...(Number.isSafeInteger(base.created) && base.created > 0 ? { sentAt: new Date(base.created) } : {}),
  };
}

/** `im.message.receive_v1` -> 'command' (or 'file'), or null when the bot should stay silent. */
export function normalizeMessageEvent(flat: FeishuPayload, opts: FeishuNormalizeOptions = {}): InboundEvent | null {
  const message = obj(flat['message']);
  const sender = obj(flat['sender']);
  const messageId = str(message['message_id']);
  const chatId = str(message['chat_id']);
  const openId = str(obj(sender['sender_id'])['open_id']);
  if (!messageId || !chatId || !openId) return null;
  if (sender['sender_type'] !== undefined && sender['sender_type'] !== 'user') return null;
  if (message['message_type'] === 'file' || message['message_type'] === 'image')
    return normalizeFileMessage(message, { messageId, chatId, openId, created: Number(message['create_time']) });
  const text = messageText(message['message_type'], message['content']);
  if (text === undefined) return null;
  const isGroup = message['chat_type'] !== 'p2p';
  const botKeys = botMentionKeys(message['mentions'], opts.botOpenId);
  if (isGroup && botKeys.length === 0) return null;
  const chat: InboundChat = { platform: 'feishu', id: chatId, kind: isGroup ? 'group' : 'direct' };
  const mentions = mentionedPeople(message['mentions'], opts.botOpenId);
  // `create_time`: milliseconds since the epoch, as a string; replies follow this order.
  const created = Number(message['create_time']);
  return {
    type: 'command',
    dedupeKey: `feishu:msg:${messageId}`,
    actor: { platform: 'feishu', accountId: openId },
    chat,
    text: stripBotMentions(text, botKeys),
    ...(mentions.length ? { mentions } : {}),
    ...(Number.isSafeInteger(created) && created > 0 ? { sentAt: new Date(created) } : {}),
  };
}

/**
 * `card.action.trigger` -> 'action' (a button) or 'form' (a form submit: `action.form_value`).
 * The button value is `{ action, ...payload }` as render.ts writes it; without `action` the
 * click cannot be routed and null is returned.
 */
export function normalizeCardAction(flat: FeishuPayload): InboundEvent | null {
  const action = obj(flat['action']);
  const context = obj(flat['context']);
  const eventId = str(flat['event_id']);
  const openId = str(obj(flat['operator'])['open_id']);
  const { action: name, ...rest } = obj(action['value']);
  if (!eventId || !openId || typeof name !== 'string' || !name) return null;
  const payload: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) payload[k] = normalizeFormValue(v);
  // The callback does not say whether the chat is p2p or a group: assume a group here;
  // dispatchFeishuEvent corrects it with FeishuChatKinds (bound groups vs. the rest). Without any
  // chat in the context, it is a direct chat with the clicker.
  const chatId = str(context['open_chat_id']);
  const chat: InboundChat = chatId ? { platform: 'feishu', id: chatId, kind: 'group' } : { platform: 'feishu', id: openId, kind: 'direct' };
  const base = {
    dedupeKey: `feishu:evt:${eventId}`,
    actor: { platform: 'feishu' as const, accountId: openId },
    chat,
    action: name,
    payload,
    ...(str(context['open_message_id']) ? { messageId: str(context['open_message_id']) } : {}),
  };
  const formValue = action['form_value'];
  if (formValue && typeof formValue === 'object') {
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(formValue))) values[k] = normalizeFormValue(v);
    return { type: 'form', ...base, values };
  }
  return { type: 'action', ...base };
}

/** Routes by event type; null for anything we do not act on. */
export function normalizeFeishuEvent(flat: FeishuPayload, opts: FeishuNormalizeOptions = {}): InboundEvent | null {
  switch (feishuEventType(flat)) {
    case 'im.message.receive_v1':
      return normalizeMessageEvent(flat, opts);
    case 'card.action.trigger':
      return normalizeCardAction(flat);
    default:
      return null;
  }
}
