import type { Database } from '../db/client';
import type { CliCommand } from './command';
import { accountsCommand } from './accounts-command';
import { auditCommand } from './audit-command';
import { chatsCommand } from './chats-command';
import { dbCommand } from './db-command';
import { directoryCommand } from './directory-command';
import { drawCommand } from './draw-command';
import { planCommand } from './plan-command';
import { seedCommand } from './seed-command';
import { holidaysCommand, workdaysWithDatabase } from './holidays-command';

/** What CLI commands may ask for; commands that need no database never open one. */
export interface CliContext {
  openDatabase(): Promise<Database>;
}

export function cliCommands(): CliCommand<CliContext>[] {
  return [
    dbCommand,
    seedCommand,
    directoryCommand,
    planCommand,
    drawCommand,
    workdaysWithDatabase,
    holidaysCommand,
    auditCommand,
    accountsCommand,
    chatsCommand,
  ];
}
