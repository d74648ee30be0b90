import { TIMED_OUT, withinBudget } from '../../within-budget';
/**
 * DingTalk HTTP callbacks as a Hono sub-app: `POST /events` (the robot's 消息接收地址) and
 * `POST /cards` (the card callback URL registered under the cards' `callbackRouteKey`).
 *
 * The `timestamp`/`sign` headers are checked before the body is read, parsed or stored; a
 * failure is a 401 and nothing reaches the router. The body is read with a size limit.
 * Robot messages are written to the durable inbox before DingTalk gets its 200 (a full inbox is
 * a 503), and processed from there; without an inbox (the in-memory store) they are handled in
 * the background. Whether DingTalk re-sends an HTTP callback it got no answer to is UNCONFIRMED
 * (research §9); a repeat is dropped by the dedupe on `msgId` anyway. Card clicks get the card's new state in the
 * response when the router is quick, else a notice now and the card later by `PUT` (DingTalk,
 * unlike Feishu, can update a card by its outTrackId at any time).
 *
 * UNCONFIRMED: how DingTalk signs HTTP card callbacks. We register them with the app secret as
 * `api_secret` and require the same `timestamp`/`sign` headers as robot callbacks, so an unsigned
 * card callback is refused (fail closed). Stream mode is the documented path for card callbacks.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { CardView } from '../../app/views/card-view';
import type { InboundEvent } from '../../app/ports/inbound-event';
import type { InboundReply, InboundSink } from '../inbound-sink';
import { InboxFullError, type Acceptance } from '../inbox-processor';
import { normalizeCardCallback, normalizeRobotMessage, type DingtalkPayload } from './normalize';
import { noticeText, type DingtalkCard } from './render';
import { checkDingtalkSignature } from './verify';

export type DingtalkEventLogger = {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
};

export interface DingtalkDispatchDeps {
  sink: InboundSink;
  /** Renders replies and pushes a slow click's card later. */
  messenger: { render(card: CardView): DingtalkCard; updateCard(outTrackId: string, card: CardView): Promise<void> };
  runInBackground: (p: Promise<unknown>) => void;
  logger: DingtalkEventLogger;
  /** How long a card callback waits for the router before answering with a notice (default 2500 ms). */
  cardBudgetMs?: number;
  /**
   * The durable inbox: a robot message is recorded there before it is acknowledged and processed
   * from there (see inbox-processor.ts). Without it, messages are handled straight away.
   */
  accept?: (event: InboundEvent) => Promise<Acceptance>;
  /** The inbox is full (after waiting a moment for room): `/events` answers 503 before reading the message. */
  busy?: () => Promise<boolean>;
}

export interface DingtalkWebhookDeps extends DingtalkDispatchDeps {
  appSecret: string;
  clock: () => Date;
  /** Largest body accepted (default 64 KiB; a text message is about 2 KiB). */
  maxBodyBytes?: number;
}

export const SLOW_CARD_NOTICE = '已收到，正在处理…';
const FAILED_NOTICE = '处理失败，请稍后重试';

/** What a card callback answers: the card's new data for everyone, the notice for the clicker only. */
export function cardCallbackResponse(reply: InboundReply, render: (card: CardView) => DingtalkCard): Record<string, unknown> {
  return {
    ...(reply.card ? { cardData: { cardParamMap: render(reply.card).params } } : {}),
    userPrivateData: { cardParamMap: { notice: noticeText(reply.toast) } },
    cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
  };
}

/**
 * A robot message: the promise of its events' recording in the inbox (with an inbox; rejects with
 * InboxFullError when it is full) or of their handling (without), or null when it is not for us.
 */
export function dispatchRobotMessage(payload: DingtalkPayload, deps: DingtalkDispatchDeps): Promise<unknown> | null {
  const events = normalizeRobotMessage(payload);
  if (!events.length) {
    deps.logger.debug('dingtalk: ignored robot message', { msgtype: payload['msgtype'] });
    return null;
  }
  const { accept } = deps;
  if (!accept) return Promise.all(events.map((event) => deps.sink(event)));
  return Promise.all(
    events.map(async (event) => {
      const acceptance = await accept(event);
      if (acceptance === 'full') throw new InboxFullError(-1);
      return acceptance;
    }),
  );
}

/**
 * A card callback -> the response body. With `waitForRecord` (Stream: the frame is acknowledged
 * with this response, and only after the click is recorded) it waits for the router however long
 * it takes and, past the budget, also pushes the card by `PUT` in case the client stopped waiting.
 * Without it (HTTP) it answers with a notice at the budget and pushes the card when ready.
 */
