import { Hono } from 'hono';

export interface HealthDeps {
  ping(): Promise<{ ok: boolean; version?: string; error?: string }>;
  driver: string;
  version: string;
}

/** `GET /healthz`: 200 with the database status and our version; 503 when the database is unreachable. */
export function healthRoutes(deps: HealthDeps): Hono {
  const app = new Hono();
  app.get('/healthz', async (c) => {
    const db = await deps.ping();
    const body = {
      status: db.ok ? 'ok' : 'unavailable',
      version: deps.version,
      database: { driver: deps.driver, ok: db.ok, version: db.version, error: db.error },
    };
    return c.json(body, db.ok ? 200 : 503);
  });
  return app;
}
