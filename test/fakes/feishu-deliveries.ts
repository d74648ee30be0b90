/**
 * Builds Feishu deliveries as Feishu sends them: schema 2.0 payloads, optionally encrypted as
 * `{"encrypt":"…"}`, with `X-Lark-Request-Timestamp` / `-Nonce` / `-Signature` headers
 * (signature only when an encrypt key is set; none at all on `url_verification`).
 * Returns `{ headers, body }` for `app.request(path, { method: 'POST', headers, body })`.
 */
import { randomBytes } from 'node:crypto';
import { encryptFeishu, feishuSignature } from '../../src/bot/feishu/verify';

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}
export interface DeliverySecurity {
  encryptKey?: string;
  /** Unix seconds as a string; default: now. */
  timestamp?: string;
  nonce?: string;
  /** Serialise with a space after the colon (`{"encrypt": "…"}`), which the SDK's check rejects. */
  spaceAfterColon?: boolean;
  /** Replace the computed signature (to test refusals). */
  signature?: string;
}
export interface Mention {
  key: string;
  openId: string;
  name: string;
  type?: 'bot' | 'user';
}

const id = (prefix: string) => `${prefix}${randomBytes(8).toString('hex')}`;
const header = (eventType: string, token: string, eventId?: string) => ({
  event_id: eventId ?? id('ev_'),
  event_type: eventType,
  create_time: String(Date.now()),
  token,
  app_id: 'cli_0123456789abcdef',
  tenant_key: 'tenant_fake',
});

export function messageEventPayload(o: {
  token: string;
  text: string;
  chatType?: 'group' | 'p2p';
  chatId?: string;
  senderOpenId?: string;
  messageId?: string;
  eventId?: string;
  mentions?: Mention[];
  messageType?: string;
  /** The `content` of a `post` (rich text) message, as Feishu delivers it. */
  postContent?: unknown;
  /** The message's `create_time` (ms since the epoch; default: now). */
  createTime?: number;
  /** A file message (`message_type` file): its `file_key` and `file_name`. */
  file?: { key: string; name: string };
  /** A photo message (`message_type` image): its `image_key`. */
  image?: { key: string };
}): Record<string, unknown> {
  return {
    schema: '2.0',
    header: header('im.message.receive_v1', o.token, o.eventId),
    event: {
      sender: { sender_id: { open_id: o.senderOpenId ?? 'ou_sender', union_id: 'on_sender', user_id: null }, sender_type: 'user', tenant_key: 'tenant_fake' },
      message: {
        message_id: o.messageId ?? id('om_'),
        create_time: String(o.createTime ?? Date.now()),
        chat_id: o.chatId ?? 'oc_group',
        chat_type: o.chatType ?? 'group',
        message_type: o.file ? 'file' : o.image ? 'image' : (o.messageType ?? 'text'),
        content: JSON.stringify(
          o.file
            ? { file_key: o.file.key, file_name: o.file.name }
            : o.image
              ? { image_key: o.image.key }
              : o.messageType === 'post'
                ? o.postContent
                : o.messageType && o.messageType !== 'text'
                  ? { image_key: 'img_x' }
                  : { text: o.text },
        ),
        mentions: (o.mentions ?? []).map((m) => ({
          key: m.key,
          id: { open_id: m.openId, union_id: `on_${m.openId}`, user_id: null },
          mentioned_type: m.type ?? 'user',
          name: m.name,
          tenant_key: 'tenant_fake',
        })),
      },
    },
  };
}

export function cardActionPayload(o: {
  token: string;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  operatorOpenId?: string;
  chatId?: string;
  messageId?: string;
  callbackToken?: string;
  eventId?: string;
}): Record<string, unknown> {
  return {
    schema: '2.0',
    header: header('card.action.trigger', o.token, o.eventId),
    event: {
      operator: { tenant_key: 'tenant_fake', open_id: o.operatorOpenId ?? 'ou_clicker', union_id: 'on_clicker' },
      token: o.callbackToken ?? id('c-'),
      action: { value: o.value, tag: 'button', name: 'Button_1', timezone: 'Asia/Shanghai', ...(o.formValue ? { form_value: o.formValue } : {}) },
      host: 'im_message',
      context: { open_message_id: o.messageId ?? 'om_card', open_chat_id: o.chatId ?? 'oc_group' },
    },
  };
}

export const urlVerificationPayload = (o: { token: string; challenge: string }) => ({ challenge: o.challenge, token: o.token, type: 'url_verification' });

/** Encrypts (when a key is given) and signs a payload as Feishu would. */
export function buildDelivery(payload: Record<string, unknown>, sec: DeliverySecurity = {}): Delivery {
  const sep = sec.spaceAfterColon ? ': ' : ':';
  const body = sec.encryptKey
    ? `{"encrypt"${sep}${JSON.stringify(encryptFeishu(JSON.stringify(payload), sec.encryptKey))}}`
    : sec.spaceAfterColon
      ? JSON.stringify(payload, null, 1)
      : JSON.stringify(payload);
  const timestamp = sec.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = sec.nonce ?? randomBytes(8).toString('hex');
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
  };
  if (sec.encryptKey) headers['x-lark-signature'] = sec.signature ?? feishuSignature(timestamp, nonce, sec.encryptKey, body);
  else if (sec.signature) headers['x-lark-signature'] = sec.signature;
  return { headers, body };
}

/** `url_verification`: encrypted when a key is set, and never signed. */
export function buildUrlVerificationDelivery(o: { token: string; challenge: string; encryptKey?: string }): Delivery {
  const payload = urlVerificationPayload(o);
  const body = o.encryptKey ? JSON.stringify({ encrypt: encryptFeishu(JSON.stringify(payload), o.encryptKey) }) : JSON.stringify(payload);
  return { headers: { 'content-type': 'application/json; charset=utf-8' }, body };
}

export const buildMessageDelivery = (o: Parameters<typeof messageEventPayload>[0] & DeliverySecurity) => buildDelivery(messageEventPayload(o), o);
export const buildCardActionDelivery = (o: Parameters<typeof cardActionPayload>[0] & DeliverySecurity) => buildDelivery(cardActionPayload(o), o);
