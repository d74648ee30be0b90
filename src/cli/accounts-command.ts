import { basename } from 'node:path';
import type { Platform } from '../app/ports/messenger';
import { linkPersonAccount } from '../app/use-cases/link-account';
import { listPeopleOn } from '../app/use-cases/list-people';
import { unlinkPersonAccount } from '../app/use-cases/unlink-account';
import { loadConfig } from '../config';
import { silentLogger } from '../logger';
import { createDingtalkMessengerFor, createFeishuMessengerFor } from '../runtime';
import { parseAccountFile } from '../import/accounts';
import { givenId, type OpenIdResolver } from './account-ids';
import { importAccountRows } from './accounts-import';
import { resolveAgencyId } from './agency-option';
import { EXIT_FAILURE, EXIT_OK, readInputFile, type CliCommand, type CliIo, usageError } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';
import { badPlatformId, PLATFORM_REQUIRED, platformOf } from './platform-option';
import { runAsOperator } from './run-as-operator';
import { finish, printRefusal } from './use-case-output';

const USAGE = [
  '用法：',
  '  accounts link --platform feishu --person <本地ID|执法证号|姓名> --account <open_id> [--agency <单位编号>]',
  '        关联一个人员的账号（首个管理员须用此命令关联，之后管理员可在群里 /link）',
  '  accounts unlink --platform feishu --person <本地ID|执法证号|姓名> [--agency <单位编号>]',
  '        解除一个人员在该平台的账号关联（群里的 /unlink 不能解除自己，命令行可以）',
  '  accounts list --platform feishu [--agency <单位编号>]',
  '        列出本单位人员在该平台的账号关联情况（同群里的 /people）',
  '  accounts import <文件.csv|xlsx> --platform feishu|dingtalk [--agency <单位编号>]',
  '        批量关联：列为 姓名或执法证号, 手机号, 邮箱, open_id, 钉钉UserID（每行至少填一项）。',
  '        飞书：按 open_id，或手机号/邮箱经飞书通讯录查找（需 FEISHU_APP_ID 等配置）；',
  '        钉钉：按 钉钉UserID，或手机号经钉钉通讯录查找（需 DINGTALK_APP_KEY 等配置）。',
  '        任何一行有问题则全部不保存，并逐行说明（行、列、内容、原因）。',
  '  只有一个单位时可省略 --agency。命令行以该单位管理员的身份操作，审计日志记为 cli。',
].join('\n');

type Sub = 'link' | 'unlink' | 'list' | 'import';
type Flags = Record<string, string>;

/** What is wrong with the arguments of a sub-command, or undefined. */
function argumentProblem(sub: Sub, platform: Platform, flags: Flags, positional: string[]): string | undefined {
  if (flags['agency'] !== undefined && !/^\d+$/.test(flags['agency'])) return '--agency 应为单位编号（数字）。';
  if (sub === 'import')
    return positional.length !== 1 || flags['person'] || flags['account'] ? 'accounts import 需要一个文件名（不用 --person、--account）。' : undefined;
  if (positional.length) return `多余的参数：${positional.join(' ')}。`;
  if (sub === 'list') return flags['person'] || flags['account'] ? 'accounts list 不用 --person、--account。' : undefined;
  if (!flags['person']) return `accounts ${sub} 需要 --person。`;
  if (sub === 'unlink') return flags['account'] ? 'accounts unlink 不用 --account（解除该人员在该平台的账号）。' : undefined;
  if (!flags['account']) return 'accounts link 需要 --account。';
  return badPlatformId(platform, 'account', flags['account']);
}

/** The platform's contact lookup from the environment's FEISHU_* or DINGTALK_* settings, when they are set. */
function resolverFromConfig(platform: Platform): OpenIdResolver | undefined {
  const config = loadConfig();
  if (platform === 'dingtalk' && config.dingtalk) {
    const messenger = createDingtalkMessengerFor(config.dingtalk, silentLogger);
    return (mobiles) => messenger.resolveUserIds(mobiles);
  }
  if (platform !== 'feishu' || !config.feishu) return undefined;
  const messenger = createFeishuMessengerFor(config.feishu, silentLogger);
  return (mobiles, emails) => messenger.resolveOpenIds(mobiles, emails);
}

async function importFile(
  io: CliIo,
  ctx: CliContext,
  input: { file: string; platform: Platform; agency: string | undefined; resolver: (platform: Platform) => OpenIdResolver | undefined },
): Promise<number> {
  const data = readInputFile(input.file, io);
  if (data === undefined) return EXIT_FAILURE;
  const parsed = await parseAccountFile({ data: new Uint8Array(data), filename: basename(input.file) });
  if (!parsed.ok) {
    printRefusal(io, parsed.errors.join('\n'));
    return EXIT_FAILURE;
  }
  const agencyId = await resolveAgencyId(ctx, io, input.agency);
  if (agencyId === undefined) return EXIT_FAILURE;
  const resolve = parsed.rows.some((r) => !givenId(r, input.platform)) ? input.resolver(input.platform) : undefined;
  const outcome = await importAccountRows(ctx, { rows: parsed.rows, platform: input.platform, agencyId, ...(resolve ? { resolve } : {}) });
  if (!outcome.ok) {
    printRefusal(io, outcome.refusal);
    return EXIT_FAILURE;
  }
  io.out(`导入完成：新关联 ${outcome.value.linked} 人，已是相同关联 ${outcome.value.unchanged} 人。`);
  return EXIT_OK;
}

/**
 * `accounts`: link, unlink and list messenger accounts, and import them in bulk. Runs the same
 * use cases as `/link`, `/unlink` and `/people` in the chat, as the CLI operator (an administrator
 * of the agency chosen with `--agency`), each in one transaction with its audit entry.
 */
export function createAccountsCommand(deps: { resolver?: (platform: Platform) => OpenIdResolver | undefined } = {}): CliCommand<CliContext> {
  return {
    name: 'accounts',
    summary: '人员账号：关联（link）、解除（unlink）、查看（list）、批量导入（import）',
    usage: USAGE,
    async run(args, io, ctx) {
      const usage = (why: string) => usageError(io, USAGE, why);
      const [name, ...rest] = args;
      const sub = (['link', 'unlink', 'list', 'import'] as const).find((s) => s === name);
      if (!sub) return usage(name ? `未知的子命令“${name}”。` : '缺少子命令。');
      const parsed = parseFlags(rest, ['platform', 'person', 'account', 'agency']);
      if (!parsed.ok) return usage(parsed.error);
      const { flags, positional } = parsed;
      const platform = platformOf(flags['platform']);
      if (!platform) return usage(PLATFORM_REQUIRED);
      const problem = argumentProblem(sub, platform, flags, positional);
      if (problem) return usage(problem);
      if (sub === 'import')
        return importFile(io, ctx, { file: positional[0]!, platform, agency: flags['agency'], resolver: deps.resolver ?? resolverFromConfig });
      const agencyId = await resolveAgencyId(ctx, io, flags['agency']);
      if (agencyId === undefined) return EXIT_FAILURE;
      // argumentProblem has checked that link has --person and --account, and unlink --person.
      const outcome = await runAsOperator(ctx, { kind: 'cli', agencyId }, (uc) => {
        if (sub === 'list') return listPeopleOn(uc, platform);
        const personKey = flags['person']!;
        if (sub === 'unlink') return unlinkPersonAccount(uc, { platform, personKey });
        return linkPersonAccount(uc, { platform, personKey, account: { accountId: flags['account']! } });
      });
      return finish(io, outcome);
    },
  };
}

export const accountsCommand = createAccountsCommand();
