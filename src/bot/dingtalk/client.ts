/**
 * The DingTalk `Messenger`: robot messages and interactive cards through the v1.0 Open API
 * (`https://api.dingtalk.com`, or a fake's URL).
 *
 * - Token: `POST /v1.0/oauth2/accessToken {appKey, appSecret}` -> `{accessToken, expireIn}` (7200 s),
 *   sent as `x-acs-dingtalk-access-token`. Cached, refreshed 5 minutes before expiry (as the
 *   official Python SDK does, stream.py), fetched once for concurrent callers, dropped when
 *   DingTalk answers `InvalidAuthentication` so the retry fetches a new one.
 * - Text: `POST /v1.0/robot/groupMessages/send` to a group, `POST /v1.0/robot/oToMessages/batchSend`
 *   to a person (msgKey `sampleText`); the latter reports refused users in its body, not by status.
 * - Cards: `POST /v1.0/card/instances/createAndDeliver` with an `outTrackId` derived from the
 *   outbox's idempotency key (so a retried send names the same card), `IM_GROUP.<conversationId>`
 *   or `IM_ROBOT.<userId>`; updates with `PUT /v1.0/card/instances` by `outTrackId`.
 * - Files: uploaded with `POST https://oapi.dingtalk.com/media/upload` (`type=file`, multipart
 *   `media`; answers `{errcode, media_id}`; at most 20 MB), then a robot message with msgKey `sampleFile`
 *   (`{mediaId, fileName, fileType}`). Robot messages carry no idempotency key: a send retried after
 *   a lost answer may arrive twice, as for texts.
 * - Files people send (`picture`, `file`, `richText` pictures): `POST /v1.0/robot/messageFiles/download`
 *   `{downloadCode, robotCode}` -> `{downloadUrl}`, a short-lived URL fetched at once.
 * - Contact lookup (`accounts import`): `POST https://oapi.dingtalk.com/topapi/v2/user/getbymobile`
 *   `{mobile}` -> `{errcode, result: {userid}}`, 60121 when nobody has that number. The v1.0 access
 *   token is accepted by the oapi host as `?access_token=`.
 * - Errors (HTTP status + `{code, message, requestid}`): 5xx, 429, `InvalidAuthentication` and
 *   403 `Forbidden.AccessDenied.QpsLimit*` (about 20 calls per second per API and app, reports in
 *   research and public code) are retried; other 4xx give up with DingTalk's message, which names
 *   the missing permission or bad parameter for the administrator. The oapi host answers HTTP 200
 *   with `{errcode, errmsg}`: -1 (busy), 88, 90002 and 90018 (rate limits) are retried, 40014 and
 *   42001 (token invalid or expired) drop the cached token and are retried.
 */
import { createHash } from 'node:crypto';
import type { FileRef, Messenger, OutgoingFile, OutgoingMessage, Recipient, SendResult } from '../../app/ports/messenger';
import { FILE_TOO_LARGE, NetworkError, PlatformRejectedError } from '../../app/ports/messenger';
import type { CardView } from '../../app/views/card-view';
import { DINGTALK_MAX_UPLOAD_BYTES, dingtalkUpload, fileTypeOf } from './files';
import { directChatUser, spaceParam } from './normalize';
import { renderDingtalkCard, type DingtalkCard } from './render';

export type DingtalkLogger = { debug?: (msg: string, data?: Record<string, unknown>) => void; warn: (msg: string, data?: Record<string, unknown>) => void };

export interface DingtalkClientOptions {
  appKey: string;
  appSecret: string;
  /** The robot's code; for an enterprise internal app's robot it is the AppKey. */
  robotCode: string;
  /** `https://api.dingtalk.com` or a fake server's URL. */
  baseUrl: string;
  /** The older API host (media upload, contact lookup): `https://oapi.dingtalk.com`, or a fake's URL. Default: derived from `baseUrl`. */
  oapiBaseUrl?: string;
  templates: { general: string; form?: string };
  /** How card clicks come back: over the Stream connection, or over HTTP to the route registered under `callbackRouteKey`. */
  callback: { type: 'STREAM' } | { type: 'HTTP'; routeKey: string };
  logger?: DingtalkLogger;
  timeoutMs?: number;
  /** Calls per second to DingTalk, all APIs together (default 15, under the ~20 per API). */
  callsPerSecond?: number;
  now?: () => number;
}

export interface DingtalkMessenger extends Messenger {
  /** A valid access token (cached). */
  accessToken(): Promise<string>;
  /** Renders as this messenger would (the template ids it has decide whether a form can be shown). */
  render(card: CardView): DingtalkCard;
  /** mobile -> userId for those DingTalk finds in the organisation (exclusive accounts included). */
  resolveUserIds(mobiles: string[]): Promise<Record<string, string>>;
  fetchFile(file: FileRef, maxBytes: number): Promise<Uint8Array>;
}

