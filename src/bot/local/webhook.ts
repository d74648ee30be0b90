import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EVIDENCE_MAX_BYTES, evidenceRefusal, evidenceType } from '../../domain/evidence/limits';
import type { InboundSink } from '../inbound-sink';
import type { LocalMessenger } from './client';
import { conversationName, normalizeAct, normalizeSay, parseAct, parseSay } from './normalize';
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

  // A file the bot sent (an export, a document): downloaded from the message that carries it.
  app.get('/files/:id', async (c) => {
    const file = await deps.messenger.file(c.req.param('id'));
    if (!file) return c.json({ error: '没有这个文件。' }, 404);
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

  /**
   * 上传证据 from the page: a photo or file (multipart `as`, `file`) sent to the bot in the
   * person's direct chat, as a Feishu image or file message would be. Too large or of a type that
   * is not evidence: refused with the reason, nothing stored.
   */
  app.post('/api/upload', bodyLimit({ maxSize: EVIDENCE_MAX_BYTES + 64 * 1024, onError: (c) => c.json({ error: tooLarge }, 413) }), async (c) => {
    const form = await c.req.formData().catch(() => undefined);
    const as = form?.get('as');
    const file = form?.get('file');
    if (typeof as !== 'string' || !as || as.length > 64) return c.json({ error: '缺少身份：请在页面上方“我是”中选择一位人员。' }, 400);
    if (!(file instanceof File)) return c.json({ error: '请选择要上传的照片或文件。' }, 400);
    const refusal = evidenceRefusal({ name: file.name, contentType: file.type, size: file.size });
    if (refusal) return c.json({ error: refusal }, 400);
    const contentType = evidenceType(file.name, file.type)!;
    const base64 = Buffer.from(await file.arrayBuffer()).toString('base64');
    const message = await deps.messenger.addUserFile(`dm:${as}`, as, { name: file.name, mediaType: contentType, base64 });
    const reply = await deps.sink({
      type: 'upload',
      dedupeKey: `local:upload:${message.id}`,
      actor: { platform: 'local', accountId: as },
      chat: { platform: 'local', id: `dm:${as}`, kind: 'direct' },
      upload: {
        source: `local:${message.id}`,
        kind: contentType.startsWith('image/') ? 'image' : 'file',
        name: file.name,
        local: { messageId: message.id },
      },
    });
    await deps.flush();
    return c.json({ ok: true, toast: reply.toast });
  });

  return app;
}

const tooLarge = `文件超过 ${EVIDENCE_MAX_BYTES / 1048576} MB 的上限，未上传：请压缩后重新发送，或分成几份。`;

/** The ASCII fallback of a Chinese file name, for old clients: its extension kept. */
function asciiName(name: string): string {
  const ascii = name.replace(/[^\w.-]+/g, '_');
  return /[A-Za-z0-9]/.test(ascii.replace(/\.[^.]*$/, '')) ? ascii : `file${/\.[A-Za-z0-9]+$/.exec(name)?.[0] ?? ''}`;
}

function unknownIdentity(as: string): string {
  return `人员名录中没有“${as.slice(0, 64)}”这个身份，已按局领导身份显示；可在页面上方“我是”中另选。`;
}
