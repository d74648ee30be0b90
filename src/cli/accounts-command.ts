import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Platform } from '../app/ports/messenger';
import { systemClock } from '../app/ports/clock';
import { createFeishuMessenger } from '../bot/feishu/client';
import { loadConfig } from '../config';
import { createDrizzleStore } from '../db/store';
import { parseAccountFile } from '../import/accounts';
import { AdminError, PLATFORMS, importAccounts, linkAccountFromCli, type OpenIdResolver } from './account-admin';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';

const USAGE = [
  '用法：',
  '  accounts link --platform feishu --person <本地ID|执法证号|姓名> --account <open_id>',
  '        关联一个人员的账号（首个管理员须用此命令关联，之后管理员可在群里 /link）',
  '  accounts import <文件.csv|xlsx> --platform feishu',
  '        批量关联：列为 姓名或执法证号, 手机号, 邮箱, open_id；手机号/邮箱经飞书通讯录查 open_id',
  '        （需 FEISHU_APP_ID 等配置）。任何一行有问题则全部不保存，并逐行说明。',
].join('\n');

/** The Feishu contact lookup from the environment's FEISHU_* settings, when they are set. */
function resolverFromConfig(): OpenIdResolver | undefined {
  const feishu = loadConfig().feishu;
  if (!feishu) return undefined;
  const messenger = createFeishuMessenger({ appId: feishu.appId, appSecret: feishu.appSecret, baseUrl: feishu.baseUrl });
  return (mobiles, emails) => messenger.resolveOpenIds(mobiles, emails);
}

/** `accounts`: link messenger accounts to people (administrators; audited). */
export function createAccountsCommand(deps: { resolver?: () => OpenIdResolver | undefined } = {}): CliCommand<CliContext> {
  return {
    name: 'accounts',
    summary: '人员账号：关联（link）、批量导入（import）',
    usage: USAGE,
    async run(args, io, ctx) {
      const [sub, ...rest] = args;
      const parsed = parseFlags(rest, ['platform', 'person', 'account']);
      const usage = (why: string) => {
        io.err(why);
        io.err(USAGE);
        return EXIT_USAGE;
      };
      if (!parsed.ok) return usage(parsed.error);
      const { flags, positional } = parsed;
      const platform = flags['platform'] as Platform | undefined;
      if (!platform || !PLATFORMS.includes(platform)) return usage(`请用 --platform 指定平台：${PLATFORMS.join(' / ')}。`);
      try {
        if (sub === 'link') {
          if (!flags['person'] || !flags['account'] || positional.length) return usage('accounts link 需要 --person 和 --account。');
          const store = createDrizzleStore((await ctx.openDatabase()).db, systemClock);
          io.out(await linkAccountFromCli(store, { platform, person: flags['person'], account: flags['account'] }));
          return EXIT_OK;
        }
        if (sub === 'import') {
          if (positional.length !== 1 || flags['person'] || flags['account']) return usage('accounts import 需要一个文件名。');
          const file = positional[0]!;
          const parsedFile = await parseAccountFile({ data: new Uint8Array(await readFile(file)), filename: basename(file) });
          if (!parsedFile.ok) throw new AdminError(parsedFile.errors);
          const store = createDrizzleStore((await ctx.openDatabase()).db, systemClock);
          const rows = parsedFile.rows;
          const needsLookup = rows.some((r) => !r.openId);
          const result = await importAccounts(store, rows, platform, needsLookup ? (deps.resolver ?? resolverFromConfig)() : undefined);
          io.out(`导入完成：新关联 ${result.linked} 人，已是相同关联 ${result.unchanged} 人。`);
          return EXIT_OK;
        }
      } catch (error) {
        if (!(error instanceof AdminError)) throw error;
        io.err(`未保存任何内容：\n${error.problems.map((p) => `  - ${p}`).join('\n')}`);
        return EXIT_FAILURE;
      }
      return usage(sub ? `未知的子命令“${sub}”。` : '缺少子命令。');
    },
  };
}

export const accountsCommand = createAccountsCommand();