export async function dispatchCardCallback(
  data: DingtalkPayload,
  dedupeKey: string,
  deps: DingtalkDispatchDeps,
  opts: { waitForRecord: boolean },
): Promise<Record<string, unknown>> {
  const event = normalizeCardCallback(data, dedupeKey);
  const render = (c: CardView) => deps.messenger.render(c);
  if (!event) {
    deps.logger.warn('dingtalk: card callback without a routable value', { outTrackId: data['outTrackId'] });
    return cardCallbackResponse({ toast: { kind: 'error', text: '这个按钮已失效，请重新发送命令。' } }, render);
  }
  const outTrackId = event.type === 'action' || event.type === 'form' ? event.messageId : undefined;
  const started = Date.now();
  const budget = deps.cardBudgetMs ?? 2500;
  const pending = deps.sink(event);
  const pushLater = (reply: InboundReply) => {
    if (!reply.card || !outTrackId) return;
    deps.runInBackground(
      deps.messenger.updateCard(outTrackId, reply.card).catch((error: unknown) => deps.logger.error('dingtalk: slow card update failed', { error })),
    );
  };
  if (opts.waitForRecord) {
    const reply = await pending; // a rejection propagates: the frame stays unacknowledged and is re-pushed
    if (Date.now() - started > budget) pushLater(reply);
    return cardCallbackResponse(reply, render);
  }
  const first = await withinBudget(pending, budget);
  if (first === TIMED_OUT) {
    deps.runInBackground(pending.then(pushLater, (error: unknown) => deps.logger.error('dingtalk: slow card action failed', { error })));
    return cardCallbackResponse({ toast: { kind: 'info', text: SLOW_CARD_NOTICE } }, render);
  }
  if ('reply' in first) return cardCallbackResponse(first.reply, render);
  deps.logger.error('dingtalk: card action failed', { error: first.error });
  return cardCallbackResponse({ toast: { kind: 'error', text: FAILED_NOTICE } }, render);
}

export function createDingtalkWebhook(deps: DingtalkWebhookDeps): Hono {
  const { logger } = deps;
  const app = new Hono();

  /** Headers only: nothing of the body is read before this passes. */
  const signed: MiddlewareHandler = async (c, next) => {
    const problem = checkDingtalkSignature({ timestamp: c.req.header('timestamp'), sign: c.req.header('sign'), appSecret: deps.appSecret, now: deps.clock() });
    if (problem) {
      logger.warn(`dingtalk webhook: refused delivery (${problem})`, { path: c.req.path });
      return c.json({ error: 'unauthorized' }, 401);
    }
    await next();
  };
  const limited = bodyLimit({
    maxSize: deps.maxBodyBytes ?? 64 * 1024,
    onError: (c) => {
      logger.warn('dingtalk webhook: body too large', { path: c.req.path });
      return c.json({ error: 'payload too large' }, 413);
    },
  });
  const readJson = async (c: Context): Promise<{ raw: string; body: DingtalkPayload } | undefined> => {
    const raw = await c.req.text();
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { raw, body: parsed as DingtalkPayload };
    } catch {
      /* answered below */
    }
    logger.warn('dingtalk webhook: body is not a JSON object', { path: c.req.path });
    return undefined;
  };

  // Logged by the inbox (one line every few seconds under overload, not one per delivery).
  const refuseBusy = (c: Context) => {
    c.header('retry-after', '15');
    return c.json({ error: 'busy' }, 503);
  };

  app.post('/events', signed, limited, async (c) => {
    if (await deps.busy?.()) return refuseBusy(c);
    const read = await readJson(c);
    if (!read) return c.json({ error: 'bad request' }, 400);
    const handling = dispatchRobotMessage(read.body, deps);
    if (!handling) return c.json({});
    if (!deps.accept) {
      deps.runInBackground(handling.catch((error: unknown) => logger.error('dingtalk: message handling failed', { error })));
      return c.json({});
    }
    // Recorded before the acknowledgement; a full inbox is not acknowledged.
    try {
      await handling;
    } catch (error) {
      if (!(error instanceof InboxFullError)) throw error;
      return refuseBusy(c);
    }
    return c.json({});
  });

  app.post('/cards', signed, limited, async (c) => {
    const read = await readJson(c);
    if (!read) return c.json({ error: 'bad request' }, 400);
    // No delivery id in an HTTP card callback: the signed timestamp and the body identify this one.
    const digest = createHash('sha256')
      .update(`${c.req.header('timestamp')}\n${read.raw}`)
      .digest('hex')
      .slice(0, 32);
    return c.json(await dispatchCardCallback(read.body, `dingtalk:card:${digest}`, deps, { waitForRecord: false }));
  });
  return app;
}
