/**
 * `GET /healthz`: what each part of the bot is doing, answered from a cached report that a
 * background refresh keeps current, so the answer takes milliseconds however busy the database
 * is (a probe behind a saturated pool once waited 32–63 s). 503 when a part the bot cannot work
 * without is down. The body is documented in the README ("Health").
 */
import { Hono } from 'hono';

export type PartStatus = 'ok' | 'degraded' | 'down';

/** One part's report: its status and whatever details explain it. */
export interface PartReport {
  status: PartStatus;
  [detail: string]: unknown;
}

export interface HealthCheck {
  name: string;
  /** Down means the bot cannot work (503): the database, a messenger's connection or credentials. */
  required: boolean;
  run(): Promise<PartReport>;
}

export interface HealthReport {
  status: PartStatus;
  version: string;
  checkedAt: string;
  parts: Record<string, PartReport>;
}

export interface HealthMonitorOptions {
  checks: readonly HealthCheck[];
  version: string;
  now?: () => Date;
  /** A check that takes longer is reported down with `error: 'timeout'` (default 2000 ms). */
  timeoutMs?: number;
  /** A report older than this is refreshed in the background on the next request (default 5000 ms). */
  maxAgeMs?: number;
}

export interface HealthMonitor {
  /** Runs every check now (each bounded by the timeout) and keeps the result. */
  refresh(): Promise<HealthReport>;
  /** The latest report; the first call waits for the first refresh. */
  current(): Promise<HealthReport>;
  /** Refreshes every `intervalMs` until stopped (the timer does not keep the process alive). */
  start(intervalMs?: number): void;
  stop(): void;
}

function withTimeout(check: HealthCheck, ms: number): Promise<PartReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<PartReport>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'down', error: 'timeout', timeoutMs: ms }), ms);
  });
  const run = check.run().catch((error: unknown): PartReport => ({ status: 'down', error: error instanceof Error ? error.message : String(error) }));
  return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
}

export function createHealthMonitor(options: HealthMonitorOptions): HealthMonitor {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxAgeMs = options.maxAgeMs ?? 5000;
  let latest: HealthReport | undefined;
  let inFlight: Promise<HealthReport> | undefined;
  let timer: NodeJS.Timeout | undefined;

  async function runChecks(): Promise<HealthReport> {
    const reports = await Promise.all(options.checks.map((c) => withTimeout(c, timeoutMs)));
    const parts: Record<string, PartReport> = {};
    let status: PartStatus = 'ok';
    options.checks.forEach((check, i) => {
      const report = reports[i]!;
      parts[check.name] = { ...report, required: check.required };
      if (report.status === 'down' && check.required) status = 'down';
      else if (report.status !== 'ok' && status === 'ok') status = 'degraded';
    });
    latest = { status, version: options.version, checkedAt: now().toISOString(), parts };
    return latest;
  }

  function refresh(): Promise<HealthReport> {
    inFlight ??= runChecks().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    refresh,
    async current() {
      if (!latest) return refresh();
      if (now().getTime() - new Date(latest.checkedAt).getTime() > maxAgeMs) void refresh();
      return latest;
    },
    start(intervalMs = maxAgeMs) {
      void refresh();
      timer = setInterval(() => void refresh(), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}

/** `GET /healthz`: the cached report; 200 when ok or degraded, 503 when a required part is down. */
export function healthRoutes(monitor: HealthMonitor): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const report = await monitor.current();
    c.header('cache-control', 'no-store');
    return c.json(report, report.status === 'down' ? 503 : 200);
  });
  return app;
}
