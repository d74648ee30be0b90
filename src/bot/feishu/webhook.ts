import { TIMED_OUT, withinBudget } from '../../within-budget';
/**
 * Feishu HTTP callbacks as a Hono sub-app: `POST /events` and `POST /cards` (either accepts
 * either kind; the payload says what it is).
 *
 * We do not use the SDK's adapters: they hash `JSON.stringify(parsed)` instead of the raw bytes,
 * skip the token on plaintext events and challenges, and have no replay window (see verify.ts).
 * Deadlines: events must be answered within 3 s (otherwise re-pushed up to 4 times), card
 * callbacks within 3 s and never re-pushed. So messages are acknowledged at once and run in the
 * background; card callbacks get the sink's answer when it is quick, otherwise a toast now and
 * the card later through the delayed-update API (which must not run before we answered).
 */
import { Hono, type Context } from 'hono';
import type { CardView } from '../../app/views/card-view';
import type { InboundEvent } from '../../app/ports/inbound-event';
import type { InboundReply, InboundSink } from '../inbound-sink';
import { InboxFullError, type Acceptance } from '../inbox-processor';
import type { FeishuChatKinds } from './chat-kinds';
import type { FeishuLogger } from './client';
import { feishuEventType, flattenFeishuPayload, normalizeFeishuEvent, type FeishuPayload } from './normalize';
import { renderFeishuCard } from './render';
import { checkFeishuTimestamp, checkVerificationToken, decryptFeishu, verifyFeishuSignature } from './verify';

export interface FeishuDispatchDeps {
  sink: InboundSink;
  /** Used for slow card callbacks; without it a late card is only logged. */
  messenger?: { delayedUpdate(token: string, card: CardView): Promise<void> };
  runInBackground: (p: Promise<unknown>) => void;
  logger: FeishuLogger;
  botOpenId?: () => string | undefined;
  /** How long a card callback may wait for the sink before answering with a toast (default 2500 ms). */
  cardBudgetMs?: number;
  /** Pause between answering a callback and using its token (default 200 ms). */
  afterResponseDelayMs?: number;
  /** Tells a card click's chat kind (callbacks do not); without it every click counts as in a group. */
  chatKinds?: FeishuChatKinds;
  /**
   * The durable inbox: a message is recorded there before it is acknowledged and processed from
   * there (see inbox-processor.ts). Without it, messages run in the background straight away.
   */
  accept?: (event: InboundEvent) => Promise<Acceptance>;
  /** The inbox is full (after waiting a moment for room): `/events` answers 503 to a verified delivery. */
  busy?: () => Promise<boolean>;
}

export interface FeishuWebhookDeps extends Omit<FeishuDispatchDeps, 'botOpenId'> {
  config: {
    encryptKey?: string;
    verificationToken: string;
    botOpenId?: () => string | undefined;
    timestampWindowSeconds?: number;
  };
  clock: () => Date;
}

export const SLOW_CARD_TOAST = '已收到，正在处理…';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The card-callback response body Feishu expects: `{ toast, card: { type: 'raw', data } }`. */
export function cardCallbackResponse(reply: InboundReply): Record<string, unknown> {
  return {
    ...(reply.toast ? { toast: { type: reply.toast.kind, content: reply.toast.text } } : {}),
    ...(reply.card ? { card: { type: 'raw', data: renderFeishuCard(reply.card) } } : {}),
  };
}

/**
 * Handles a trusted (already verified and decrypted) payload, raw schema 2.0 or flattened by the
 * SDK, and returns the response body. Shared by the webhook and the long connection.
 */
export async function dispatchFeishuEvent(payload: FeishuPayload, deps: FeishuDispatchDeps): Promise<Record<string, unknown>> {
  const flat = flattenFeishuPayload(payload);
  const type = feishuEventType(flat);
  const normalized = normalizeFeishuEvent(flat, { botOpenId: deps.botOpenId?.() });
  if (!normalized) {
    deps.logger.debug?.(`feishu: ignored ${type ?? 'unknown'} delivery`);
    return {};
  }
  // Messages (commands and files) go through the durable inbox; card clicks are answered now.
  if (normalized.type === 'command' || normalized.type === 'file') {
    deps.chatKinds?.remember(normalized.chat.id, normalized.chat.kind);
    if (deps.accept) {
      // Recorded before the acknowledgement; a full inbox is not acknowledged (Feishu delivers again).
      if ((await deps.accept(normalized)) === 'full') throw new InboxFullError(-1);
      return {};
    }
    deps.runInBackground(deps.sink(normalized).catch((err) => deps.logger.error('feishu: message handling failed', err)));
    return {};
  }
  const kind = deps.chatKinds
    ? await deps.chatKinds.kindOf(normalized.chat.id).catch((err: unknown) => {
        deps.logger.warn('feishu: chat kind lookup failed', err);
        return normalized.chat.kind;
      })
    : normalized.chat.kind;
  const event = { ...normalized, chat: { ...normalized.chat, kind } };
  const pending = deps.sink(event);
  const budget = deps.cardBudgetMs ?? 2500;
  const first = await withinBudget(pending, budget);
  if (first !== TIMED_OUT) {
    try {
      if ('reply' in first) return cardCallbackResponse(first.reply);
      throw first.error;
    } catch (err) {
      // A non-200 or malformed answer shows the user a bare client error (200671/200672).
      deps.logger.error('feishu: card action failed', err);
      return { toast: { type: 'error', content: '处理失败，请稍后重试' } };
    }
  }
  const token = typeof flat['token'] === 'string' ? flat['token'] : undefined;
  const afterResponse = sleep(deps.afterResponseDelayMs ?? 200);
  deps.runInBackground(
    pending
      .then(async (reply) => {
        if (!reply.card) return;
        if (!token || !deps.messenger) return deps.logger.warn('feishu: slow card result dropped (no token or messenger)');
        await afterResponse;
        await deps.messenger.delayedUpdate(token, reply.card);
      })
      .catch((err) => deps.logger.error('feishu: slow card action failed', err)),
  );
  return { toast: { type: 'info', content: SLOW_CARD_TOAST } };
}

