import type { Clock } from '../app/ports/clock';
import type { Database } from '../db/client';
import type { CliCommand } from './command';
import { accountsCommand } from './accounts-command';
import { auditCommand } from './audit-command';
import { chatsCommand } from './chats-command';
import { dbCommand } from './db-command';
import { docsCommand } from './docs-command';
import { directoryCommand } from './directory-command';
import { drawCommand } from './draw-command';
import { exportCommand } from './export-command';
import { planCommand } from './plan-command';
import { seedCommand } from './seed-command';
import { holidaysCommand, workdaysWithDatabase } from './holidays-command';

/** What CLI commands may ask for; commands that need no database never open one. */
export interface CliContext {
  openDatabase(): Promise<Database>;
  /** The installation's draw key (DRAW_KEY or its key file), for commands that prepare or reveal draws. */
  drawKey(): Uint8Array;
  /**
   * The database as the role that owns the tables (MIGRATION_DATABASE_URL, else DATABASE_URL),
   * for what only the owner may do (`db grant-runtime`).
   */
  openOwnerDatabase?(): Promise<Database>;
  /** Today for what counts days (the export's overdue figures); the system clock unless a test fixes it. */
  clock?: Clock;
}

export function cliCommands(): CliCommand<CliContext>[] {
  return [
    dbCommand,
    seedCommand,
    directoryCommand,
    planCommand,
    drawCommand,
    exportCommand,
    workdaysWithDatabase,
    holidaysCommand,
    auditCommand,
    accountsCommand,
    chatsCommand,
    docsCommand,
  ];
}
