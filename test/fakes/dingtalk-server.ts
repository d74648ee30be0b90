/**
 * A fake DingTalk on a real HTTP port, behaving as the research (§6) and the sources it cites say
 * DingTalk does:
 * - `POST /v1.0/oauth2/accessToken` -> `{accessToken, expireIn: 7200}`; calls carry
 *   `x-acs-dingtalk-access-token`, a missing, unknown or expired one is HTTP 400 `InvalidAuthentication`;
 * - robot text: `groupMessages/send`, `oToMessages/batchSend` (refused users listed in the body);
 * - cards: `createAndDeliver` (template known, every `cardParamMap` value a string, `openSpaceId`
 *   `dtv1.card//IM_GROUP.<cid>` / `IM_ROBOT.<userId>` with the matching deliver model), updates by
 *   `PUT /v1.0/card/instances` (by key or whole); a card callback's answer is applied to the card
 *   (`cardData` for all, `userPrivateData` for the clicker);
 * - QPS per API (default 20/s): HTTP 403 `Forbidden.AccessDenied.QpsLimitForApi`;
 * - the oapi host (same port here): `?access_token=` (the v1.0 token), answers HTTP 200 with
 *   `{errcode, errmsg}`: `POST /media/upload` (multipart `type`, `media`; 20 MB; doc, docx, xls,
 *   xlsx, ppt, pptx, zip, pdf, rar) -> `media_id`, and `POST /topapi/v2/user/getbymobile` `{mobile}`
 *   -> `result.userid`, or 60121 找不到该用户; a robot `sampleFile` message must name an uploaded media id;
 * - files people sent: `POST /v1.0/robot/messageFiles/download {downloadCode, robotCode}` ->
 *   `{downloadUrl}` (this server), whose GET answers the bytes;
 * - the Stream gateway: `POST /v1.0/gateway/connections/open` -> `{endpoint, ticket}`, a WebSocket
 *   at the endpoint taking a one-time ticket, CALLBACK frames pushed with a `messageId`, pushed
 *   again with the same `messageId` when not acknowledged within `redeliverMs` (DingTalk: about 60 s).
 * Codes marked "fake" are invented where the real one is unknown. Every HTTP call is recorded.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface DtCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  time: number;
}
export interface DtTextMessage {
  to: { kind: 'group' | 'user'; id: string };
  text: string;
  processQueryKey: string;
}
export interface DtCard {
  outTrackId: string;
  templateId: string;
  space: { type: 'IM_GROUP' | 'IM_ROBOT'; id: string };
  callbackType: string;
  params: Record<string, string>;
  privateData: Record<string, Record<string, string>>;
  updates: number;
}
export interface DtAck {
  messageId: string;
  code: number;
  response: unknown;
  time: number;
}
export interface DtPushed {
  messageId: string;
  topic: string;
  pushes: number;
  acked?: DtAck;
}
export interface DtUpload {
  mediaId: string;
  type: string;
  fileName: string;
  bytes: Buffer;
}
export interface DtFileMessage {
  to: { kind: 'group' | 'user'; id: string };
  mediaId: string;
  fileName: string;
  fileType: string;
  upload: DtUpload;
}
export interface FakeDingtalkOptions {
  appKey?: string;
  appSecret?: string;
  templates?: string[];
  /** Valid userIds; unset: everyone. */
  staff?: string[];
  /** The organisation's address book for getbymobile: mobile -> userId. */
  contacts?: Record<string, string>;
  qpsPerApi?: number;
  redeliverMs?: number;
  now?: () => number;
}

