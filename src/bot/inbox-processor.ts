import { createDrainLoop } from '../drain-loop';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../app/ports/clock';
import type { Logger } from '../logger';
import type { InboxQueue } from '../app/ports/inbox';
import type { InboundEvent } from '../app/ports/inbound-event';
import type { InboundSink } from './inbound-sink';

/** What became of a delivery offered to the inbox. */
export type Acceptance = 'accepted' | 'duplicate' | 'full';

/** The backlog bound was reached: the platform is answered 503 and delivers again later. */
export class InboxFullError extends Error {
  constructor(readonly backlog: number) {
    super(`inbox full (${backlog} deliveries waiting)`);
    this.name = 'InboxFullError';
  }
}

export interface InboxProcessorDeps {
  inbox: InboxQueue;
  sink: InboundSink;
  clock: Clock;
  logger: Logger;
  /** Deliveries processed at once (default 4; PGlite runs one query at a time anyway). */
  concurrency?: number;
  /** Waiting deliveries beyond which new ones are refused (default 5000). */
  maxBacklog?: number;
  /** Seconds a claimed delivery stays leased before another processor may take it (crash recovery). */
  leaseSeconds?: number;
  processorId?: string;
}

/**
 * Acknowledged means recorded: a delivery is written to the inbox before the platform is
 * answered, and processed from there with bounded concurrency (never from an unbounded
 * in-memory queue). A crash in between loses nothing: the row is claimed again when its lease
 * runs out, or at once after a clean stop, and the router's dedupe makes a second run harmless.
 * Past `maxBacklog` waiting deliveries, new ones are refused (503: the platform retries) instead of
 * memory and delay growing without limit.
 */
export function createInboxProcessor(deps: InboxProcessorDeps) {
  const { inbox, clock, logger } = deps;
  const concurrency = Math.max(1, deps.concurrency ?? 4);
  const maxBacklog = deps.maxBacklog ?? 5000;
  const lease = deps.leaseSeconds ?? 60;
  const processorId = deps.processorId ?? `inbox-${randomBytes(6).toString('hex')}`;
  /** Waiting deliveries, counted here and re-read from the table when near the bound. */
  let backlog: number | undefined;
  let stopping = false;

  async function accept(event: InboundEvent): Promise<Acceptance> {
    backlog ??= await inbox.size();
    if (backlog >= maxBacklog) {
      backlog = await inbox.size();
      if (backlog >= maxBacklog) return 'full';
    }
    if (!(await inbox.add(event, clock.now()))) return 'duplicate';
    backlog++;
    return 'accepted';
  }

  async function processOne(id: number, event: InboundEvent, attempts: number): Promise<void> {
    try {
      await deps.sink(event);
      await inbox.done(id);
      if (backlog !== undefined) backlog = Math.max(0, backlog - 1);
    } catch (error) {
      const wait = Math.min(300, 2 ** attempts);
      logger.error('inbox: processing failed, will retry', { id, key: event.dedupeKey, attempt: attempts, inSeconds: wait, error });
      await inbox.retryLater(id, error instanceof Error ? error.message : String(error), new Date(clock.now().getTime() + wait * 1000)).catch(() => undefined);
    }
  }

  /**
   * Rows a worker claims at once (one statement), then handles one after another: up to 8 when
   * the backlog is deep (fewer claims), fewer when it is shallow, so every worker gets some.
   */
  const batchSize = () => Math.max(1, Math.min(8, Math.floor((backlog ?? 0) / concurrency)));

  /**
   * Processes what is due until nothing is (or the processor stops): `concurrency` workers, each
   * claiming a few rows at a time and handling them in order, so at most `concurrency`
   * deliveries run at once and no worker waits for another's slowest.
   */
  async function drainAll(): Promise<number> {
    let total = 0;
    const worker = async () => {
      while (!stopping) {
        const now = clock.now();
        const rows = await inbox.claim(now, new Date(now.getTime() + lease * 1000), batchSize(), processorId);
        if (rows.length === 0) return;
        for (const r of rows) {
          if (stopping) return; // the rest are released by stop()
          await processOne(r.id, r.event, r.attempts);
          total++;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return total;
  }

  /** One drain at a time in this process, so at most `concurrency` deliveries run at once. */
  const loop = createDrainLoop(drainAll, logger, 'inbox');
  const { drain, wake } = loop;

  return {
    accept,
    drain,
    wake,
    start: loop.start,
    /** Stops claiming, waits at most `graceMs` for deliveries in progress, then releases its claims. */
    async stop(graceMs = 5000): Promise<void> {
      stopping = true;
      await loop.halt(graceMs);
      const released = await inbox.release(processorId);
      if (released) logger.info('inbox: released unprocessed claims for the next start', { released });
    },
  };
}

export type InboxProcessor = ReturnType<typeof createInboxProcessor>;
