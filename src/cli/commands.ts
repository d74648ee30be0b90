import type { Database } from '../db/client';
import type { CliCommand } from './command';
import { auditCommand } from './audit-command';
import { dbCommand } from './db-command';

/** What CLI commands may ask for; commands that need no database never open one. */
export interface CliContext {
  openDatabase(): Promise<Database>;
}

export function cliCommands(): CliCommand<CliContext>[] {
  return [dbCommand, auditCommand];
}
