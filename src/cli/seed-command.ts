import { systemClock } from '../app/ports/clock';
import { ensureCatalog } from '../db/seed/catalog';
import { seedDemoIfEmpty } from '../db/seed/demo';
import { shanghaiDate } from '../domain/workdays';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';

export const seedCommand: CliCommand<CliContext> = {
  name: 'seed',
  summary: '演示数据：向空数据库载入虚构的偃师区数据（demo）',
  usage: '用法：npm run cli -- seed demo   载入演示数据（数据库中已有单位时拒绝）',
  async run(args, io, ctx) {
    if (args[0] !== 'demo' || args.length !== 1) {
      io.err(args.length ? `无法识别“seed ${args.join(' ')}”。` : '缺少子命令。');
      io.err(this.usage);
      return EXIT_USAGE;
    }
    const database = await ctx.openDatabase();
    await ensureCatalog(database.db);
    const now = systemClock.now();
    const result = await seedDemoIfEmpty(database.db, shanghaiDate(now), now);
    if (!result.seeded) {
      // seedDemoIfEmpty refuses for one reason only: an agency exists (its English reason is for the server log).
      io.err('未载入演示数据：数据库中已有单位。演示数据不会写入已有真实数据的数据库。');
      return EXIT_FAILURE;
    }
    io.out(`已将演示数据载入 ${database.driver}（${database.location}）。`);
    return EXIT_OK;
  },
};
