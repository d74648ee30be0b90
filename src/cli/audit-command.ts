import { verifyAuditChain } from '../db/repos/audit-repo';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';

export const auditCommand: CliCommand<CliContext> = {
  name: 'audit',
  summary: '审计日志：校验哈希链（verify）',
  usage: '用法：npm run cli -- audit verify   逐条校验审计日志的哈希链，指出第一处断裂',
  async run(args, io, ctx) {
    if (args[0] !== 'verify' || args.length !== 1) {
      io.err(args.length ? `无法识别“audit ${args.join(' ')}”。` : '缺少子命令。');
      io.err(this.usage);
      return EXIT_USAGE;
    }
    const database = await ctx.openDatabase();
    const result = await verifyAuditChain(database.db);
    if (result.ok) {
      io.out(`OK：共 ${result.count} 条，哈希链完整（最后一条的哈希 ${result.lastHash}）`);
      return EXIT_OK;
    }
    io.out(`哈希链断裂于第 ${result.brokenAt} 条：${result.reason}`);
    return EXIT_FAILURE;
  },
};
