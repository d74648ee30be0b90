/**
 * The Feishu `Messenger`: sends and updates messages through `@larksuiteoapi/node-sdk`.
 *
 * SDK gaps handled here:
 * - HTTP 200 with `code != 0` is RETURNED, not thrown; HTTP 4xx/5xx is thrown as an axios error
 *   with the business code in `err.response.data.code`. Both become {@link PlatformRejectedError}.
 * - The SDK's own outbound error table maps 230020 / 99991400 to "revoked" / "permission";
 *   both are rate limits here (retryable, with `x-ogw-ratelimit-reset` when present).
 * - The default token cache is module-global (shared by every Client); we pass our own.
 * - A rejected token (99991661/99991663/99991668) is never dropped from the cache by the SDK;
 *   we clear our cache so the retry fetches a new one.
 * - axios has no default timeout; every request gets one.
 * - The SDK logs every failed call at error level; its logger is routed to our debug.
 *
 * The SDK (about 70 MB and a second of start-up) is loaded on the first call, so an
 * installation without Feishu never loads it.
 */
import type * as lark from '@larksuiteoapi/node-sdk';
import { createHash } from 'node:crypto';
import {
  FILE_TOO_LARGE,
  type FileRef,
  type Messenger,
  type OutgoingFile,
  type OutgoingMessage,
  type Recipient,
  type SendResult,
} from '../../app/ports/messenger';
import { NetworkError, PlatformRejectedError } from '../../app/ports/messenger';
import type { CardView } from '../../app/views/card-view';
import { renderFeishuCard } from './render';

export type FeishuLogger = Pick<Console, 'info' | 'warn' | 'error'> & { debug?: (...args: unknown[]) => void };

export interface FeishuMessenger extends Messenger {
  /** mobile/email -> open_id for those found (`contact/v3/users/batch_get_id`). */
  resolveOpenIds(mobiles: string[], emails: string[]): Promise<Record<string, string>>;
  /** Card update with a callback token (30 min, 2 uses); call only after the callback was answered. */
  delayedUpdate(token: string, card: CardView): Promise<void>;
  botInfo(): Promise<{ openId: string; name: string }>;
}

export interface FeishuClientOptions {
  appId: string;
  appSecret: string;
  /** `https://open.feishu.cn`, `https://open.larksuite.com`, or a fake server's URL. */
  baseUrl: string;
  logger?: FeishuLogger;
  timeoutMs?: number;
}

/** The SDK's logger interface, quietened: everything goes to our debug (we report errors ourselves). */
export function quietSdkLogger(logger?: FeishuLogger): lark.Logger {
  const debug = (...msg: unknown[]) => logger?.debug?.('[lark-sdk]', ...msg);
  return { error: debug, warn: debug, info: () => {}, debug: () => {}, trace: () => {} };
}

/** Feishu `uuid` (≤ 50 chars) from an idempotency key: the key itself when short and plain, else a hash. */
export function feishuUuid(idempotencyKey: string): string {
  if (idempotencyKey.length <= 50 && /^[\w.:-]+$/.test(idempotencyKey)) return idempotencyKey;
  return `h-${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 48)}`;
}

