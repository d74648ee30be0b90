import { verifyAuditChain } from '../db/repos/audit-repo';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';

export const auditCommand: CliCommand<CliContext> = {
  name: 'audit',
  summary: 'audit log: verify the hash chain',
  usage: 'npm run cli -- audit verify   walk the audit hash chain and name the first broken link',
  async run(args, io, ctx) {
    if (args[0] !== 'verify' || args.length !== 1) {
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
