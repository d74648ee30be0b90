import { bindChatToAgency } from '../app/use-cases/bind-chat';
import { resolveAgencyId } from './agency-option';
import { EXIT_FAILURE, type CliCommand, usageError } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';
import { badPlatformId, PLATFORM_REQUIRED, platformOf } from './platform-option';
import { runAsOperator } from './run-as-operator';
import { finish } from './use-case-output';

const USAGE = [
  '用法：',
  '  chats bind --platform feishu --chat <chat_id> [--agency <单位编号>]',
  '        将群绑定到单位（只有一个单位时可省略 --agency）。通常由管理员在群里发送 /bind 完成。',
].join('\n');

/**
 * `chats bind`: binds a group chat to an agency from the shell, through the same use case as
 * `/bind` in the chat (same rules, same audit entry), as the CLI operator.
 */
export const chatsCommand: CliCommand<CliContext> = {
  name: 'chats',
  summary: '工作群：绑定到单位（bind）',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    const usage = (why: string) => usageError(io, USAGE, why);
    if (sub !== 'bind') return usage(sub ? `未知的子命令“${sub}”。` : '缺少子命令。');
    const parsed = parseFlags(rest, ['platform', 'chat', 'agency']);
    if (!parsed.ok) return usage(parsed.error);
    const { chat, agency } = parsed.flags;
    const platform = platformOf(parsed.flags['platform']);
    if (!platform) return usage(PLATFORM_REQUIRED);
    if (!chat || parsed.positional.length) return usage('请用 --chat 指定群的 chat_id。');
    const badChat = badPlatformId(platform, 'chat', chat);
    if (badChat) return usage(badChat);
    if (agency !== undefined && !/^\d+$/.test(agency)) return usage('--agency 应为单位编号（数字）。');
    const agencyId = await resolveAgencyId(ctx, io, agency);
    if (agencyId === undefined) return EXIT_FAILURE;
    return finish(io, await runAsOperator(ctx, { kind: 'cli', agencyId }, (uc) => bindChatToAgency(uc, { platform, chatId: chat })));
  },
};
