import { PLATFORM_NAMES } from '../labels';
import type { UndeliveredMessage } from '../ports/outbox';
import type { CardButton, CardView } from '../views/card-view';

/** Cards show at most this many messages (two buttons each); the rest are counted. */
export const OUTBOX_CARD_LIMIT = 10;

const STATUS_LABELS: Record<UndeliveredMessage['status'], string> = { failed: '已停止重试', pending: '重试中', sending: '发送中' };

export interface UndeliveredLine {
  message: UndeliveredMessage;
  /** Who it was for, as an administrator recognises it. */
  recipient: string;
  /** A short description of the message. */
  what: string;
}

/** `/outbox`: the agency's undelivered messages, each with 重发 and 放弃. */
export function undeliveredCard(lines: UndeliveredLine[], total: number, note?: string): CardView {
  const actions: CardButton[] = lines.flatMap(({ message }) => [
    { label: `重发 #${message.id}`, style: 'primary' as const, action: 'outbox.resend' as const, payload: { messageId: String(message.id) } },
    { label: `放弃 #${message.id}`, style: 'danger' as const, action: 'outbox.abandon' as const, payload: { messageId: String(message.id) } },
  ]);
  return {
    key: 'outbox',
    title: total === 0 ? '消息投递：全部送达' : `未送达的消息（${total} 条）`,
    tone: total === 0 ? 'success' : lines.some((l) => l.message.status === 'failed') ? 'danger' : 'warning',
    sections: [
      ...(note ? [{ type: 'text' as const, text: note }] : []),
      ...(total === 0
        ? [{ type: 'text' as const, text: '没有未送达的消息。' }]
        : [
            {
              type: 'table' as const,
              columns: ['编号', '平台', '收件人', '内容', '状态', '原因'],
              rows: lines.map(({ message: m, recipient, what }) => [
                `#${m.id}`,
                PLATFORM_NAMES[m.to.platform],
                recipient,
                what,
                `${STATUS_LABELS[m.status]}（已尝试 ${m.attempts} 次）`,
                (m.lastError ?? '').slice(0, 80),
              ]),
            },
            ...(total > lines.length ? [{ type: 'text' as const, text: `另有 ${total - lines.length} 条未列出，处理后再发送 /outbox 查看。` }] : []),
            { type: 'text' as const, text: '重发：立即再试一次并重新计算重试期限；放弃：不再发送（记入审计日志）。' },
          ]),
    ],
    ...(actions.length ? { actions } : {}),
  };
}
