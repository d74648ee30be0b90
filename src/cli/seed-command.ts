import { systemClock } from '../app/ports/clock';
import { ensureCatalog } from '../db/seed/catalog';
import { seedDemoIfEmpty } from '../db/seed/demo';
import { shanghaiDate } from '../domain/workdays';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';

export const seedCommand: CliCommand<CliContext> = {
  name: 'seed',
  summary: 'load the fictional 偃师区 demo data into an empty database',
  usage: 'npm run cli -- seed demo   load the demo data (refused when the database already holds an agency)',
  async run(args, io, ctx) {
    if (args[0] !== 'demo' || args.length !== 1) {
      io.err(this.usage);
      return EXIT_USAGE;
    }
    const database = await ctx.openDatabase();
    await ensureCatalog(database.db);
    const now = systemClock.now();
    const result = await seedDemoIfEmpty(database.db, shanghaiDate(now), now);
    if (!result.seeded) {
      io.err(`demo data not loaded: ${result.reason}. Demo data never goes into a database that holds real data.`);
      return EXIT_FAILURE;
    }
    io.out(`demo data loaded into ${database.driver} (${database.location})`);
    return EXIT_OK;
  },
};
