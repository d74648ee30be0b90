/**
 * A fake Feishu Open API on a real HTTP port, behaving as the research notes say Feishu does:
 * tenant tokens, Bearer auth (99991661/99991663), message create with validation, 30 KB card
 * limit (230025), `uuid` dedupe for 1 h, patch only of our own cards, delayed update with a
 * token usable twice, file upload (multipart, 30 MB) and file messages, batch_get_id, bot info, and rate limits (per receiver, app-wide) answered
 * with HTTP 429 / 99991400 and `x-ogw-ratelimit-reset`. Every call is recorded.
 * Codes marked "fake" below are invented where the real one is unknown.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  time: number;
}
export interface FakeDelivery {
  messageId: string;
  receiveIdType: string;
  receiveId: string;
  msgType: string;
  content: Record<string, unknown>;
  uuid?: string;
  time: number;
}
/** A file uploaded with `POST /open-apis/im/v1/files`. */
export interface FakeFile {
  fileKey: string;
  fileType: string;
  fileName: string;
  bytes: Buffer;
}
export interface ForcedFailure {
  status: number;
  code: number;
  msg?: string;
  headers?: Record<string, string>;
}
export interface FakeFeishuOptions {
  appId?: string;
  appSecret?: string;
  perReceiverQps?: number;
  appQps?: number;
  directory?: Array<{ mobile?: string; email?: string; openId: string }>;
  bot?: { openId: string; name: string };
  now?: () => number;
}
export interface FakeFeishuServer {
  url: string;
  appId: string;
  appSecret: string;
  calls: RecordedCall[];
  deliveries: FakeDelivery[];
  patches: Array<{ messageId: string; card: Record<string, unknown>; time: number }>;
  cardUpdates: Array<{ token: string; card: unknown; time: number }>;
  files: FakeFile[];
  tokensIssued: number;
  /**
   * A file or photo a user sent in a message, for `GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file|image`
   * (the message id, the file key and the type must match, as Feishu requires).
   */
  addMessageResource(messageId: string, fileKey: string, data: Uint8Array, type?: 'file' | 'image'): void;
  /** The uploaded files sent to a receiver as file messages, in order. */
  filesTo(receiveId: string): Array<{ fileName: string; data: Buffer }>;
  failNext(n: number, failure: ForcedFailure): void;
  /** An outage: every API call (not the token endpoint) fails this way until called with undefined. */
  outage(failure: ForcedFailure | undefined): void;
  /** Rotates the app secret the token endpoint accepts (a wrong one answers 10014). */
  setAppSecret(secret: string): void;
  messagesTo(receiveId: string): FakeDelivery[];
  cardsTo(receiveId: string): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Real Feishu limit for interactive message content. */
export const FAKE_CARD_LIMIT_BYTES = 30 * 1024;
/** fake: the code for a delayed-update token used more than twice. */
export const FAKE_TOKEN_USED_UP = 200860;
const RECEIVE_ID_TYPES = new Set(['open_id', 'union_id', 'user_id', 'email', 'chat_id']);
/** The upload's file types, and its limit (30 MB, not empty). */
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream']);
const FILE_LIMIT_BYTES = 30 * 1024 * 1024;
const MSG_TYPES = new Set(['text', 'post', 'image', 'file', 'audio', 'media', 'sticker', 'interactive', 'share_chat', 'share_user']);

/**
 * The parts of a multipart/form-data body by name, as bytes (a file part may come with or without
 * a filename, as the SDK's Buffer uploads send it); undefined when it is not one.
 */
function parseMultipart(body: Buffer, contentType: string): Map<string, Buffer> | undefined {
  const m = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return undefined;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts = new Map<string, Buffer>();
  let at = body.indexOf(boundary);
  while (at >= 0) {
    const start = at + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') return parts;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    const next = body.indexOf(boundary, headerEnd);
    if (headerEnd < 0 || next < 0) return undefined;
    const name = /name="([^"]*)"/.exec(body.subarray(start, headerEnd).toString('utf8'))?.[1];
    if (name !== undefined) parts.set(name, body.subarray(headerEnd + 4, next - 2));
    at = next;
  }
  return undefined;
}

