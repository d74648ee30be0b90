import { systemClock } from '../app/ports/clock';
import type { Store } from '../app/ports/store';
import { createDrizzleStore } from '../db/store';
import type { CliContext } from './commands';

/** The store of the CLI's database: the CLI reads and writes through the same ports as the chat. */
export async function cliStore(ctx: CliContext): Promise<Store> {
  return createDrizzleStore((await ctx.openDatabase()).db, systemClock);
}