const RATE_LIMIT_CODES = new Set([99991400, 230020]);
const TOKEN_CODES = new Set([99991661, 99991663, 99991668]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ERR_NETWORK',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function retryAfter(headers: unknown): number | undefined {
  const h = headers as Record<string, unknown> | undefined;
  const raw = h?.['x-ogw-ratelimit-reset'];
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Business errors of the token endpoint (`auth/v3/tenant_access_token/internal`): 10003 invalid
 * parameter, 10012 app id not found, 10014 app secret invalid, 10015 app disabled … Retrying
 * does not fix them, a corrected setting does: they are configuration failures, retried (so the
 * queue goes out once the secret is fixed) and reported to the administrators.
 */
function isTokenEndpoint(url: unknown): boolean {
  return typeof url === 'string' && url.includes('/auth/v3/');
}

function rejection(what: string, code: number | string, msg: string, status?: number, headers?: unknown, configuration = false): PlatformRejectedError {
  const retryable =
    configuration ||
    status === 429 ||
    (status !== undefined && status >= 500) ||
    (typeof code === 'number' && (RATE_LIMIT_CODES.has(code) || TOKEN_CODES.has(code)));
  const where = status ? ` (HTTP ${status})` : '';
  return new PlatformRejectedError(
    `Feishu ${what} rejected${where}: ${code} ${msg}`,
    code,
    retryAfter(headers),
    retryable,
    configuration ? 'configuration' : 'rejected',
  );
}

/**
 * A download's error answer arrives as a stream (the request asked for one): read its JSON body
 * (Feishu's `code` and `msg`) so that the error can be mapped like any other.
 */
async function withJsonBody(err: unknown): Promise<unknown> {
  const response = (err as { response?: { data?: unknown } })?.response;
  const data = response?.data as NodeJS.ReadableStream | undefined;
  if (!response || !data || typeof (data as { on?: unknown }).on !== 'function') return err;
  try {
    const chunks: Buffer[] = [];
    for await (const c of data) chunks.push(Buffer.from(c as Buffer));
    response.data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    response.data = {};
  }
  return err;
}

/** Maps anything the SDK threw to PlatformRejectedError or NetworkError. */
export function toMessengerError(err: unknown, what: string): Error {
  if (err instanceof PlatformRejectedError || err instanceof NetworkError) return err;
  const e = err as {
    response?: { status?: number; data?: unknown; headers?: unknown };
    config?: { url?: unknown };
    code?: unknown;
    message?: unknown;
    isAxiosError?: boolean;
  };
  if (e?.response) {
    const data = (e.response.data ?? {}) as { code?: unknown; msg?: unknown };
    const code = typeof data.code === 'number' ? data.code : `http_${e.response.status ?? 'unknown'}`;
    const configuration = isTokenEndpoint(e.config?.url) && (e.response.status ?? 0) < 500 && e.response.status !== 429;
    return rejection(configuration ? `${what} (token)` : what, code, String(data.msg ?? ''), e.response.status, e.response.headers, configuration);
  }
  const message = String(e?.message ?? err);
  if (e?.isAxiosError || (typeof e?.code === 'string' && NETWORK_CODES.has(e.code))) {
    return new NetworkError(`Feishu ${what} failed: ${String(e.code ?? '')} ${message}`.trim(), err);
  }
  // TokenManager throws a plain Error "failed to get tenant_access_token, code: X, msg: Y".
  const m = /failed to get \w+, code: (\S+), msg: (.*)$/.exec(message);
  if (m) return rejection(`${what} (token)`, Number.isFinite(Number(m[1])) ? Number(m[1]) : String(m[1]), m[2] ?? '', undefined, undefined, true);
  return err instanceof Error ? err : new Error(message);
}

type Body = { code?: number; msg?: string; data?: Record<string, unknown>; [k: string]: unknown };

/** Feishu's `file_type` of an upload by the file's extension (`stream` for any other file, e.g. CSV). */
export function feishuFileType(name: string): 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream' {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'pdf') return 'pdf';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'xls' || ext === 'xlsx') return 'xls';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  return 'stream';
}

/**
 * Loads the SDK now (the composition root calls it before the server listens when Feishu is
 * configured). Loaded at the first send instead, its second or so of loading held the event loop
 * while deliveries waited: acknowledgements at a steady 200/s had a p99 of 5 to 11 s.
 */
export async function preloadFeishuSdk(): Promise<void> {
  await import('@larksuiteoapi/node-sdk');
}

/** The SDK's client over our own token cache, with a timeout on every request. */
async function sdkClient(opts: FeishuClientOptions, timeout: number): Promise<{ client: lark.Client; cache: lark.DefaultCache }> {
  const sdk = await import('@larksuiteoapi/node-sdk');
  // Typed as an AxiosInstance, but its response interceptor already unwraps `resp.data`.
  const http = sdk.defaultHttpInstance as unknown as lark.HttpInstance;
  // Same instance (keeps its `resp => resp.data` interceptor), plus a timeout on every call.
  const httpInstance: lark.HttpInstance = {
    request: (o) => http.request({ timeout, ...o }),
    get: (u, o) => http.get(u, { timeout, ...o }),
    delete: (u, o) => http.delete(u, { timeout, ...o }),
    head: (u, o) => http.head(u, { timeout, ...o }),
    options: (u, o) => http.options(u, { timeout, ...o }),
    post: (u, d, o) => http.post(u, d, { timeout, ...o }),
    put: (u, d, o) => http.put(u, d, { timeout, ...o }),
    patch: (u, d, o) => http.patch(u, d, { timeout, ...o }),
  };
  const cache = new sdk.DefaultCache();
  const client = new sdk.Client({
    appId: opts.appId,
    appSecret: opts.appSecret,
    domain: opts.baseUrl.replace(/\/+$/, ''),
    cache,
    httpInstance,
    logger: quietSdkLogger(opts.logger),
  });
  return { client, cache };
}

