import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { EVIDENCE_MAX_BYTES, evidenceRefusal, evidenceType } from '../../domain/evidence/limits';
import type { EvidenceStore } from '../../app/ports/evidence-store';
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
  /** Where the files shown in the chat are kept (documents sent, evidence uploaded). */
  files?: EvidenceStore;
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
    if (!deps.files) return c.json({ error: '本实例未配置文件存储。' }, 503);
    const contentType = evidenceType(file.name, file.type)!;
    const stored = await deps.files.put(new Uint8Array(await file.arrayBuffer()), contentType);
    const shown = { name: file.name, sha256: stored.sha256, contentType, size: stored.size };
    const message = await deps.messenger.addUserFile(`dm:${as}`, as, shown);
    const reply = await deps.sink({
      type: 'upload',
      dedupeKey: `local:upload:${message.id}`,
      actor: { platform: 'local', accountId: as },
      chat: { platform: 'local', id: `dm:${as}`, kind: 'direct' },
      upload: {
        source: `local:${message.id}`,
        kind: contentType.startsWith('image/') ? 'image' : 'file',
        name: file.name,
        stored: { sha256: stored.sha256, contentType },
      },
    });
    await deps.flush();
    return c.json({ ok: true, toast: reply.toast });
  });

  /** A file shown in a chat the person can see (group or his own direct chat), as a download. */
  app.get('/api/files/:sha256', async (c) => {
    const as = c.req.query('as') ?? '';
    const sha = c.req.param('sha256');
    const visible = [...deps.messenger.conversation('group'), ...deps.messenger.conversation(`dm:${as}`)].find((m) => m.file?.sha256 === sha);
    const stored = visible && (await deps.files?.get(sha));
    if (!visible?.file || !stored) return c.json({ error: '找不到这个文件，或它不在你的会话中。' }, 404);
    return new Response(Uint8Array.from(stored.bytes), {
      headers: {
        'content-type': visible.file.contentType,
        'content-length': String(stored.size),
        'content-disposition': `attachment; filename="file"; filename*=UTF-8''${encodeURIComponent(visible.file.name)}`,
        'x-content-type-options': 'nosniff',
      },
    });
  });
  return app;
}

const tooLarge = `文件超过 ${EVIDENCE_MAX_BYTES / 1048576} MB 的上限，未上传：请压缩后重新发送，或分成几份。`;

function unknownIdentity(as: string): string {
  return `人员名录中没有“${as.slice(0, 64)}”这个身份，已按局领导身份显示；可在页面上方“我是”中另选。`;
}
