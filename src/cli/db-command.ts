import { EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';

export const dbCommand: CliCommand<CliContext> = {
  name: 'db',
  summary: 'database: migrate',
  usage: 'npm run cli -- db migrate   apply the migrations (DATABASE_URL, or PGlite in DATA_DIR)',
  async run(args, io, ctx) {
    if (args[0] !== 'migrate' || args.length !== 1) {
      io.err(this.usage);
      return EXIT_USAGE;
    }
    const database = await ctx.openDatabase();
    io.out(`migrations applied on ${database.driver} (${database.location})`);
    return EXIT_OK;
  },
};