/** The oapi host that goes with an Open API base URL: DingTalk's own, or the same fake. */
export function oapiBaseOf(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base === 'https://api.dingtalk.com' ? 'https://oapi.dingtalk.com' : base;
}

/** outTrackId from an idempotency key: stable, short, of plain characters. */
export function outTrackIdOf(idempotencyKey: string): string {
  return `dr-${createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 40)}`;
}

const QPS_CODE = /^Forbidden\.AccessDenied\.QpsLimit/;
/** UNCONFIRMED: the code DingTalk answers a second createAndDeliver with the same outTrackId; we match loosely. */
const DUPLICATE_CARD = /outTrackId|card.?instance/i;
const DUPLICATE_WORDS = /exist|duplicat|重复|已存在/i;

type Body = Record<string, unknown>;

const OAPI_RETRYABLE = new Set([-1, 88, 90002, 90018]);
const OAPI_TOKEN = new Set([40014, 42001]);
/** getbymobile: nobody of the organisation has this mobile number. */
const OAPI_NO_SUCH_USER = 60121;

function rejection(what: string, status: number, body: Body, retryAfterHeader: string | null): PlatformRejectedError {
  const code = typeof body['code'] === 'string' ? body['code'] : `http_${status}`;
  const message = String(body['message'] ?? '');
  const qps = status === 403 && QPS_CODE.test(code);
  const retryable = qps || status === 429 || status >= 500 || code === 'InvalidAuthentication';
  const header = Number(retryAfterHeader);
  const wait = retryAfterHeader !== null && Number.isFinite(header) && header >= 0 ? header : qps ? 1 : undefined;
  return new PlatformRejectedError(`DingTalk ${what} rejected (HTTP ${status}): ${code} ${message}`.trim(), code, wait, retryable);
}

