import type { Logger } from './logger';
import { TIMED_OUT, withinBudget } from './within-budget';

/**
 * A queue worker's loop (the outbox sender, the inbox processor): drains run one after another
 * in this process, wake-ups coalesce (at most one extra drain waits behind the running one), a
 * timer wakes it while started, and halting waits a bounded time for the drain in progress.
 */
export function createDrainLoop<A extends unknown[]>(work: (...args: A) => Promise<number>, logger: Pick<Logger, 'error'>, what: string) {
  let chain: Promise<unknown> = Promise.resolve();
  let queued = false;
  let timer: NodeJS.Timeout | undefined;

  function drain(...args: A): Promise<number> {
    const run = chain.then(() => work(...args));
    chain = run.catch(() => undefined);
    return run;
  }

  function wake(): void {
    if (queued) return;
    queued = true;
    void drain(...([] as unknown as A))
      .catch((error: unknown) => logger.error(`${what} drain failed`, { error }))
      .finally(() => {
        queued = false;
      });
  }

  return {
    drain,
    wake,
    start(intervalMs = 1000): void {
      timer = setInterval(wake, intervalMs);
      timer.unref();
      wake();
    },
    /** Stops the timer and waits at most `graceMs` for the drain in progress; true when it finished. */
    async halt(graceMs: number): Promise<boolean> {
      if (timer) clearInterval(timer);
      return (await withinBudget(chain, graceMs)) !== TIMED_OUT;
    },
  };
}
