/** Feishu/Lark messenger adapter: verify, normalize, render, client, webhook, long connection. */
export {
  FEISHU_TIMESTAMP_WINDOW_SECONDS,
  checkFeishuTimestamp,
  checkVerificationToken,
  decryptFeishu,
  encryptFeishu,
  feishuSignature,
  parseFeishuTimestamp,
  verificationTokenOf,
  verifyFeishuSignature,
} from './verify';
export {
  feishuEventType,
  flattenFeishuPayload,
  normalizeCardAction,
  normalizeFeishuEvent,
  normalizeFormValue,
  mentionedPeople,
  normalizeMessageEvent,
  stripLeadingMentions,
  type FeishuNormalizeOptions,
  type FeishuPayload,
} from './normalize';
export {
  FEISHU_CARD_MAX_BYTES,
  FEISHU_CARD_MAX_CHARTS,
  FEISHU_CARD_MAX_COMPONENTS,
  FEISHU_CARD_MAX_TABLES,
  FEISHU_CARD_TARGET_BYTES,
  cardByteSize,
  countComponents,
  escapeMd,
  fitCardSize,
  renderFeishuCard,
  renderFeishuCardRaw,
  truncationNote,
  type FeishuCard,
  type FeishuElement,
} from './render';
export {
  createFeishuMessenger,
  feishuUuid,
  quietSdkLogger,
  toMessengerError,
  type FeishuClientOptions,
  type FeishuLogger,
  type FeishuMessenger,
} from './client';
export {
  SLOW_CARD_TOAST,
  cardCallbackResponse,
  createFeishuWebhook,
  dispatchFeishuEvent,
  type FeishuDispatchDeps,
  type FeishuWebhookDeps,
} from './webhook';
export { createFeishuChatKinds, type FeishuChatKinds } from './chat-kinds';
export { buildFeishuEventDispatcher, startFeishuLongConnection, type FeishuLongConnectionOptions } from './ws';
