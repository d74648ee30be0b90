import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EVIDENCE_MAX_BYTES, evidenceType } from '../../domain/evidence/limits';
import type { InboundSink } from '../inbound-sink';
import type { LocalMessenger } from './client';
import { conversationName, normalizeAct, normalizeSay, normalizeUpload, parseAct, parseSay, parseUpload } from './normalize';
import { LOCAL_PAGE } from './page';

export interface LocalPerson {
  localId: string;
  name: string;
  role: 'admin' | 'leader' | 'officer';
  unit: string;
}

export interface LocalChatDeps {
  messenger: LocalMessenger;
  sink: InboundSink;
  people: () => Promise<LocalPerson[]>;
  /** Delivers what the last action queued before the page asks again (the outbox drain). */
  flush: () => Promise<void>;
}

/**
 * The local chat simulator at `/local`: the group chat and each person's direct chat with the
 * bot, played in the browser. Typed messages and clicks take the same path as platform
 * deliveries (normalize → sink → use case → outbox → messenger).
 */
export function createLocalChat(deps: LocalChatDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => c.html(LOCAL_PAGE));

  app.get('/api/state', async (c) => {
    const people = await deps.people();
    const asked = c.req.query('as') ?? '';
    // A first visit (no identity chosen) acts as the leader; so does an identity that is not in the roster.
    const known = people.some((p) => p.localId === asked);
    const as = known ? asked : (people.find((p) => p.role === 'leader')?.localId ?? '');
    return c.json({
      as,
      ...(asked && !known ? { notice: unknownIdentity(asked) } : {}),
      people,
      revision: deps.messenger.revision,
      group: deps.messenger.conversation('group'),
      dm: deps.messenger.conversation(`dm:${as}`),
    });
  });

  // A file in a conversation (an export, a document, a photo): downloaded from the message that
  // carries it, by someone in that conversation. A direct chat's file holds internal notes or
  // signatures, so it is served to that person only (`?as=`), as its cards are.
  app.get('/files/:id', async (c) => {
    const message = deps.messenger.find(c.req.param('id'));
    const as = c.req.query('as') ?? '';
    const file = message && (message.conversation === 'group' || message.conversation === `dm:${as}`) ? await deps.messenger.file(message.id) : undefined;
    if (!file) return c.json({ error: '没有这个文件，或它不在你的会话中。' }, 404);
    return c.body(Buffer.from(file.base64, 'base64'), 200, {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="${asciiName(file.name)}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  });

  app.post('/api/say', async (c) => {
    const parsed = parseSay(await c.req.json().catch(() => null));
    if (!parsed.ok) return c.json({ error: parsed.error }, 400);
    const v = parsed.value;
    const message = await deps.messenger.addUserMessage(conversationName(v.as, v.conversation), v.as, v.text);
    const reply = await deps.sink(normalizeSay(v, message.id));
    await deps.flush();
    return c.json({ ok: true, toast: reply.toast });
  });

  // A file chosen with the page's 上传 button: a file message in the person's direct chat, on the
  // same path as a Feishu file message (the router fetches it back from the messenger).
  // Bounded like a platform's file message (20 MB: evidence and registers alike); the router refuses past the entry's limit.
  app.post('/api/upload', bodyLimit({ maxSize: EVIDENCE_MAX_BYTES + 64 * 1024, onError: (c) => c.json({ error: TOO_LARGE }, 413) }), async (c) => {
    const parsed = parseUpload({ as: c.req.query('as'), name: c.req.query('name') });
    if (!parsed.ok) return c.json({ error: parsed.error }, 400);
    const data = new Uint8Array(await c.req.arrayBuffer());
    if (data.byteLength === 0) return c.json({ error: '文件是空的，未发送。' }, 400);
    const { as, name } = parsed.value;
    const message = await deps.messenger.addUserFile(`dm:${as}`, as, { name, mediaType: mediaTypeOf(name), data });
    const reply = await deps.sink(normalizeUpload(as, message.id, name));
    await deps.flush();
    return c.json({ ok: true, toast: reply.toast });
  });

  app.post('/api/act', async (c) => {
    const parsed = parseAct(await c.req.json().catch(() => null));
    if (!parsed.ok) return c.json({ error: parsed.error }, 400);
    const v = parsed.value;
    const message = deps.messenger.find(v.messageId);
    if (!message || (message.conversation !== 'group' && message.conversation !== `dm:${v.as}`)) {
      return c.json({ error: '这张卡片不在你的会话中。' }, 403);
    }
    const reply = await deps.sink(normalizeAct(v, message.conversation));
    if (reply.card) await deps.messenger.updateCard(message.id, reply.card);
    await deps.flush();
    return c.json({ ok: true, toast: reply.toast });
  });

  return app;
}

const TOO_LARGE = `文件超过 ${EVIDENCE_MAX_BYTES / 1048576} MB，未发送：请压缩后重新发送，或分成几份。`;

/** The ASCII fallback of a Chinese file name, for old clients: its extension kept. */
function asciiName(name: string): string {
  const ascii = name.replace(/[^\w.-]+/g, '_');
  return /[A-Za-z0-9]/.test(ascii.replace(/\.[^.]*$/, '')) ? ascii : `file${/\.[A-Za-z0-9]+$/.exec(name)?.[0] ?? ''}`;
}

/** The media type an upload is stored with, from its name (the page sends bytes only). */
function mediaTypeOf(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv') return 'text/csv';
  if (ext === 'xlsx' || ext === 'xlsm') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (ext === 'xls') return 'application/vnd.ms-excel';
  return evidenceType(name, '') ?? 'application/octet-stream';
}

function unknownIdentity(as: string): string {
  return `人员名录中没有“${as.slice(0, 64)}”这个身份，已按局领导身份显示；可在页面上方“我是”中另选。`;
}
