/**
 * The outbox for administrators: `/outbox` lists what was not delivered (a platform refusal,
 * retries run out, or still being retried), with 重发 and 放弃 on each message.
 */
import { z } from 'zod';
import { abandonMessage } from '../use-cases/abandon-message';
import { listUndelivered } from '../use-cases/list-undelivered';
import { resendMessage } from '../use-cases/resend-message';
import { action, anyValues, command, idField, noArguments } from './entry';

const ADMIN_ONLY = { roles: ['admin'] as const, does: '处理未送达的消息' };
const messageButton = z.object({ payload: z.object({ messageId: idField('messageId') }), values: anyValues }).transform((d) => d.payload);

export const outboxCommands = [
  command({
    words: ['outbox', '未送达'],
    help: { usage: '/outbox', summary: '查看未送达的消息，重发或放弃（限管理员）' },
    places: ['group', 'direct'],
    permission: ADMIN_ONLY,
    parse: noArguments,
    run: (ctx) => listUndelivered(ctx),
  }),
];

export const outboxActions = [
  action({ name: 'outbox.resend', permission: ADMIN_ONLY, input: messageButton, run: resendMessage }),
  action({ name: 'outbox.abandon', permission: ADMIN_ONLY, input: messageButton, run: abandonMessage }),
];