export const FAKE_CARD_TEMPLATE = 'general_fake.schema';
export const FAKE_FORM_TEMPLATE = 'form_fake.schema';
const MSG_KEYS = new Set(['sampleText', 'sampleMarkdown', 'sampleImageMsg', 'sampleLink', 'sampleActionCard', 'sampleFile']);
const UPLOAD_TYPES = new Set(['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'zip', 'pdf', 'rar']);
const OAPI_PATHS = new Set(['/media/upload', '/topapi/v2/user/getbymobile']);

export async function startFakeDingtalk(opts: FakeDingtalkOptions = {}) {
  const now = opts.now ?? Date.now;
  const appKey = opts.appKey ?? 'dingfakeappkey';
  const appSecret = opts.appSecret ?? 'fake-app-secret';
  const templates = new Set(opts.templates ?? [FAKE_CARD_TEMPLATE, FAKE_FORM_TEMPLATE]);
  const staff = opts.staff ? new Set(opts.staff) : undefined;
  const qps = opts.qpsPerApi ?? 20;
  const redeliverMs = opts.redeliverMs ?? 60_000;
  const tokens = new Map<string, number>();
  const tickets = new Set<string>();
  const windows = new Map<string, number[]>();
  const forced: Array<{ status: number; code: string; message?: string }> = [];
  const sockets = new Set<WebSocket>();
  const pending = new Map<string, { frame: string; timer?: ReturnType<typeof setTimeout> }>();
  const ackWaiters = new Map<string, Array<(a: DtAck) => void>>();
  const contacts = new Map(Object.entries(opts.contacts ?? {}));
  /** downloadCode -> the file a person sent; download token -> the file. */
  const sentFiles = new Map<string, { bytes: Buffer; contentType: string }>();
  const downloadUrls = new Map<string, { bytes: Buffer; contentType: string }>();

  const state = {
    url: '',
    appKey,
    appSecret,
    calls: [] as DtCall[],
    texts: [] as DtTextMessage[],
    cards: new Map<string, DtCard>(),
    /** Cards in delivery order. */
    delivered: [] as DtCard[],
    pushed: new Map<string, DtPushed>(),
    acks: [] as DtAck[],
    connectionsOpened: 0,
    tokensIssued: 0,
    /** The ticket request bodies (subscriptions included). */
    gatewayRequests: [] as Array<Record<string, unknown>>,
    uploads: [] as DtUpload[],
    files: [] as DtFileMessage[],
    /** Mobile numbers asked of getbymobile, in order. */
    lookups: [] as string[],
  };

  function throttle(key: string, t: number): boolean {
    const w = (windows.get(key) ?? []).filter((x) => x > t - 1000);
    windows.set(key, w);
    if (w.length >= qps) return true;
    w.push(t);
    return false;
  }

  const isStrings = (m: unknown) => !!m && typeof m === 'object' && Object.values(m as object).every((v) => typeof v === 'string');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const multipart = String(req.headers['content-type'] ?? '').startsWith('multipart/form-data');
    let body: Record<string, unknown> = {};
    try {
      body = chunks.length && !multipart ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      /* left empty */
    }
    const t = now();
    const method = req.method ?? 'GET';
    const path = url.pathname;
    state.calls.push({ method, path, headers: req.headers, body, time: t });
    const send = (status: number, json: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': randomBytes(8).toString('hex') });
      res.end(JSON.stringify(json));
    };
    const fail = (status: number, code: string, message: string) => send(status, { code, message, requestid: randomBytes(8).toString('hex') });

    if (method === 'POST' && path === '/v1.0/oauth2/accessToken') {
      if (body['appKey'] !== appKey || body['appSecret'] !== appSecret) return fail(400, 'invalidClientIdOrSecret', '无效的clientId或者clientSecret'); // fake code
      const token = `tok-${randomBytes(10).toString('hex')}`;
      tokens.set(token, t + 7200_000);
      state.tokensIssued++;
      return send(200, { accessToken: token, expireIn: 7200 });
    }
    if (method === 'POST' && path === '/v1.0/gateway/connections/open') {
      state.gatewayRequests.push(body);
      if (body['clientId'] !== appKey || body['clientSecret'] !== appSecret) return fail(401, 'InvalidAuthentication', 'clientId or clientSecret invalid'); // fake code
      const ticket = randomBytes(12).toString('hex');
      tickets.add(ticket);
      return send(200, { endpoint: `${state.url.replace(/^http/, 'ws')}/connect`, ticket });
    }
    if (method === 'GET' && path.startsWith('/download/')) {
      // A short-lived signed URL in DingTalk; no access token needed.
      const file = downloadUrls.get(path.slice('/download/'.length));
      if (!file) {
        res.writeHead(404);
        return void res.end();
      }
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) });
      return void res.end(file.bytes);
    }
    if (OAPI_PATHS.has(path)) return oapi(path, url, req.headers, raw, body, t, send);
    const token = req.headers['x-acs-dingtalk-access-token'];
    const expiresAt = typeof token === 'string' ? tokens.get(token) : undefined;
    if (expiresAt === undefined || expiresAt <= t) return fail(400, 'InvalidAuthentication', '不合法的access_token');
    const f = forced.shift();
    if (f) return fail(f.status, f.code, f.message ?? 'forced failure');
    if (throttle(`${method} ${path}`, t)) return fail(403, 'Forbidden.AccessDenied.QpsLimitForApi', '请求过于频繁');

    if (method === 'POST' && (path === '/v1.0/robot/groupMessages/send' || path === '/v1.0/robot/oToMessages/batchSend')) {
      const group = path.endsWith('groupMessages/send');
      if (body['robotCode'] !== appKey) return fail(400, 'resource.not.found', 'robot 不存在'); // fake code
      if (typeof body['msgKey'] !== 'string' || !MSG_KEYS.has(body['msgKey'])) return fail(400, 'InvalidParameter', 'msgKey invalid');
      let param: Record<string, unknown>;
      try {
        param = JSON.parse(String(body['msgParam'])) as Record<string, unknown>;
      } catch {
        return fail(400, 'InvalidParameter', 'msgParam is not JSON');
      }
      const processQueryKey = randomBytes(10).toString('hex');
      const msgKey = body['msgKey'];
      const upload = msgKey === 'sampleFile' ? state.uploads.find((u) => u.mediaId === param['mediaId']) : undefined;
      if (msgKey === 'sampleFile' && (!upload || typeof param['fileName'] !== 'string' || typeof param['fileType'] !== 'string'))
        return fail(400, 'InvalidParameter', 'msgParam: mediaId 无效或缺少 fileName、fileType'); // fake code
      const deliver = (to: DtTextMessage['to']) => {
        if (upload) state.files.push({ to, mediaId: upload.mediaId, fileName: String(param['fileName']), fileType: String(param['fileType']), upload });
        else state.texts.push({ to, text: String(param['content'] ?? ''), processQueryKey });
      };
      if (group) {
        if (typeof body['openConversationId'] !== 'string' || !body['openConversationId']) return fail(400, 'InvalidParameter', 'openConversationId');
        deliver({ kind: 'group', id: body['openConversationId'] });
        return send(200, { processQueryKey });
      }
      const ids = Array.isArray(body['userIds']) ? (body['userIds'] as string[]) : [];
      if (!ids.length || ids.length > 20) return fail(400, 'InvalidParameter', 'userIds');
      const invalid = ids.filter((id) => staff && !staff.has(id));
      for (const id of ids.filter((x) => !invalid.includes(x))) deliver({ kind: 'user', id });
      return send(200, { processQueryKey, invalidStaffIdList: invalid, flowControlledStaffIdList: [] });
    }

    if (method === 'POST' && path === '/v1.0/robot/messageFiles/download') {
      if (body['robotCode'] !== appKey) return fail(400, 'resource.not.found', 'robot 不存在'); // fake code
      const file = sentFiles.get(String(body['downloadCode'] ?? ''));
      if (!file) return fail(400, 'InvalidParameter', 'downloadCode 无效或已过期'); // fake code
      const key = randomBytes(12).toString('hex');
      downloadUrls.set(key, file);
      return send(200, { downloadUrl: `${state.url}/download/${key}` });
    }

    if (method === 'POST' && path === '/v1.0/card/instances/createAndDeliver') {
      const outTrackId = body['outTrackId'];
      const templateId = body['cardTemplateId'];
      const params = (body['cardData'] as { cardParamMap?: unknown } | undefined)?.cardParamMap;
      const space = /^dtv1\.card\/\/(IM_GROUP|IM_ROBOT)\.(.+)$/.exec(String(body['openSpaceId'] ?? ''));
      if (typeof outTrackId !== 'string' || !outTrackId) return fail(400, 'InvalidParameter', 'outTrackId is required');
      if (typeof templateId !== 'string' || !templates.has(templateId)) return fail(400, 'param.templateNotExist', 'cardTemplateId 不存在'); // fake code
      if (!isStrings(params)) return fail(400, 'InvalidParameter', 'cardParamMap 的值必须是字符串'); // fake code
      if (!space) return fail(400, 'InvalidParameter', 'openSpaceId invalid');
      const type = space[1] as 'IM_GROUP' | 'IM_ROBOT';
      if (type === 'IM_GROUP' && (body['imGroupOpenDeliverModel'] as { robotCode?: string } | undefined)?.robotCode !== appKey)
        return fail(400, 'InvalidParameter', 'imGroupOpenDeliverModel.robotCode');
      if (type === 'IM_ROBOT' && (body['imRobotOpenDeliverModel'] as { spaceType?: string } | undefined)?.spaceType !== 'IM_ROBOT')
        return fail(400, 'InvalidParameter', 'imRobotOpenDeliverModel.spaceType');
      if (state.cards.has(outTrackId)) return fail(400, 'param.outTrackIdExist', 'outTrackId already exists'); // fake code
      if (type === 'IM_ROBOT' && staff && !staff.has(space[2]!)) {
        return send(200, {
          success: true,
          result: { outTrackId, deliverResults: [{ spaceType: type, spaceId: space[2], success: false, errorMsg: 'user not found' }] },
        });
      }
      const card: DtCard = {
        outTrackId,
        templateId,
        space: { type, id: space[2]! },
        callbackType: String(body['callbackType'] ?? ''),
        params: { ...(params as Record<string, string>) },
        privateData: {},
        updates: 0,
      };
      state.cards.set(outTrackId, card);
      state.delivered.push(card);
      return send(200, {
        success: true,
        result: { outTrackId, deliverResults: [{ spaceType: type, spaceId: space[2], success: true, carrierId: randomBytes(6).toString('hex') }] },
      });
    }

    if (method === 'PUT' && path === '/v1.0/card/instances') {
      const card = state.cards.get(String(body['outTrackId']));
      if (!card) return fail(400, 'param.cardNotExist', 'card instance not found'); // fake code
      const params = (body['cardData'] as { cardParamMap?: unknown } | undefined)?.cardParamMap;
      if (!isStrings(params)) return fail(400, 'InvalidParameter', 'cardParamMap 的值必须是字符串');
      const byKey = (body['cardUpdateOptions'] as { updateCardDataByKey?: boolean } | undefined)?.updateCardDataByKey;
      card.params = byKey ? { ...card.params, ...(params as Record<string, string>) } : { ...(params as Record<string, string>) };
      card.updates++;
      return send(200, { success: true, result: true });
    }
    return fail(404, 'NotFound', `fake dingtalk: no route ${method} ${path}`);
  }

  /** The oapi host: token in the query, every outcome HTTP 200 with `errcode` (0 is success). */
  async function oapi(
    path: string,
    url: URL,
    headers: IncomingHttpHeaders,
    raw: Buffer,
    body: Record<string, unknown>,
    t: number,
    send: (status: number, json: unknown) => void,
  ): Promise<void> {
    const err = (errcode: number, errmsg: string) => send(200, { errcode, errmsg, request_id: randomBytes(8).toString('hex') });
    const expiresAt = tokens.get(url.searchParams.get('access_token') ?? '');
    if (expiresAt === undefined || expiresAt <= t) return err(40014, '不合法的access_token');
    if (throttle(`POST ${path}`, t)) return err(90018, '当前企业调用该接口超过每秒调用次数限制'); // fake code
    if (path === '/topapi/v2/user/getbymobile') {
      const mobile = typeof body['mobile'] === 'string' ? body['mobile'] : '';
      if (!mobile) return err(40035, '缺少参数 mobile'); // fake code
      state.lookups.push(mobile);
      const userid = contacts.get(mobile);
      if (!userid) return err(60121, '找不到该用户');
      return send(200, { errcode: 0, errmsg: 'ok', result: { userid, exclusive_account_userid_list: [] }, request_id: randomBytes(8).toString('hex') });
    }
    // /media/upload
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': String(headers['content-type'] ?? '') } })
      .formData()
      .catch(() => undefined);
    const media = form?.get('media');
    const type = String(form?.get('type') ?? url.searchParams.get('type') ?? '');
    if (!form || !media || typeof media === 'string') return err(40004, '缺少 media 参数'); // fake code
    if (!['image', 'voice', 'file', 'video'].includes(type)) return err(40004, '不合法的媒体文件类型'); // fake code
    const fileName = media.name;
    const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
    if (type === 'file' && !UPLOAD_TYPES.has(ext)) return err(40005, '不合法的文件类型'); // fake code
    const bytes = Buffer.from(await media.arrayBuffer());
    if (bytes.length === 0) return err(40006, '不合法的文件大小'); // fake code
    if (bytes.length > 20 * 1024 * 1024) return err(40006, '不合法的文件大小'); // fake code
    const mediaId = `@lAz${randomBytes(10).toString('hex')}`;
    state.uploads.push({ mediaId, type, fileName, bytes });
    return send(200, { errcode: 0, errmsg: 'ok', media_id: mediaId, type, created_at: t });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500);
      res.end(String(err));
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/connect' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      state.connectionsOpened++;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (raw) => onUpstream(String(raw)));
      // Frames pushed while no one was connected go out now.
      for (const [, p] of pending) ws.send(p.frame);
    });
  });

  function onUpstream(raw: string): void {
    let msg: { code?: number; headers?: { messageId?: string }; data?: string };
    try {
      msg = JSON.parse(raw) as typeof msg;
    } catch {
      return;
    }
    const id = msg.headers?.messageId;
    if (!id) return;
    const p = pending.get(id);
    if (!p) return; // a ping answer, or a late second ack
    clearTimeout(p.timer);
    pending.delete(id);
    let response: unknown;
    try {
      response = (JSON.parse(msg.data ?? '{}') as { response?: unknown }).response;
    } catch {
      response = undefined;
    }
    const ack: DtAck = { messageId: id, code: msg.code ?? 0, response, time: now() };
    state.acks.push(ack);
    state.pushed.get(id)!.acked = ack;
    applyCardAnswer(id, response);
    for (const w of ackWaiters.get(id) ?? []) w(ack);
    ackWaiters.delete(id);
  }

  const cardOfPush = new Map<string, { outTrackId: string; userId: string }>();
  /** A card callback's answer updates the card: `cardData` for everyone, `userPrivateData` for the clicker. */
  function applyCardAnswer(messageId: string, response: unknown): void {
    const ref = cardOfPush.get(messageId);
    if (ref) applyCallbackResponse(ref.outTrackId, ref.userId, response);
  }
  function applyCallbackResponse(outTrackId: string, userId: string, response: unknown): void {
    const card = state.cards.get(outTrackId);
    const r = (response ?? {}) as { cardData?: { cardParamMap?: Record<string, string> }; userPrivateData?: { cardParamMap?: Record<string, string> } };
    if (!card) return;
    if (r.cardData?.cardParamMap) card.params = { ...card.params, ...r.cardData.cardParamMap };
    if (r.userPrivateData?.cardParamMap) card.privateData[userId] = { ...card.privateData[userId], ...r.userPrivateData.cardParamMap };
  }

  function transmit(id: string): void {
    const p = pending.get(id);
    if (!p) return;
    state.pushed.get(id)!.pushes++;
    for (const ws of sockets) ws.send(p.frame);
    p.timer = setTimeout(() => transmit(id), redeliverMs);
    p.timer.unref?.();
  }

  /** Pushes a CALLBACK frame; resolves with its acknowledgement (re-pushing until there is one). */
  function push(topic: string, data: Record<string, unknown>, messageId = `msg-${randomBytes(8).toString('hex')}`): Promise<DtAck> {
    const frame = JSON.stringify({
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: { appId: appKey, connectionId: 'conn-fake', contentType: 'application/json', messageId, time: String(now()), topic },
      data: JSON.stringify(data),
    });
    const done = new Promise<DtAck>((resolve) => ackWaiters.set(messageId, [...(ackWaiters.get(messageId) ?? []), resolve]));
    if (!state.pushed.has(messageId)) state.pushed.set(messageId, { messageId, topic, pushes: 0 });
    pending.set(messageId, { frame });
    transmit(messageId);
    return done;
  }

  /**
   * What DingTalk sends when `userId` clicks the button labelled `label` on a card, per our
   * templates' bindings: params `{value: btnN_value | submit_value, space, f1…fN}`. Selects send
   * `{"index","value"}` as the SelectBlock's built-in parameter does; `form` is by field name.
   */
  function clickData(outTrackId: string, userId: string, label: string, form: Record<string, string> = {}): Record<string, unknown> {
    const card = state.cards.get(outTrackId);
    if (!card) throw new Error(`fake dingtalk: no card ${outTrackId}`);
    const p = card.params;
    const params: Record<string, unknown> = { space: p['space'] };
    const slot = [1, 2, 3, 4].find((n) => p[`btn${n}_visible`] === 'true' && p[`btn${n}_text`] === label);
    if (slot) params['value'] = p[`btn${slot}_value`];
    else if (p['submit_visible'] === 'true' && p['submit_text'] === label) {
      params['value'] = p['submit_value'];
      const names = String((JSON.parse(p['submit_value']!) as { _fields?: string })._fields ?? '').split(',');
      names.forEach((name, i) => {
        const n = `f${i + 1}`;
        const v = form[name];
        if (v === undefined) return;
        if (p[`${n}_select_visible`] === 'true') {
          const options = JSON.parse(p[`${n}_options`] ?? '[]') as Array<{ value: string }>;
          const index = options.findIndex((o) => o.value === v);
          if (index < 0) throw new Error(`fake dingtalk: "${v}" is not an option of ${name}`);
          params[n] = JSON.stringify({ index, value: v });
        } else params[n] = v;
      });
    } else throw new Error(`fake dingtalk: no visible button "${label}" on card ${p['title']}`);
    const content = JSON.stringify({ cardPrivateData: { actionIds: [slot ? `btn${slot}` : 'submit'], params } });
    return {
      outTrackId,
      corpId: 'dingcorpfake',
      userId,
      userIdType: 1,
      spaceType: card.space.type,
      spaceId: card.space.id,
      type: 'actionCallback',
      content,
      value: content,
      extension: '{}',
    };
  }

  const textsTo = (id: string) => state.texts.filter((m) => m.to.id === id).map((m) => m.text);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return Object.assign(state, {
    /** A picture or file a person sent: its downloadCode, for a robot message payload. */
    addSentFile(bytes: Buffer, contentType = 'application/octet-stream', downloadCode = `dl-${randomBytes(8).toString('hex')}`): string {
      sentFiles.set(downloadCode, { bytes, contentType });
      return downloadCode;
    },
    failNext(n: number, failure: { status: number; code: string; message?: string }) {
      for (let i = 0; i < n; i++) forced.push(failure);
    },
    expireTokens() {
      tokens.clear();
    },
    push,
    clickData,
    applyCallbackResponse,
    /** Pushes a click as a Stream card callback frame; resolves with the acknowledgement (the card is updated from it). */
    async clickOverStream(outTrackId: string, userId: string, label: string, form?: Record<string, string>, messageId?: string): Promise<DtAck> {
      const id = messageId ?? `msg-${randomBytes(8).toString('hex')}`;
      cardOfPush.set(id, { outTrackId, userId });
      return push('/v1.0/card/instances/callback', clickData(outTrackId, userId, label, form), id);
    },
    openSockets: () => sockets.size,
    unacked: () => [...pending.keys()],
    /** Drops every connection as a network failure would (no close handshake). */
    dropConnections() {
      for (const ws of sockets) ws.terminate();
    },
    textsTo,
    cardsTo: (id: string) => state.delivered.filter((c) => c.space.id === id),
    /** The latest card to `id` whose title contains `title`. */
    lastCard(id: string, title: string): DtCard {
      const c = [...state.delivered].reverse().find((x) => x.space.id === id && x.params['title']?.includes(title));
      if (!c)
        throw new Error(
          `no card "${title}" to ${id}: ${state.delivered
            .filter((x) => x.space.id === id)
            .map((x) => x.params['title'])
            .join(' | ')}; texts: ${textsTo(id).join(' | ')}`,
        );
      return c;
    },
    async close() {
      for (const p of pending.values()) clearTimeout(p.timer);
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}

export type FakeDingtalk = Awaited<ReturnType<typeof startFakeDingtalk>>;
