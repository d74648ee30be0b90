import type { CliShell, Operator, OperatorContext } from '../app/operator';
import { systemClock } from '../app/ports/clock';
import { AppError, type AppEnv } from '../app/use-case';
import { createDrizzleStore } from '../db/store';
import { cryptoRandom } from '../deps';
import type { CliContext } from './commands';
import { spreadsheetWriter } from '../export/workbook';

/** What a use case run from the command line gave: its value, or the Chinese reason it refused. */
export type CliOutcome<T> = { ok: true; value: T } | { ok: false; refusal: string };

/**
 * Runs use cases from the command line the way the chat router runs them for a person: all of
 * `work` in one `store.transaction`, so its writes, audit entries and outbox messages commit
 * together (the server's outbox sender delivers the messages), and a refusal (`AppError`) rolls
 * everything back and comes back for the command to print. Other errors are bugs and propagate.
 */
export async function runAsOperator<O extends Operator | CliShell, T>(
  ctx: CliContext,
  operator: O,
  work: (uc: OperatorContext<O>) => Promise<T>,
): Promise<CliOutcome<T>> {
  const env: AppEnv = { clock: systemClock, random: cryptoRandom, drawKey: ctx.drawKey(), spreadsheets: spreadsheetWriter };
  const store = createDrizzleStore((await ctx.openDatabase()).db, env.clock);
  try {
    return { ok: true, value: await store.transaction((repos) => work({ repos, env, operator })) };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, refusal: error.message };
    throw error;
  }
}
