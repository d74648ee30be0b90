import { createDrainLoop } from '../drain-loop';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../app/ports/clock';
import type { Logger } from '../logger';
import type { InboxQueue } from '../app/ports/inbox';
import type { InboundEvent } from '../app/ports/inbound-event';
import type { InboundBatch, InboundSink } from './inbound-sink';

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
  /** Handles a claimed batch in one unit of work when it can (see InboundBatch); else each goes to `sink`. */
  batch?: InboundBatch;
  clock: Clock;
  logger: Logger;
  /** Deliveries processed at once (default 4; PGlite runs one query at a time anyway). */
  concurrency?: number;
  /** Waiting deliveries beyond which new ones are refused (default 5000). */
  maxBacklog?: number;
  /**
   * Let acknowledgements being written go before the next delivery is processed (PGlite: one
   * connection, where a delivery's 200 otherwise waited behind the processing until the platform's
   * 3 s ran out). The processing then falls behind instead, within the backlog bound.
   */
  acknowledgementsFirst?: boolean;
  /** Statements that may write acknowledgements at once (default 1; one per spare connection helps on PostgreSQL). */
  acknowledgementWriters?: number;
  /**
   * How long a delivery arriving at a full inbox waits for room before it is refused (default
   * 1000 ms, well inside Feishu's 3 s), and how many may wait at once (default 256; more are
   * refused at once). Under overload a platform then waits a moment instead of being refused
   * and sending again at once: answering refusals as fast as they came took the CPU the
   * processing needed (a minute of saturation on PostgreSQL processed under half of ten seconds').
   */
  admissionWaitMs?: number;
  maxAdmissionWaiters?: number;
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
  /** Waiting deliveries, counted here and re-read from the table when at the bound. */
  let backlog: number | undefined;
  /** When the table was last counted at the bound (a refusal does not count it again at once). */
  let countedFullAt = 0;
  let stopping = false;
  const admissionWait = deps.admissionWaitMs ?? 1000;
  const maxWaiters = deps.maxAdmissionWaiters ?? 256;
  /** Deliveries waiting for room (their wake-up, and their refusal at a stop), woken as processed ones leave. */
  const roomWaiters = new Map<() => void, () => void>();
  /**
   * Refusals since the last warning: one line every ten seconds at most, not one per delivery.
   * Those after a warning are counted in the next one, at most ten seconds later (or at a stop),
   * so the last of an overload are not left out of the log.
   */
  let refusedSinceWarning = 0;
  let warnedAt = 0;
  let pendingWarning: ReturnType<typeof setTimeout> | undefined;
  function warnRefusals(): void {
    if (pendingWarning) clearTimeout(pendingWarning);
    pendingWarning = undefined;
    if (!refusedSinceWarning) return;
    logger.warn('inbox: full, deliveries refused with 503 (the platform delivers them again)', {
      refused: refusedSinceWarning,
      waiting: backlog,
      maxBacklog,
    });
    refusedSinceWarning = 0;
    warnedAt = Date.now();
  }
  function noteRefusal(): void {
    refusedSinceWarning++;
    const sinceWarning = Date.now() - warnedAt;
    if (sinceWarning >= 10_000) {
      warnRefusals();
      return;
    }
    pendingWarning ??= setTimeout(warnRefusals, 10_000 - sinceWarning);
    (pendingWarning as { unref?: () => void }).unref?.();
  }

  /**
   * Deliveries waiting to be written, and the write in progress: the deliveries that arrive while
   * one statement runs are written together by the next (group commit), so under load an
   * acknowledgement costs a share of a statement, not one of its own.
   */
  const waiting: Array<{ event: InboundEvent; settle: (recorded: boolean) => void; fail: (error: unknown) => void }> = [];
  /**
   * Statements writing acknowledgements at once: on PostgreSQL a few, so that one slow write (a
   * flush of the log) does not hold every delivery behind it; on PGlite one (it runs one anyway).
   */
  const maxWriters = Math.max(1, deps.acknowledgementWriters ?? 1);
  let writers = 0;
  /** Resolved when the acknowledgements being written (or about to be) are. */
  let batchWritten: { promise: Promise<void>; resolve: () => void } | undefined;

  /** Waits for the acknowledgements in progress, if any: at most one batch, however many follow it. */
  function acknowledgementsWritten(): Promise<void> | undefined {
    if (writers === 0) return undefined;
    if (!batchWritten) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => {
        resolve = r;
      });
      batchWritten = { promise, resolve };
    }
    return batchWritten.promise;
  }

  async function writeWaiting(): Promise<void> {
    // Let the deliveries that arrived in the same turn join the first statement.
    await new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
    while (waiting.length) {
      const batch = waiting.splice(0, 500);
      try {
        const recorded = await inbox.add(
          batch.map((w) => w.event),
          clock.now(),
        );
        const seen = new Set<string>();
        for (const w of batch) {
          const key = w.event.dedupeKey;
          w.settle(recorded.has(key) && !seen.has(key));
          seen.add(key);
        }
      } catch (error) {
        for (const w of batch) w.fail(error);
      }
      batchWritten?.resolve();
      batchWritten = undefined;
    }
    writers--;
    batchWritten?.resolve();
    batchWritten = undefined;
  }

  function record(event: InboundEvent): Promise<boolean> {
    return new Promise((settle, fail) => {
      waiting.push({ event, settle, fail });
      if (writers >= maxWriters) return;
      writers++;
      void writeWaiting();
    });
  }

  async function accept(event: InboundEvent): Promise<Acceptance> {
    backlog ??= await inbox.size();
    if (backlog >= maxBacklog) {
      // Counted again at most twice a second while full (another process may have worked it off).
      const now = Date.now();
      if (now - countedFullAt < 500) {
        noteRefusal();
        return 'full';
      }
      countedFullAt = now;
      backlog = await inbox.size();
      if (backlog >= maxBacklog) {
        noteRefusal();
        return 'full';
      }
    }
    backlog++;
    if (await record(event)) return 'accepted';
    backlog--;
    return 'duplicate';
  }

  /** Runs one delivery through the sink: true when it is done, false when it waits for a retry. */
  async function processOne(id: number, event: InboundEvent, attempts: number): Promise<boolean> {
    try {
      await deps.sink(event);
      return true;
    } catch (error) {
      const wait = Math.min(300, 2 ** attempts);
      logger.error('inbox: processing failed, will retry', { id, key: event.dedupeKey, attempt: attempts, inSeconds: wait, error });
      await inbox.retryLater(id, error instanceof Error ? error.message : String(error), new Date(clock.now().getTime() + wait * 1000)).catch(() => undefined);
      return false;
    }
  }

  /**
   * Removes the processed rows of a batch in one statement. A crash before it leaves them to be
   * claimed again when their lease runs out: the router's dedupe makes the second run harmless.
   */
  async function settleDone(ids: number[]): Promise<void> {
    if (!ids.length) return;
    await inbox.done(ids);
    if (backlog !== undefined) backlog = Math.max(0, backlog - ids.length);
    let room = ids.length;
    for (const wake of roomWaiters.keys()) {
      if (room-- <= 0) break;
      wake();
    }
  }

  /** Known to be full, without asking the database. */
  const knownFull = () => backlog !== undefined && backlog >= maxBacklog && Date.now() - countedFullAt < 500;

  /**
   * Whether a delivery may be taken: at once when the inbox is not known to be full, else once
   * processed deliveries make room within the admission wait. False: refuse it (503).
   */
  function room(): Promise<boolean> | boolean {
    if (!knownFull()) return true;
    if (stopping || admissionWait <= 0 || roomWaiters.size >= maxWaiters) {
      noteRefusal();
      return false;
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        roomWaiters.delete(wake);
        resolve(true);
      };
      const refuse = () => {
        clearTimeout(timer);
        roomWaiters.delete(wake);
        noteRefusal();
        resolve(false);
      };
      const timer = setTimeout(refuse, admissionWait);
      roomWaiters.set(wake, refuse);
    });
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
        const done: number[] = [];
        try {
          if (rows.length > 1 && deps.batch) {
            if (deps.acknowledgementsFirst) await acknowledgementsWritten();
            if (await deps.batch(rows.map((r) => r.event)).catch(() => false)) {
              done.push(...rows.map((r) => r.id));
              total += rows.length;
              continue;
            }
          }
          for (const r of rows) {
            if (stopping) return; // the rest are released by stop()
            // One connection (PGlite): deliveries waiting for their acknowledgement go first.
            if (deps.acknowledgementsFirst) await acknowledgementsWritten();
            if (await processOne(r.id, r.event, r.attempts)) done.push(r.id);
            total++;
          }
        } finally {
          await settleDone(done);
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
    /**
     * Whether there is room for a delivery, after waiting a moment when the inbox is known to be
     * full: a webhook asks before it verifies and decrypts a delivery, and refuses it when not
     * (under overload that work took the processing's CPU).
     */
    room,
    drain,
    wake,
    start: loop.start,
    /** Stops claiming, waits at most `graceMs` for deliveries in progress, then releases its claims. */
    async stop(graceMs = 5000): Promise<void> {
      stopping = true;
      for (const refuse of [...roomWaiters.values()]) refuse();
      warnRefusals();
      await loop.halt(graceMs);
      const released = await inbox.release(processorId);
      if (released) logger.info('inbox: released unprocessed claims for the next start', { released });
    },
  };
}

export type InboxProcessor = ReturnType<typeof createInboxProcessor>;
