import { Hono } from 'hono';

export interface HealthDeps {
  ping(): Promise<{ ok: boolean; version?: string; error?: string }>;
  driver: string;
  version: string;
  /** Long-lived connections the bot depends on (the DingTalk Stream), each reported; one not connected makes the answer 503. */
  connections?: () => Record<string, { ok: boolean; state: string; since?: string; lastError?: string }>;
}

/** `GET /healthz`: 200 with the database status and our version; 503 when the database or a messenger connection is down. */
export function healthRoutes(deps: HealthDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const db = await deps.ping();
    const connections = deps.connections?.();
    const ok = db.ok && Object.values(connections ?? {}).every((x) => x.ok);
    const body = {
      status: ok ? 'ok' : 'unavailable',
      version: deps.version,
      database: { driver: deps.driver, ok: db.ok, version: db.version, error: db.error },
      ...(connections ? { connections } : {}),
    };
    return c.json(body, ok ? 200 : 503);
  });
  return app;
}
