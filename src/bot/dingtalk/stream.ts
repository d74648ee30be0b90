/**
 * DingTalk Stream mode: robot messages and card clicks over an outbound WebSocket, no public URL.
 *
 * We use the official SDK (`dingtalk-stream` 2.1.5, `DWClient`) for the frame protocol: it answers
 * the gateway's `ping` SYSTEM frames, pings the socket (`keepAlive`) and terminates a dead one, and
 * emits CALLBACK frames by topic. Two things we do ourselves, in a subclass:
 * - the gateway URL: the SDK posts to a hard-coded `https://api.dingtalk.com/v1.0/gateway/connections/open`
 *   (its constants.ts); {@link getEndpoint} is overridden to post the same body to
 *   `${DINGTALK_BASE_URL}/v1.0/gateway/connections/open`, so tests reach a fake gateway;
 * - reconnection: 2.1.5 schedules two reconnects when a handshake fails (its `error` and `close`
 *   handlers both do), which grows as 2^n (the SDK repo's test/README.md calls it a 重连风暴 and a
 *   later release fixes it). We turn `autoReconnect` off and reconnect once per loss, with backoff.
 *
 * CALLBACK frames are NOT acknowledged by the SDK: unacknowledged ones are pushed again about 60 s
 * later (SDK comment on `socketCallBackResponse`). A robot message's frame is acknowledged only
 * once the message is recorded in the durable inbox (without one, once the router has handled
 * it), a card callback's once the router has; if that fails (or the inbox is full), the frame is
 * left for DingTalk to push again.
 */
import { DWClient, TOPIC_CARD, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import { dispatchCardCallback, dispatchRobotMessage, type DingtalkDispatchDeps } from './webhook';

export type StreamState = 'connecting' | 'connected' | 'disconnected' | 'stopped';
export interface StreamStatus {
  state: StreamState;
  since: string;
  lastError?: string;
}

export interface DingtalkStreamOptions extends DingtalkDispatchDeps {
  appKey: string;
  appSecret: string;
  /** `https://api.dingtalk.com` or a fake's URL; the gateway is `${baseUrl}/v1.0/gateway/connections/open`. */
  baseUrl: string;
  /** Wait before reconnect attempt n (0-based). Default: 1 s · 2^n plus up to 1 s of jitter, at most 60 s. */
  backoffMs?: (attempt: number) => number;
  timeoutMs?: number;
}

export interface DingtalkStream {
  status(): StreamStatus;
  close(): void;
}

const defaultBackoff = (n: number) => Math.min(60_000, 1000 * 2 ** n + Math.floor(Math.random() * 1000));

type SocketLike = { on(event: 'close', cb: () => void): unknown };

/** DWClient with the gateway at our base URL and no reconnection of its own. */
class GatewayClient extends DWClient {
  constructor(
    opts: { clientId: string; clientSecret: string },
    private readonly gatewayUrl: string,
    private readonly timeoutMs: number,
  ) {
    super({ ...opts, keepAlive: true, ua: 'double-random-bot' });
    this.config.autoReconnect = false;
  }

  /** Same request as the SDK's (body, `Accept: application/json`), to our URL and with a timeout. */
  override async getEndpoint(): Promise<this> {
    const { clientId, clientSecret, ua, subscriptions } = this.config;
    const res = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId, clientSecret, ua, subscriptions }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await res.json().catch(() => ({}))) as { endpoint?: string; ticket?: string; code?: string; message?: string };
    if (!res.ok || !body.endpoint || !body.ticket) throw new Error(`gateway refused (HTTP ${res.status}): ${body.code ?? ''} ${body.message ?? ''}`.trim());
    (this as unknown as { dw_url: string }).dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
    return this;
  }

  get socketForWatch(): SocketLike | undefined {
    return (this as unknown as { socket?: SocketLike }).socket;
  }
}

export function startDingtalkStream(opts: DingtalkStreamOptions): DingtalkStream {
  const { logger } = opts;
  const backoff = opts.backoffMs ?? defaultBackoff;
  const client = new GatewayClient(
    { clientId: opts.appKey, clientSecret: opts.appSecret },
    `${opts.baseUrl.replace(/\/+$/, '')}/v1.0/gateway/connections/open`,
    opts.timeoutMs ?? 10_000,
  );
  let status: StreamStatus = { state: 'connecting', since: new Date().toISOString() };
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stopped = () => status.state === 'stopped';

  const setState = (state: StreamState, lastError?: string) => {
    if (status.state === state && !lastError) return;
    status = { state, since: new Date().toISOString(), ...(lastError ? { lastError } : {}) };
    logger.info(`dingtalk stream: ${state}`, lastError ? { error: lastError } : {});
  };

  const ack = (frame: DWClientDownStream, result: unknown) => client.socketCallBackResponse(frame.headers.messageId, result);

  client.registerCallbackListener(TOPIC_ROBOT, (frame) => {
    void (async () => {
      const handling = dispatchRobotMessage(JSON.parse(frame.data) as Record<string, unknown>, opts);
      if (handling) await handling;
      ack(frame, {});
    })().catch((error: unknown) => logger.error('dingtalk stream: robot message failed; left unacknowledged for a re-push', { error }));
  });
  client.registerCallbackListener(TOPIC_CARD, (frame) => {
    void (async () => {
      const data = JSON.parse(frame.data) as Record<string, unknown>;
      ack(frame, await dispatchCardCallback(data, `dingtalk:card:${frame.headers.messageId}`, opts, { waitForRecord: true }));
    })().catch((error: unknown) => logger.error('dingtalk stream: card callback failed; left unacknowledged for a re-push', { error }));
  });

  function scheduleReconnect(reason: string): void {
    if (stopped() || timer) return;
    setState('disconnected', reason);
    const wait = backoff(attempt++);
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, wait);
    timer.unref?.();
  }

  async function connect(): Promise<void> {
    if (stopped()) return;
    setState('connecting');
    try {
      await client.getEndpoint();
      await client._connect();
    } catch (error) {
      scheduleReconnect(error instanceof Error ? error.message : String(error));
      return;
    }
    if (stopped()) return client.disconnect();
    attempt = 0;
    setState('connected');
    client.socketForWatch?.on('close', () => scheduleReconnect('connection closed'));
  }

  void connect();
  return {
    status: () => status,
    close() {
      setState('stopped');
      clearTimeout(timer);
      timer = undefined;
      client.disconnect();
    },
  };
}
