import type { Platform } from '../app/ports/messenger';
import { systemClock } from '../app/ports/clock';
import { createDrizzleStore } from '../db/store';
import { AdminError, PLATFORMS, bindChatFromCli } from './account-admin';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';
import { resolveAgencyId } from './agency-option';

const USAGE = [
  '用法：',
  '  chats bind --platform feishu --chat <chat_id> [--agency <单位编号>]',
  '        将群绑定到单位（只有一个单位时可省略 --agency）。通常由管理员在群里发送 /bind 完成。',
].join('\n');

/** `chats`: bind a group chat to an agency from the command line (audited). */
export const chatsCommand: CliCommand<CliContext> = {
  name: 'chats',
  summary: '工作群：绑定到单位（bind）',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    const parsed = parseFlags(rest, ['platform', 'chat', 'agency']);
    const usage = (why: string) => {
      io.err(why);
      io.err(USAGE);
      return EXIT_USAGE;
    };
    if (sub !== 'bind') return usage(sub ? `未知的子命令“${sub}”。` : '缺少子命令。');
    if (!parsed.ok) return usage(parsed.error);
    const { platform, chat, agency } = parsed.flags as { platform?: Platform; chat?: string; agency?: string };
    if (!platform || !PLATFORMS.includes(platform)) return usage(`请用 --platform 指定平台：${PLATFORMS.join(' / ')}。`);
    if (!chat || parsed.positional.length) return usage('请用 --chat 指定群的 chat_id。');
    if (platform === 'feishu' && !/^oc_\w+$/.test(chat)) return usage(`“${chat}”不像飞书群的 chat_id（以 oc_ 开头）。`);
    if (agency !== undefined && !/^\d+$/.test(agency)) return usage('--agency 应为单位编号（数字）。');
    const database = await ctx.openDatabase();
    const agencyId = await resolveAgencyId(ctx, io, agency);
    if (agencyId === undefined) return EXIT_FAILURE;
    try {
      io.out(await bindChatFromCli(createDrizzleStore(database.db, systemClock), { platform, chat, agencyId }));
      return EXIT_OK;
    } catch (error) {
      if (!(error instanceof AdminError)) throw error;
      io.err(`未保存：${error.message}`);
      return EXIT_FAILURE;
    }
  },
};
