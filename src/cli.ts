import { ConfigError, loadConfig } from './config';
import { EXIT_FAILURE, EXIT_USAGE, type CliCommand, type CliIo } from './cli/command';
import { cliCommands, type CliContext } from './cli/commands';
import { openDatabase, type Database } from './db/client';

/** `npm run cli -- <command> …`: exit 0 ok, 1 failure, 2 bad usage. */
const io: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

function helpText(commands: CliCommand<CliContext>[]): string {
  const lines = ['Usage: npm run cli -- <command> [arguments]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `npm run cli -- <command> --help` for the usage of one command.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const commands = cliCommands();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText(commands));
    return name ? 0 : EXIT_USAGE;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${helpText(commands)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  let database: Database | undefined;
  const ctx: CliContext = {
    openDatabase: async () => {
      if (!database) database = await openDatabase(loadConfig());
      return database;
    },
  };
  try {
    return await command.run(rest, io, ctx);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT_FAILURE;
    }
    io.err(error instanceof Error ? error.message : String(error));
    return EXIT_FAILURE;
  } finally {
    await database?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(EXIT_FAILURE);
  },
);
