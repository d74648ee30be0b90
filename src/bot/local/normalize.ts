import { z } from 'zod';
import type { InboundEvent } from '../inbound-event';

const say = z.object({
  as: z.string().min(1).max(64),
  conversation: z.enum(['group', 'dm']),
  text: z.string().trim().min(1, '消息不能为空').max(2000, '消息不超过 2000 字'),
});
const act = z.object({
  as: z.string().min(1).max(64),
  messageId: z.string().min(1).max(32),
  action: z.string().min(1).max(64),
  payload: z.record(z.string(), z.string()),
  values: z.record(z.string(), z.string()).optional(),
  /** One per click, from the page; a double click sends two, and the use cases make them one. */
  nonce: z.string().min(8).max(64),
});

export type LocalSay = z.infer<typeof say>;
export type LocalAct = z.infer<typeof act>;

export function parseSay(body: unknown): { ok: true; value: LocalSay } | { ok: false; error: string } {
  const r = say.safeParse(body);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: r.error.issues.map((i) => i.message).join('；') };
}

export function parseAct(body: unknown): { ok: true; value: LocalAct } | { ok: false; error: string } {
  const r = act.safeParse(body);
  return r.success ? { ok: true, value: r.data } : { ok: false, error: '请求格式不对，请刷新页面后重试。' };
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
