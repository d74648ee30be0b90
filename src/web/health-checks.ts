/**
 * The parts `/healthz` reports (see health.ts and the README's "Health"): the database (a real
 * write), each messenger (its long connection, whether the platform accepts our credentials,
 * how sending went lately) and the outbox backlog.
 */
import type { Clock } from '../app/ports/clock';
import type { OutboxDelivery } from '../app/ports/outbox';
import type { BeaconStatus } from '../beacon/observed';
import type { HealthCheck, PartReport } from './health';

/** The driver's own message (drizzle wraps it in "Failed query: …" with the SQL and parameters). */
function errorText(error: unknown): string {
  const cause = (error as { cause?: unknown })?.cause;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The database takes a write (an upsert of this process's probe row). */
export function databaseCheck(o: { driver: string; write(at: Date): Promise<void>; clock: Clock }): HealthCheck {
  return {
    name: 'database',
    required: true,
    async run() {
      const started = performance.now();
      try {
        await o.write(o.clock.now());
        return { status: 'ok', driver: o.driver, writeMs: Math.round(performance.now() - started) };
      } catch (error) {
        return { status: 'down', driver: o.driver, error: errorText(error) };
      }
    },
  };
}

/** Messages waiting: degraded (not down: the bot still takes commands) when the oldest waits longer than `staleSeconds`. */
export function outboxCheck(o: { outbox: Pick<OutboxDelivery, 'backlog'>; clock: Clock; staleSeconds?: number }): HealthCheck {
  const stale = o.staleSeconds ?? 600;
  return {
    name: 'outbox',
    required: false,
    async run() {
      const b = await o.outbox.backlog();
      const age = b.oldestUnsentAt ? Math.max(0, Math.round((o.clock.now().getTime() - b.oldestUnsentAt.getTime()) / 1000)) : null;
      return {
        status: (age ?? 0) > stale || b.failed > 0 ? 'degraded' : 'ok',
        unsent: b.unsent,
        failed: b.failed,
        oldestUnsentSeconds: age,
      };
    },
  };
}

export interface MessengerHealthSource {
  /** `webhook` (no connection of ours) or `ws` (a long connection the bot needs). */
  mode: string;
  connection?: () => { state: string; since: Date; lastError?: string } | undefined;
  delivery: () => { lastSentAt?: Date; lastFailure?: { at: Date; kind: string; error: string } };
}

/**
 * A messenger: down when its long connection is not up, or when the platform refuses our
 * credentials (and nothing was sent since); degraded while sends fail for other reasons.
 */
export function messengerCheck(name: string, source: MessengerHealthSource): HealthCheck {
  return {
    name,
    required: true,
    async run() {
      const conn = source.connection?.();
      const { lastSentAt, lastFailure } = source.delivery();
      const report: PartReport = {
        status: 'ok',
        mode: source.mode,
        ...(conn ? { connection: conn.state, connectionSince: conn.since.toISOString(), ...(conn.lastError ? { connectionError: conn.lastError } : {}) } : {}),
        credentials: lastFailure?.kind === 'configuration' ? 'refused' : lastSentAt ? 'ok' : 'unknown',
        lastSentAt: lastSentAt?.toISOString() ?? null,
        ...(lastFailure ? { lastError: lastFailure.error, lastErrorAt: lastFailure.at.toISOString() } : {}),
      };
      if ((conn && conn.state !== 'connected') || lastFailure?.kind === 'configuration') report.status = 'down';
      else if (lastFailure) report.status = 'degraded';
      return report;
    },
  };
}

/**
 * The drand relay draws fetch their committed round from: not required (the bot takes commands
 * without it; only 确认抽取 waits for it), degraded when the last round asked of it failed.
 */
export function beaconCheck(status: () => BeaconStatus): HealthCheck {
  return {
    name: 'beacon',
    required: false,
    async run() {
      const s = status();
      return {
        status: s.lastFailure ? 'degraded' : 'ok',
        chain: s.chainHash,
        lastRound: s.lastRound ? { round: s.lastRound.round, at: s.lastRound.at.toISOString() } : null,
        ...(s.lastFailure ? { lastError: s.lastFailure.error, lastErrorCode: s.lastFailure.code, lastErrorAt: s.lastFailure.at.toISOString() } : {}),
      };
    },
  };
}
