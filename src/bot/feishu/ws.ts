/**
 * Feishu long connection (`lark.WSClient`): no public URL needed, Node only.
 *
 * What the SDK does (1.74): it fetches `${domain}/callback/ws/endpoint`, opens a protobuf
 * WebSocket, and for each `type: "event"` frame calls `eventDispatcher.invoke(merged,
 * { needCheck: false })` and AWAITS the handler before sending the ACK frame, whose data is the
 * handler's return value (that is how a card callback's `{ toast, card }` travels back). The
 * 3 s limit therefore still applies: we reuse {@link dispatchFeishuEvent}, which answers messages
 * at once and races card actions against a budget. Handlers receive the flattened payload
 * `{ ...header, ...event }`. The SDK's ping watchdog is off unless `wsConfig.pingTimeout`
 * (SECONDS) is set, and without it a socket can die silently after a machine sleep.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import type { CardView } from '../../app/views/card-view';
import type { InboundSink } from '../inbound-sink';
import type { FeishuChatKinds } from './chat-kinds';
import { quietSdkLogger, type FeishuLogger } from './client';
import { dispatchFeishuEvent, type FeishuDispatchDeps } from './webhook';

export interface FeishuLongConnectionOptions {
  appId: string;
  appSecret: string;
  /** `https://open.feishu.cn` (default) or `https://open.larksuite.com`. */
  baseUrl?: string;
  sink: InboundSink;
  logger: FeishuLogger;
  /** For card results that miss the callback budget (delayed update). */
  messenger?: { delayedUpdate(token: string, card: CardView): Promise<void> };
  botOpenId?: () => string | undefined;
  /** Where background work goes; default: fire and forget with errors logged. */
  runInBackground?: (p: Promise<unknown>) => void;
  cardBudgetMs?: number;
  chatKinds?: FeishuChatKinds;
  /** Liveness watchdog, seconds (SDK default 0 = off). */
  pingTimeoutSeconds?: number;
  /** The durable inbox (see FeishuDispatchDeps). */
  accept?: FeishuDispatchDeps['accept'];
}

/**
 * The dispatcher the WS client drives. Exported so tests can call
 * `dispatcher.invoke(payload, { needCheck: false })` exactly as `WSClient` does.
 */
export function buildFeishuEventDispatcher(deps: FeishuDispatchDeps): lark.EventDispatcher {
  const handle = (data: unknown) => dispatchFeishuEvent(data as Record<string, unknown>, deps);
  return new lark.EventDispatcher({ logger: quietSdkLogger(deps.logger) }).register({
    'im.message.receive_v1': handle,
    'card.action.trigger': handle,
  });
}

/** Where the long connection stands, for `/healthz`. */
export interface FeishuConnectionState {
  state: 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';
  since: Date;
  /** The latest failure to connect, while not connected. */
  lastError?: string;
}

/**
 * The SDK's logger for the long connection: its `[ws]` errors are connection failures (the
 * endpoint refused us, the socket would not open), which it otherwise only logs and retries
 * in silence when the connection never came up. They go to our warn, with the state updated.
 */
function wsSdkLogger(logger: FeishuLogger, failed: (message: string) => void): lark.Logger {
  const quiet = quietSdkLogger(logger);
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    ...quiet,
    // The SDK's LoggerProxy hands its arguments over as one array.
    error: (...args: unknown[]) => {
      const msg = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
      if (msg[0] === '[ws]') failed(text(msg.slice(1)));
      else quiet.error(...args);
    },
  };
}

export function startFeishuLongConnection(opts: FeishuLongConnectionOptions): { close(): void; state(): FeishuConnectionState } {
  const { logger } = opts;
  let current: FeishuConnectionState = { state: 'connecting', since: new Date() };
  const enter = (state: FeishuConnectionState['state'], lastError?: string) => {
    current = { state, since: state === current.state ? current.since : new Date(), ...(lastError ? { lastError } : {}) };
  };
  const runInBackground = opts.runInBackground ?? ((p: Promise<unknown>) => void p.catch((err) => logger.error('feishu ws: background work failed', err)));
  const dispatcher = buildFeishuEventDispatcher({
    sink: opts.sink,
    messenger: opts.messenger,
    runInBackground,
    logger,
    botOpenId: opts.botOpenId,
    cardBudgetMs: opts.cardBudgetMs,
    chatKinds: opts.chatKinds,
    accept: opts.accept,
  });
  if (!/^cli_[0-9a-fA-F]{16}$/.test(opts.appId)) {
    // WSClient.start() returns silently for such ids; say so instead of waiting forever.
    logger.warn(`feishu ws: app id "${opts.appId}" does not look like cli_ + 16 hex digits; the SDK will not connect`);
  }
  const ws = new lark.WSClient({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: (opts.baseUrl ?? 'https://open.feishu.cn').replace(/\/+$/, ''),
    logger: wsSdkLogger(logger, (message) => {
      if (current.state === 'connected') return;
      logger.warn(`feishu ws: could not connect: ${message}`);
      enter(current.state === 'failed' ? 'failed' : current.state, message);
    }),
    autoReconnect: true,
    handshakeTimeoutMs: 15_000,
    wsConfig: { pingTimeout: opts.pingTimeoutSeconds ?? 30 },
    onReady: () => {
      enter('connected');
      logger.info('feishu ws: connected');
    },
    onError: (err) => {
      enter('failed', err instanceof Error ? err.message : String(err));
      logger.error('feishu ws: gave up connecting', err);
    },
    onReconnecting: () => {
      enter('reconnecting');
      logger.warn('feishu ws: connection lost, reconnecting');
    },
    onReconnected: () => {
      enter('connected');
      logger.info('feishu ws: reconnected');
    },
  });
  logger.info(`feishu ws: connecting to ${(opts.baseUrl ?? 'https://open.feishu.cn').replace(/\/+$/, '')}`);
  ws.start({ eventDispatcher: dispatcher }).catch((err: unknown) => {
    enter('failed', err instanceof Error ? err.message : String(err));
    logger.error('feishu ws: start failed', err);
  });
  return {
    close: () => {
      enter('closed');
      logger.info('feishu ws: closed');
      ws.close({ force: true });
    },
    state: () => current,
  };
}