export function createFeishuMessenger(opts: FeishuClientOptions): FeishuMessenger {
  const timeout = opts.timeoutMs ?? 10_000;
  let loading: ReturnType<typeof sdkClient> | undefined;
  const sdk = () => {
    loading ??= sdkClient(opts, timeout).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };

  async function call(what: string, fn: (client: lark.Client) => Promise<unknown>): Promise<Body> {
    const { client, cache } = await sdk();
    let body: Body;
    try {
      body = ((await fn(client)) ?? {}) as Body;
    } catch (err) {
      const mapped = toMessengerError(err, what);
      if (mapped instanceof PlatformRejectedError && TOKEN_CODES.has(mapped.code as number)) cache.values.clear();
      throw mapped;
    }
    if (body.code !== undefined && body.code !== 0) {
      if (TOKEN_CODES.has(body.code)) cache.values.clear();
      throw rejection(what, body.code, String(body.msg ?? ''));
    }
    return body;
  }

  /**
   * `POST /open-apis/im/v1/files` (multipart: file_type, file_name, file; at most 30 MB, not
   * empty) through the SDK's `im.v1.file.create`: the file's key for a file message. A refusal
   * comes as an HTTP error (mapped as every call's); the SDK keeps only the body's `data`, so an
   * answer without a key is a refusal too. A retried send uploads again (the key is not kept);
   * the message's `uuid` still delivers it once.
   */
  async function uploadFile(file: OutgoingFile): Promise<string> {
    const data = { file_type: feishuFileType(file.name), file_name: file.name, file: Buffer.from(file.base64, 'base64') };
    const body = await call('file upload', async (client) => (await client.im.v1.file.create({ data })) ?? {});
    const key = body['file_key'];
    if (typeof key !== 'string' || !key) throw new PlatformRejectedError('Feishu file upload returned no file_key', 'no_file_key');
    return key;
  }

  return {
    platform: 'feishu',

    async send(to: Recipient, message: OutgoingMessage, idempotencyKey: string): Promise<SendResult> {
      if (to.platform !== 'feishu') throw new Error(`feishu messenger cannot send to ${to.platform}`);
      const [msgType, content] =
        message.type === 'text'
          ? ['text', JSON.stringify({ text: message.text })]
          : message.type === 'file'
            ? ['file', JSON.stringify({ file_key: await uploadFile(message.file) })]
            : ['interactive', JSON.stringify(renderFeishuCard(message.card))];
      const body = await call('send', (client) =>
        client.im.v1.message.create({
          params: { receive_id_type: to.kind === 'chat' ? 'chat_id' : 'open_id' },
          data: { receive_id: to.id, msg_type: msgType, content, uuid: feishuUuid(idempotencyKey) },
        }),
      );
      const messageId = body.data?.['message_id'];
      if (typeof messageId !== 'string') throw new PlatformRejectedError('Feishu send returned no message_id', 'no_message_id');
      return { messageId };
    },

    /**
     * `GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file` (the bot and the
     * message in the same chat; at most 100 MB): read as it streams, stopped past `maxBytes`.
     */
    async fetchFile(file: FileRef, maxBytes: number): Promise<Uint8Array> {
      let stream: NodeJS.ReadableStream;
      const { client } = await sdk();
      try {
        const res = await client.im.v1.messageResource.get({ path: { message_id: file.messageId, file_key: file.key }, params: { type: file.kind ?? 'file' } });
        stream = res.getReadableStream();
      } catch (err) {
        throw toMessengerError(await withJsonBody(err), 'file download');
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          (stream as unknown as { destroy?: () => void }).destroy?.();
          throw new PlatformRejectedError(`Feishu file ${file.name} is over ${maxBytes} bytes`, FILE_TOO_LARGE);
        }
        chunks.push(chunk as Buffer);
      }
      return new Uint8Array(Buffer.concat(chunks));
    },

    async updateCard(messageId: string, card: CardView): Promise<void> {
      await call('card patch', (client) =>
        client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(renderFeishuCard(card)) } }),
      );
    },

    async delayedUpdate(token: string, card: CardView): Promise<void> {
      await call('delayed card update', (client) =>
        client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card: renderFeishuCard(card) } }),
      );
    },

    async resolveOpenIds(mobiles: string[], emails: string[]): Promise<Record<string, string>> {
      const out: Record<string, string> = {};
      // The endpoint takes at most 50 mobiles and 50 emails per call.
      for (let i = 0; i < Math.max(mobiles.length, emails.length); i += 50) {
        const body = await call('batch_get_id', (client) =>
          client.contact.v3.user.batchGetId({
            params: { user_id_type: 'open_id' },
            data: { mobiles: mobiles.slice(i, i + 50), emails: emails.slice(i, i + 50) },
          }),
        );
        const list = body.data?.['user_list'];
        for (const u of Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []) {
          const id = u['user_id'];
          const key = u['mobile'] ?? u['email'];
          if (typeof id === 'string' && id && typeof key === 'string') out[key] = id;
        }
      }
      return out;
    },

    async botInfo(): Promise<{ openId: string; name: string }> {
      const body = await call('bot info', (client) => client.request({ method: 'GET', url: '/open-apis/bot/v3/info' }));
      const bot = (body['bot'] ?? {}) as Record<string, unknown>;
      if (typeof bot['open_id'] !== 'string') throw new PlatformRejectedError('Feishu bot info has no open_id', 'no_open_id');
      return { openId: bot['open_id'], name: typeof bot['app_name'] === 'string' ? bot['app_name'] : '' };
    },
  };
}
