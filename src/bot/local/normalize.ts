import { z } from 'zod';
import type { InboundEvent } from '../../app/ports/inbound-event';

/**
 * Every message a person can see is Chinese: each field names its own problem, and a body that
 * is not JSON at all gets one sentence ({@link BAD_BODY}) instead of zod's English defaults.
 */
const BAD_BODY = '请求格式不对，请刷新页面后重试。';
const as = z.string({ error: '缺少身份：请在页面上方“我是”中选择一位人员。' }).min(1, '缺少身份：请在页面上方“我是”中选择一位人员。').max(64, '身份编号过长。');
const say = z.object(
  {
    as,
    conversation: z.enum(['group', 'dm'], { error: '会话只能是工作群（group）或私聊（dm）。' }),
    text: z.string({ error: '消息应为文字。' }).trim().min(1, '消息不能为空').max(2000, '消息不超过 2000 字'),
  },
  { error: BAD_BODY },
);
const act = z.object(
  {
    as,
    messageId: z.string().min(1).max(32),
    action: z.string().min(1).max(64),
    payload: z.record(z.string(), z.string()),
    values: z.record(z.string(), z.string()).optional(),
    /** One per click, from the page; a double click sends two, and the use cases make them one. */
    nonce: z.string().min(8).max(64),
  },
  { error: BAD_BODY },
);

const upload = z.object(
  {
    as,
    name: z
      .string({ error: '缺少文件名。' })
      .trim()
      .min(1, '缺少文件名。')
      .max(200, '文件名不超过 200 字。')
      .refine((n) => !/[\\/]/.test(n), '文件名不能含有路径。'),
  },
  { error: BAD_BODY },
);

export type LocalSay = z.infer<typeof say>;
export type LocalAct = z.infer<typeof act>;
type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseSay(body: unknown): Parsed<LocalSay> {
  const r = say.safeParse(body);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: [...new Set(r.error.issues.map((i) => i.message))].join('；') };
}

/** A click is built by the page, never typed: any problem but a missing identity is one sentence. */
export function parseAct(body: unknown): Parsed<LocalAct> {
  const r = act.safeParse(body);
  if (r.success) return { ok: true, value: r.data };
  const noIdentity = r.error.issues.find((i) => i.path[0] === 'as');
  return { ok: false, error: noIdentity?.message ?? BAD_BODY };
}

/** An upload's identity and file name (from the query; the body is the file). */
export function parseUpload(query: unknown): Parsed<z.infer<typeof upload>> {
  const r = upload.safeParse(query);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: [...new Set(r.error.issues.map((i) => i.message))].join('；') };
}

/** A file uploaded in a person's direct chat → a file event, as a Feishu file message becomes. */
export function normalizeUpload(as: string, messageId: string, name: string): InboundEvent {
  return {
    type: 'file',
    dedupeKey: `local:msg:${messageId}`,
    actor: { platform: 'local', accountId: as },
    chat: { platform: 'local', id: `dm:${as}`, kind: 'direct' },
    file: { name, key: messageId, messageId },
  };
}

export function conversationName(as: string, conversation: 'group' | 'dm'): string {
  return conversation === 'group' ? 'group' : `dm:${as}`;
}

/** A message typed in the simulator → a command event, as a platform message would become. */
export function normalizeSay(v: LocalSay, messageId: string): InboundEvent {
  return {
    type: 'command',
    dedupeKey: `local:msg:${messageId}`,
    actor: { platform: 'local', accountId: v.as },
    chat: { platform: 'local', id: conversationName(v.as, v.conversation), kind: v.conversation === 'group' ? 'group' : 'direct' },
    text: v.text,
  };
}

/** A click or form submit on a card in conversation `conversation`. */
export function normalizeAct(v: LocalAct, conversation: string): InboundEvent {
  const base = {
    dedupeKey: `local:act:${v.nonce}`,
    actor: { platform: 'local' as const, accountId: v.as },
    chat: { platform: 'local' as const, id: conversation, kind: conversation === 'group' ? ('group' as const) : ('direct' as const) },
    action: v.action,
    payload: v.payload,
    messageId: v.messageId,
  };
  return v.values ? { type: 'form', ...base, values: v.values } : { type: 'action', ...base };
}