export function createFeishuWebhook(deps: FeishuWebhookDeps): Hono {
  const { config, logger, clock } = deps;
  const dispatchDeps: FeishuDispatchDeps = { ...deps, botOpenId: config.botOpenId };
  const app = new Hono();

  const busy = (c: Context) => {
    c.header('retry-after', '15');
    return c.json({ error: 'busy' }, 503);
  };
  /** `admit` (messages): waits for room in the inbox, after the delivery proved to be Feishu's. */
  const handle = async (c: Context, admit?: () => Promise<boolean>) => {
    const refuse = (reason: string) => {
      logger.warn(`feishu webhook: refused delivery (${reason})`);
      return c.json({ error: 'unauthorized' }, 401);
    };
    const raw = new Uint8Array(await c.req.arrayBuffer());
    let body: FeishuPayload;
    try {
      const parsed: unknown = JSON.parse(new TextDecoder().decode(raw));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as FeishuPayload;
    } catch {
      logger.warn('feishu webhook: body is not a JSON object');
      return c.json({ error: 'bad request' }, 400);
    }
    const timestamp = c.req.header('x-lark-request-timestamp');
    const signature = c.req.header('x-lark-signature');
    // Verify the signature over the raw bytes before decrypting anything.
    if (config.encryptKey && signature !== undefined) {
      const ok = verifyFeishuSignature({ timestamp, nonce: c.req.header('x-lark-request-nonce'), signature, rawBody: raw, encryptKey: config.encryptKey });
      if (!ok) return refuse('bad signature');
    }
    // With an Encrypt Key, Feishu encrypts every delivery (challenge included): a plaintext body
    // is not Feishu's, signed or not.
    if (config.encryptKey && typeof body['encrypt'] !== 'string') return refuse('plaintext delivery while an encrypt key is configured');
    let payload = body;
    if (typeof body['encrypt'] === 'string') {
      if (!config.encryptKey) return refuse('encrypted delivery but no encrypt key configured');
      let decrypted: unknown;
      try {
        decrypted = JSON.parse(decryptFeishu(body['encrypt'], config.encryptKey));
      } catch {
        return refuse('cannot decrypt');
      }
      if (!decrypted || typeof decrypted !== 'object' || Array.isArray(decrypted)) {
        logger.warn('feishu webhook: decrypted delivery is not a JSON object');
        return c.json({ error: 'bad request' }, 400);
      }
      payload = decrypted as FeishuPayload;
    }
    if (payload['type'] === 'url_verification') {
      // Feishu sends no signature headers on the challenge: the token is the only check.
      if (!checkVerificationToken(payload, config.verificationToken)) return refuse('wrong token on url_verification');
      return c.json({ challenge: payload['challenge'] });
    }
    if (config.encryptKey && signature === undefined) return refuse('missing signature');
    if (!checkVerificationToken(payload, config.verificationToken)) return refuse('wrong verification token');
    if (config.encryptKey || timestamp !== undefined) {
      const problem = checkFeishuTimestamp(timestamp, clock(), config.timestampWindowSeconds);
      if (problem) return refuse(problem);
    }
    // Only a delivery that passed the checks above may wait for room: forged ones never hold a place.
    if (admit && !(await admit())) return busy(c);
    try {
      return c.json(await dispatchFeishuEvent(payload, dispatchDeps));
    } catch (error) {
      // Logged by the inbox (one line every few seconds under overload, not one per delivery).
      if (!(error instanceof InboxFullError)) throw error;
      return busy(c);
    }
  };

  // Messages come to /events and wait for room when the inbox is full; clicks, answered at once
  // and not queued, come to /cards.
  const admit = async () => !(await deps.busy?.());
  app.post('/events', (c) => handle(c, admit));
  app.post('/cards', (c) => handle(c));
  return app;
}
