import { Hono } from 'hono';
import type { InboundSink } from '../inbound-sink';
import type { LocalMessage, LocalMessenger } from './client';
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
      group: deps.messenger.conversation('group').map(withoutBytes),
      dm: deps.messenger.conversation(`dm:${as}`).map(withoutBytes),
    });
  });

  // A file shown in a conversation, to the people of that conversation only.
  app.get('/api/files/:id', (c) => {
    const message = deps.messenger.find(c.req.param('id'));
    const as = c.req.query('as') ?? '';
    if (!message?.file || (message.conversation !== 'group' && message.conversation !== `dm:${as}`))
      return c.json({ error: '没有这个文件，或它不在你的会话中。' }, 404);
    return c.body(Buffer.from(message.file.base64, 'base64'), 200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(message.file.name)}`,
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
  app.post('/api/upload', async (c) => {
    const parsed = parseUpload({ as: c.req.query('as'), name: c.req.query('name') });
    if (!parsed.ok) return c.json({ error: parsed.error }, 400);
    const data = new Uint8Array(await c.req.arrayBuffer());
    if (data.byteLength === 0) return c.json({ error: '文件是空的，请选择要导入的 .xlsx 或 .csv 文件。' }, 400);
    const { as, name } = parsed.value;
    const message = await deps.messenger.addUserFile(`dm:${as}`, as, { name, data });
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

/** The page polls every second: a file's bytes are fetched when clicked, not with every poll. */
function withoutBytes(m: LocalMessage): Omit<LocalMessage, 'file'> & { file?: { name: string; size: number } } {
  if (!m.file) return m;
  const { file, ...rest } = m;
  return { ...rest, file: { name: file.name, size: file.size } };
}

function unknownIdentity(as: string): string {
  return `人员名录中没有“${as.slice(0, 64)}”这个身份，已按局领导身份显示；可在页面上方“我是”中另选。`;
}
