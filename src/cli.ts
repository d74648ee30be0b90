import { EXIT_FAILURE, EXIT_USAGE, type CliCommand, type CliIo } from './cli/command';
import { cliCommands, type CliContext } from './cli/commands';
import { errorText } from './cli/error-text';
import { loadConfig } from './config';
import { openDatabase, type Database } from './db/client';
import { loadDrawKey } from './draw-key';

/** `npm run cli -- <command> …`: exit 0 ok, 1 failure, 2 bad usage. */
const io: CliIo = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

function helpText(commands: CliCommand<CliContext>[]): string {
  const lines = ['用法：npm run cli -- <命令> [参数]', '', '命令：'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', '运行 npm run cli -- <命令> --help 查看该命令的用法。');
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
    io.err(`未知的命令“${name}”。\n\n${helpText(commands)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return 0;
  }
  let database: Database | undefined;
  let owner: Database | undefined;
  const ctx: CliContext = {
    openDatabase: async () => {
      if (!database) database = await openDatabase(loadConfig());
      return database;
    },
    drawKey: () => loadDrawKey(loadConfig(), { info: () => {}, warn: (t) => io.err(t) }),
    openOwnerDatabase: async () => {
      const config = loadConfig();
      if (!owner) owner = await openDatabase({ databaseUrl: config.migrationDatabaseUrl ?? config.databaseUrl, dataDir: config.dataDir });
      return owner;
    },
  };
  try {
    return await command.run(rest, io, ctx);
  } catch (error) {
    io.err(errorText(error));
    return EXIT_FAILURE;
  } finally {
    await database?.close();
    await owner?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${errorText(error)}\n`);
    process.exit(EXIT_FAILURE);
  },
);