export function createDingtalkMessenger(opts: DingtalkClientOptions): DingtalkMessenger {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const oapiBase = (opts.oapiBaseUrl ?? oapiBaseOf(base)).replace(/\/+$/, '');
  const timeout = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? Date.now;
  const gapMs = 1000 / (opts.callsPerSecond ?? 15);
  let token: { value: string; refreshAt: number } | undefined;
  let fetching: Promise<string> | undefined;
  let nextCallAt = 0;

  async function pace(): Promise<void> {
    const t = Date.now();
    const wait = nextCallAt - t;
    nextCallAt = Math.max(t, nextCallAt) + gapMs;
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }

  async function request(what: string, url: string, init: RequestInit): Promise<Response> {
    await pace();
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeout) });
    } catch (err) {
      throw new NetworkError(`DingTalk ${what} failed: ${err instanceof Error ? err.message : String(err)}`, err);
    }
  }

  async function http(what: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Body> {
    const res = await request(what, `${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await res.text().catch(() => '');
    let parsed: Body = {};
    try {
      parsed = text ? (JSON.parse(text) as Body) : {};
    } catch {
      parsed = { message: text.slice(0, 200) };
    }
    if (!res.ok) {
      const error = rejection(what, res.status, parsed, res.headers.get('retry-after'));
      if (error.code === 'InvalidAuthentication') token = undefined;
      throw error;
    }
    return parsed;
  }

  async function fetchToken(): Promise<string> {
    let body: Body;
    try {
      body = await http('access token', 'POST', '/v1.0/oauth2/accessToken', { appKey: opts.appKey, appSecret: opts.appSecret });
    } catch (err) {
      // DingTalk refusing our AppKey/AppSecret is a setting to fix, not this message's fault: retried
      // (the queue goes out once it is fixed) and reported to the administrators, as for Feishu.
      if (err instanceof PlatformRejectedError && !err.retryable)
        throw new PlatformRejectedError(`${err.message} (check DINGTALK_APP_KEY / DINGTALK_APP_SECRET)`, err.code, undefined, true, 'configuration');
      throw err;
    }
    const value = body['accessToken'];
    const expireIn = Number(body['expireIn'] ?? 7200);
    if (typeof value !== 'string' || !value) throw new PlatformRejectedError('DingTalk access token response has no accessToken', 'no_token');
    token = { value, refreshAt: now() + Math.max(60, expireIn - 300) * 1000 };
    return value;
  }

  async function accessToken(): Promise<string> {
    if (token && now() < token.refreshAt) return token.value;
    fetching ??= fetchToken().finally(() => {
      fetching = undefined;
    });
    return fetching;
  }

  const api = async (what: string, method: string, path: string, body: unknown) =>
    http(what, method, path, body, { 'x-acs-dingtalk-access-token': await accessToken() });

  /** A call to the oapi host: the token in the query, the outcome in `errcode` (HTTP 200 either way). */
  async function oapi(what: string, path: string, body: Body | FormData, query = ''): Promise<Body> {
    const url = `${oapiBase}${path}?access_token=${encodeURIComponent(await accessToken())}${query}`;
    const json = !(body instanceof FormData);
    const res = await request(what, url, {
      method: 'POST',
      headers: { accept: 'application/json', ...(json ? { 'content-type': 'application/json' } : {}) },
      body: json ? JSON.stringify(body) : body,
    });
    const text = await res.text().catch(() => '');
    let parsed: Body = {};
    try {
      parsed = text ? (JSON.parse(text) as Body) : {};
    } catch {
      parsed = { errmsg: text.slice(0, 200) };
    }
    if (!res.ok) throw rejection(what, res.status, { code: `http_${res.status}`, message: String(parsed['errmsg'] ?? '') }, res.headers.get('retry-after'));
    const code = Number(parsed['errcode'] ?? 0);
    if (code === 0) return parsed;
    if (OAPI_TOKEN.has(code)) token = undefined;
    const retryable = OAPI_RETRYABLE.has(code) || OAPI_TOKEN.has(code);
    throw new PlatformRejectedError(`DingTalk ${what} rejected: ${code} ${String(parsed['errmsg'] ?? '')}`.trim(), code, retryable ? 1 : undefined, retryable);
  }

  const render = (card: CardView) => renderDingtalkCard(card, { formTemplate: !!opts.templates.form });

  /** A robot message (`msgKey` + its `msgParam`) to a group by openConversationId, or to a person by userId. */
  async function sendRobot(to: Recipient, msgKey: string, param: Body): Promise<SendResult> {
    const msgParam = JSON.stringify(param);
    const user = to.kind === 'user' ? to.id : directChatUser(to.id);
    if (user === undefined) {
      const body = await api('group message', 'POST', '/v1.0/robot/groupMessages/send', {
        robotCode: opts.robotCode,
        openConversationId: to.id,
        msgKey,
        msgParam,
      });
      return { messageId: String(body['processQueryKey'] ?? '') };
    }
    const body = await api('1:1 message', 'POST', '/v1.0/robot/oToMessages/batchSend', {
      robotCode: opts.robotCode,
      userIds: [user],
      msgKey,
      msgParam,
    });
    const has = (k: string) => Array.isArray(body[k]) && (body[k] as unknown[]).includes(user);
    if (has('invalidStaffIdList')) throw new PlatformRejectedError(`DingTalk 1:1 message: ${user} is not a valid userId of this organisation`, 'invalid_staff');
    if (has('flowControlledStaffIdList'))
      throw new PlatformRejectedError(`DingTalk 1:1 message to ${user} was flow-controlled`, 'flow_controlled', undefined, true);
    return { messageId: String(body['processQueryKey'] ?? '') };
  }

  /**
   * Uploads the file (zipped when DingTalk does not take its type) and sends it as a file
   * message. A retried send uploads again: a media id is not kept between attempts.
   */
  async function sendFile(to: Recipient, file: OutgoingFile): Promise<SendResult> {
    const upload = dingtalkUpload(file);
    if (upload.bytes.length === 0) throw new PlatformRejectedError(`DingTalk file upload: “${file.name}” is empty`, 'empty_file');
    if (upload.bytes.length > DINGTALK_MAX_UPLOAD_BYTES)
      throw new PlatformRejectedError(`DingTalk file upload: “${file.name}” is ${upload.bytes.length} bytes, more than DingTalk's 20 MB`, FILE_TOO_LARGE);
    // `type` both in the query (older docs and clients) and in the form (newer docs).
    const form = new FormData();
    form.set('type', 'file');
    form.set('media', new Blob([upload.bytes]), upload.name);
    const body = await oapi('file upload', '/media/upload', form, '&type=file');
    const mediaId = body['media_id'];
    if (typeof mediaId !== 'string' || !mediaId) throw new PlatformRejectedError('DingTalk file upload returned no media_id', 'no_media_id');
    return sendRobot(to, 'sampleFile', { mediaId, fileName: upload.name, fileType: fileTypeOf(upload.name) });
  }

  async function sendCard(to: Recipient, view: CardView, idempotencyKey: string): Promise<SendResult> {
    const { template, params } = render(view);
    const templateId = template === 'form' ? opts.templates.form! : opts.templates.general;
    const outTrackId = outTrackIdOf(idempotencyKey);
    const user = to.kind === 'user' ? to.id : directChatUser(to.id);
    const space = user === undefined ? { kind: 'group' as const, id: to.id } : { kind: 'direct' as const, id: user };
    const request = {
      cardTemplateId: templateId,
      outTrackId,
      cardData: { cardParamMap: { ...params, space: spaceParam(space) } },
      callbackType: opts.callback.type,
      ...(opts.callback.type === 'HTTP' ? { callbackRouteKey: opts.callback.routeKey } : {}),
      userIdType: 1,
      ...(space.kind === 'group'
        ? {
            openSpaceId: `dtv1.card//IM_GROUP.${space.id}`,
            imGroupOpenSpaceModel: { supportForward: false },
            imGroupOpenDeliverModel: { robotCode: opts.robotCode },
          }
        : {
            openSpaceId: `dtv1.card//IM_ROBOT.${space.id}`,
            imRobotOpenSpaceModel: { supportForward: false },
            imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT' },
          }),
    };
    let body: Body;
    try {
      body = await api('card delivery', 'POST', '/v1.0/card/instances/createAndDeliver', request);
    } catch (err) {
      // A retry after a lost answer: the card with this outTrackId is already out.
      if (err instanceof PlatformRejectedError && !err.retryable && DUPLICATE_CARD.test(err.message) && DUPLICATE_WORDS.test(err.message)) {
        opts.logger?.warn('dingtalk: card already delivered, treating the retry as sent', { outTrackId });
        return { messageId: outTrackId };
      }
      throw err;
    }
    const result = (body['result'] ?? {}) as Body;
    const failed = (Array.isArray(result['deliverResults']) ? (result['deliverResults'] as Body[]) : []).filter((r) => r['success'] === false);
    if (body['success'] === false || failed.length) {
      const why = failed.map((r) => String(r['errorMsg'] ?? '')).join('; ');
      throw new PlatformRejectedError(`DingTalk card delivery failed: ${why || 'success=false'}`, 'deliver_failed');
    }
    return { messageId: outTrackId };
  }

  return {
    platform: 'dingtalk',
    accessToken,
    render,

    async send(to, message: OutgoingMessage, idempotencyKey) {
      if (to.platform !== 'dingtalk') throw new Error(`dingtalk messenger cannot send to ${to.platform}`);
      if (message.type === 'text') return sendRobot(to, 'sampleText', { content: message.text });
      if (message.type === 'file') return sendFile(to, message.file);
      return sendCard(to, message.card, idempotencyKey);
    },

    async resolveUserIds(mobiles) {
      const out: Record<string, string> = {};
      for (const mobile of mobiles) {
        let body: Body;
        try {
          body = await oapi('contact lookup', '/topapi/v2/user/getbymobile', { mobile, support_exclusive_account_search: true });
        } catch (err) {
          if (err instanceof PlatformRejectedError && err.code === OAPI_NO_SUCH_USER) continue;
          throw err;
        }
        const userId = (body['result'] as Body | undefined)?.['userid'];
        if (typeof userId === 'string' && userId) out[mobile] = userId;
      }
      return out;
    },

    /**
     * The bytes of a picture or file a person sent: its `downloadCode` (the ref's key) is
     * exchanged for a short-lived URL, read at once and at most `maxBytes` of it.
     */
    async fetchFile(file, maxBytes) {
      const body = await api('file download', 'POST', '/v1.0/robot/messageFiles/download', { downloadCode: file.key, robotCode: opts.robotCode });
      const url = body['downloadUrl'];
      if (typeof url !== 'string' || !url) throw new PlatformRejectedError('DingTalk file download returned no downloadUrl', 'no_download_url');
      const res = await request('file download', url, { method: 'GET' });
      if (!res.ok) throw new PlatformRejectedError(`DingTalk file download failed (HTTP ${res.status})`, `http_${res.status}`, undefined, res.status >= 500);
      const tooLarge = () => new PlatformRejectedError(`“${file.name}” is larger than ${maxBytes} bytes`, FILE_TOO_LARGE);
      if (Number(res.headers.get('content-length') ?? 0) > maxBytes) {
        await res.body?.cancel();
        throw tooLarge();
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = res.body?.getReader();
      for (;;) {
        const next = await reader?.read();
        if (!next || next.done) break;
        size += next.value.length;
        if (size > maxBytes) {
          await reader?.cancel();
          throw tooLarge();
        }
        chunks.push(next.value);
      }
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out;
    },

    async updateCard(outTrackId, card) {
      // By key: the `space` the card was delivered to stays as it was.
      await api('card update', 'PUT', '/v1.0/card/instances', {
        outTrackId,
        cardData: { cardParamMap: render(card).params },
        cardUpdateOptions: { updateCardDataByKey: true },
      });
    },
  };
}
