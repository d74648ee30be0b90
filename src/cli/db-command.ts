import { ensureCatalog } from '../db/seed/catalog';
import { EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';

export const dbCommand: CliCommand<CliContext> = {
  name: 'db',
  summary: '数据库：执行迁移（migrate）',
  usage: '用法：npm run cli -- db migrate   执行数据库迁移并写入检查事项目录（设置了 DATABASE_URL 时用 PostgreSQL，否则用 DATA_DIR 中的 PGlite）',
  async run(args, io, ctx) {
    if (args[0] !== 'migrate' || args.length !== 1) {
      io.err(args.length ? `无法识别“db ${args.join(' ')}”。` : '缺少子命令。');
      io.err(this.usage);
      return EXIT_USAGE;
    }
    const database = await ctx.openDatabase();
    // The check items ship with the code: written here too, since a Worker writes nothing at start.
    await ensureCatalog(database.db);
    io.out(`已在 ${database.driver}（${database.location}）上完成数据库迁移。`);
    return EXIT_OK;
  },
};
