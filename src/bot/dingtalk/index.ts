/** DingTalk messenger adapter: verify, normalize, render, client, webhook, stream. */
export { DINGTALK_TIMESTAMP_WINDOW_MS, checkDingtalkSignature, dingtalkSign } from './verify';
export {
  DIRECT_CHAT_PREFIX,
  cardParams,
  directChatId,
  directChatUser,
  mentionedPeople,
  normalizeCardCallback,
  normalizeFormValue,
  normalizeRobotMessage,
  spaceParam,
  type DingtalkPayload,
} from './normalize';
export {
  DINGTALK_MAX_BUTTONS,
  DINGTALK_MAX_FORM_FIELDS,
  DINGTALK_MAX_MARKDOWN_CHARS,
  bodyMarkdown,
  buttonValue,
  escapeMd,
  noticeText,
  renderDingtalkCard,
  type DingtalkCard,
  type DingtalkRenderOptions,
  type DingtalkTemplate,
} from './render';
export { createDingtalkMessenger, outTrackIdOf, type DingtalkClientOptions, type DingtalkLogger, type DingtalkMessenger } from './client';
export {
  SLOW_CARD_NOTICE,
  cardCallbackResponse,
  createDingtalkWebhook,
  dispatchCardCallback,
  dispatchRobotMessage,
  type DingtalkDispatchDeps,
  type DingtalkEventLogger,
  type DingtalkWebhookDeps,
} from './webhook';
export { startDingtalkStream, type DingtalkStream, type DingtalkStreamOptions, type StreamState, type StreamStatus } from './stream';
