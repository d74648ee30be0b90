import type { OutboxInput, OutboxRepo, Repos } from '../app/ports/store';

/**
 * The repos of a unit of work whose outbox collects what is queued and inserts it in one
 * statement at `flush` (the end of the unit), instead of one statement per reply: several
 * deliveries handled in one transaction then cost one outbox insert between them. Any other use
 * of the outbox in the meantime (`queuedKeys`, a 重发) flushes first, so it sees what was queued.
 */
export function bufferOutbox(repos: Repos): { repos: Repos; flush(): Promise<void> } {
  const { outbox } = repos;
  let queued: OutboxInput[] = [];
  async function flush(): Promise<void> {
    if (!queued.length) return;
    const items = queued;
    queued = [];
    await outbox.enqueue(items);
  }
  const flushed =
    <A extends unknown[], R>(method: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await flush();
      return method(...args);
    };
  const buffered: OutboxRepo = {
    async enqueue(items) {
      queued.push(...items);
    },
    queuedKeys: flushed((keys) => outbox.queuedKeys(keys)),
    undelivered: flushed((agencyId, limit) => outbox.undelivered(agencyId, limit)),
    resend: flushed((agencyId, id, now) => outbox.resend(agencyId, id, now)),
    abandon: flushed((agencyId, id) => outbox.abandon(agencyId, id)),
  };
  return { repos: { ...repos, outbox: buffered }, flush };
}
