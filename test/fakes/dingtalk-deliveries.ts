/**
 * DingTalk deliveries as DingTalk sends them: robot message payloads (HTTP body or Stream `data`)
 * with the `timestamp`/`sign` headers, and card callback data as the card platform builds it from
 * our templates' button bindings (docs/dingtalk-templates).
 * Field names and shapes: the research §6.1/§6.3 (a real sample from the dingtalk-stream-sdk Rust
 * crate's test resources; the Python SDK's `chatbot.py` and `card_callback_message.py`).
 */
import { dingtalkSign } from '../../src/bot/dingtalk/verify';

export const ROBOT_CORP = 'dingcorpfake';

export function robotMessagePayload(o: {
  text: string;
  senderStaffId: string;
  conversationId: string;
  group: boolean;
  msgId: string;
  robotCode: string;
  atStaffIds?: string[];
  msgtype?: string;
  /** The `content` of a non-text message (picture, file, richText). */
  content?: Record<string, unknown>;
  createAt?: number;
}): Record<string, unknown> {
  const at = Date.now();
  return {
    msgtype: o.msgtype ?? 'text',
    ...(o.msgtype && o.msgtype !== 'text' ? { content: o.content ?? { downloadCode: 'dl-fake', fileName: 'x.jpg' } } : { text: { content: o.text } }),
    msgId: o.msgId,
    createAt: o.createAt ?? at,
    conversationType: o.group ? '2' : '1',
    conversationId: o.conversationId,
    ...(o.group ? { conversationTitle: '偃师区应急管理局工作群' } : {}),
    senderId: `$:LWCP_v1:$${o.senderStaffId}`,
    senderNick: `用户${o.senderStaffId}`,
    senderCorpId: ROBOT_CORP,
    senderStaffId: o.senderStaffId,
    chatbotUserId: '$:LWCP_v1:$robot',
    chatbotCorpId: ROBOT_CORP,
    robotCode: o.robotCode,
    isAdmin: false,
    isInAtList: o.group,
    atUsers: o.group ? [{ dingtalkId: '$:LWCP_v1:$robot' }, ...(o.atStaffIds ?? []).map((s) => ({ dingtalkId: `$:LWCP_v1:$${s}`, staffId: s }))] : [],
    sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=fake',
    sessionWebhookExpiredTime: at + 5_400_188,
  };
}

/** The `timestamp` and `sign` headers DingTalk adds to an HTTP callback. */
export function signedHeaders(appSecret: string, timestampMs: number, sign?: string): Record<string, string> {
  const timestamp = String(timestampMs);
  return { 'content-type': 'application/json; charset=utf-8', timestamp, sign: sign ?? dingtalkSign(timestamp, appSecret) };
}