export async function startFakeFeishuServer(opts: FakeFeishuOptions = {}): Promise<FakeFeishuServer> {
  const now = opts.now ?? Date.now;
  const appId = opts.appId ?? 'cli_0123456789abcdef';
  let appSecret = opts.appSecret ?? 'fake-secret';
  let down: ForcedFailure | undefined;
  const perReceiverQps = opts.perReceiverQps ?? 5;
  const appQps = opts.appQps ?? 50;
  const tokens = new Set<string>();
  const uuids = new Map<string, { messageId: string; at: number }>();
  const windows = new Map<string, number[]>();
  const tokenUses = new Map<string, number>();
  const forced: ForcedFailure[] = [];
  const resources = new Map<string, { type: 'image' | 'file'; data: Buffer }>();

  const fake: FakeFeishuServer = {
    url: '',
    appId,
    appSecret,
    calls: [],
    deliveries: [],
    patches: [],
    cardUpdates: [],
    files: [],
    tokensIssued: 0,
    addMessageResource: (messageId, fileKey, data, type = 'file') => void resources.set(`${messageId}/${fileKey}`, { type, data: Buffer.from(data) }),
    filesTo: (id) =>
      fake
        .messagesTo(id)
        .filter((d) => d.msgType === 'file')
        .map((d) => fake.files.find((f) => f.fileKey === d.content['file_key']))
        .filter((f) => f !== undefined)
        .map((f) => ({ fileName: f.fileName, data: f.bytes })),
    failNext: (n, failure) => {
      for (let i = 0; i < n; i++) forced.push(failure);
    },
    outage: (failure) => {
      down = failure;
    },
    setAppSecret: (secret) => {
      appSecret = secret;
      fake.appSecret = secret;
    },
    messagesTo: (id) => fake.deliveries.filter((d) => d.receiveId === id),
    cardsTo: (id) =>
      fake
        .messagesTo(id)
        .filter((d) => d.msgType === 'interactive')
        .map((d) => d.content),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  /** Sliding one-second window; returns seconds to wait when full, else records the call. */
  function throttle(key: string, qps: number, t: number): number | null {
    const w = (windows.get(key) ?? []).filter((x) => x > t - 1000);
    windows.set(key, w);
    if (w.length >= qps) return Math.max(1, Math.ceil(((w[0] ?? t) + 1000 - t) / 1000));
    w.push(t);
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    let body: Record<string, unknown> = {};
    const multipart = /^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''));
    try {
      body = raw && !multipart ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      /* left empty */
    }
    const t = now();
    const method = req.method ?? 'GET';
    const path = url.pathname;
    fake.calls.push({ method, path, query: Object.fromEntries(url.searchParams), headers: req.headers, body, time: t });
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(json));
    };
    const fail = (code: number, msg: string, status = 400) => send(status, { code, msg });
    const limited = (reset: number, qps: number) =>
      send(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-limit': String(qps), 'x-ogw-ratelimit-reset': String(reset) });

    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      if (body['app_id'] !== appId || body['app_secret'] !== appSecret) return fail(10014, 'app secret invalid');
      const token = `t-${randomBytes(12).toString('hex')}`;
      tokens.add(token);
      fake.tokensIssued++;
      return send(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    }
    const auth = req.headers.authorization;
    if (!auth) return fail(99991661, 'Missing access token for authorization. Please make a request with token attached.');
    if (!tokens.has(auth.replace(/^Bearer\s+/i, '')))
      return fail(99991663, 'Invalid access token for authorization. Please make a request with token attached.');
    if (down) return send(down.status, { code: down.code, msg: down.msg ?? 'outage' }, down.headers);
    const forcedFailure = forced.shift();
    if (forcedFailure) return send(forcedFailure.status, { code: forcedFailure.code, msg: forcedFailure.msg ?? 'forced failure' }, forcedFailure.headers);
    const appWait = throttle('app', appQps, t);
    if (appWait !== null) return limited(appWait, appQps);

    if (method === 'POST' && path === '/open-apis/im/v1/files') {
      const form = parseMultipart(bytes, String(req.headers['content-type'] ?? ''));
      if (!form) return fail(99992402, 'field validation failed: not multipart/form-data');
      const fileType = form.get('file_type')?.toString('utf8');
      const fileName = form.get('file_name')?.toString('utf8');
      const file = form.get('file');
      if (!fileType || !FILE_TYPES.has(fileType)) return fail(99992402, 'field validation failed: file_type');
      if (!fileName) return fail(99992402, 'field validation failed: file_name');
      if (!file || file.length === 0) return fail(234010, 'file is empty'); // fake code
      if (file.length > FILE_LIMIT_BYTES) return fail(234006, 'file size exceeds the limit'); // fake code
      const fileKey = `file_v3_${randomBytes(12).toString('hex')}`;
      fake.files.push({ fileKey, fileType, fileName, bytes: Buffer.from(file) });
      return send(200, { code: 0, msg: 'success', data: { file_key: fileKey } });
    }

    if (method === 'POST' && path === '/open-apis/im/v1/messages') {
      const idType = url.searchParams.get('receive_id_type') ?? '';
      const receiveId = body['receive_id'];
      const msgType = body['msg_type'];
      const uuid = body['uuid'];
      if (!RECEIVE_ID_TYPES.has(idType) || typeof receiveId !== 'string' || !receiveId)
        return fail(99992402, 'field validation failed: receive_id / receive_id_type');
      if (typeof msgType !== 'string' || !MSG_TYPES.has(msgType)) return fail(99992402, 'field validation failed: msg_type');
      if (uuid !== undefined && (typeof uuid !== 'string' || uuid.length > 50)) return fail(99992402, 'field validation failed: uuid');
      let content: Record<string, unknown>;
      try {
        content = JSON.parse(String(body['content'])) as Record<string, unknown>;
      } catch {
        return fail(230001, 'invalid message content: not JSON');
      }
      if (msgType === 'text' && typeof content['text'] !== 'string') return fail(230001, 'invalid message content: text');
      if (msgType === 'file' && !fake.files.some((f) => f.fileKey === content['file_key'])) return fail(230001, 'invalid message content: file_key'); // fake wording
      if (msgType === 'interactive' && Buffer.byteLength(String(body['content'])) > FAKE_CARD_LIMIT_BYTES) return fail(230025, 'message content too long');
      const seen = typeof uuid === 'string' ? uuids.get(uuid) : undefined;
      if (seen && t - seen.at < 3_600_000) return send(200, { code: 0, msg: 'success', data: { message_id: seen.messageId, msg_type: msgType } });
      const wait = throttle(`to:${receiveId}`, perReceiverQps, t);
      if (wait !== null) return limited(wait, perReceiverQps);
      const messageId = `om_${randomBytes(12).toString('hex')}`;
      fake.deliveries.push({ messageId, receiveIdType: idType, receiveId, msgType, content, time: t, ...(typeof uuid === 'string' ? { uuid } : {}) });
      if (typeof uuid === 'string') uuids.set(uuid, { messageId, at: t });
      return send(200, {
        code: 0,
        msg: 'success',
        data: { message_id: messageId, msg_type: msgType, ...(idType === 'chat_id' ? { chat_id: receiveId } : {}) },
      });
    }

    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && patch) {
      const messageId = decodeURIComponent(patch[1] ?? '');
      const original = fake.deliveries.find((d) => d.messageId === messageId);
      if (!original) return fail(230001, 'invalid message_id: not a message sent by this app');
      if (original.msgType !== 'interactive') return fail(230001, 'This message is NOT a card');
      let card: Record<string, unknown>;
      try {
        card = JSON.parse(String(body['content'])) as Record<string, unknown>;
      } catch {
        return fail(230001, 'invalid card content');
      }
      if (Buffer.byteLength(String(body['content'])) > FAKE_CARD_LIMIT_BYTES) return fail(230025, 'message content too long');
      const wait = throttle(`patch:${messageId}`, 5, t);
      if (wait !== null) return limited(wait, 5);
      fake.patches.push({ messageId, card, time: t });
      original.content = card;
      return send(200, { code: 0, msg: 'success', data: {} });
    }

    if (method === 'POST' && path === '/open-apis/interactive/v1/card/update') {
      const token = body['token'];
      if (typeof token !== 'string' || !token || !body['card'] || typeof body['card'] !== 'object')
        return fail(99992402, 'field validation failed: token / card');
      const uses = tokenUses.get(token) ?? 0;
      if (uses >= 2) return fail(FAKE_TOKEN_USED_UP, 'token has been used up (fake)');
      tokenUses.set(token, uses + 1);
      fake.cardUpdates.push({ token, card: body['card'], time: t });
      return send(200, { code: 0, msg: 'success' });
    }

    if (method === 'POST' && path === '/open-apis/contact/v3/users/batch_get_id') {
      if (url.searchParams.get('user_id_type') !== 'open_id') return fail(99992402, 'fake supports user_id_type=open_id only');
      const dir = opts.directory ?? [];
      const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).filter((x): x is string => typeof x === 'string') : []);
      const user_list = [
        ...list(body['mobiles']).map((mobile) => ({ mobile, ...userId(dir.find((d) => d.mobile === mobile)) })),
        ...list(body['emails']).map((email) => ({ email, ...userId(dir.find((d) => d.email === email)) })),
      ];
      return send(200, { code: 0, msg: 'success', data: { user_list } });
    }

    const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
    if (method === 'GET' && resource) {
      if (url.searchParams.get('type') !== 'file' && url.searchParams.get('type') !== 'image') return fail(99992402, 'field validation failed: type');
      const found = resources.get(`${decodeURIComponent(resource[1]!)}/${decodeURIComponent(resource[2]!)}`);
      // fake code: no such resource in that message.
      if (!found) return fail(234003, 'file not found in message (fake)');
      if (found.type !== url.searchParams.get('type')) return fail(234004, 'type does not match the resource (fake code)');
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(found.data.length) });
      res.end(found.data);
      return;
    }

    if (method === 'GET' && path === '/open-apis/bot/v3/info') {
      const bot = opts.bot ?? { openId: 'ou_fakebot', name: '双随机助手' };
      return send(200, { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: bot.name, avatar_url: '', ip_white_list: [], open_id: bot.openId } });
    }
    return send(404, { code: 404, msg: `fake feishu: no route ${method} ${path}` });
  }

  const userId = (d: { openId: string } | undefined) => (d ? { user_id: d.openId } : {});
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
