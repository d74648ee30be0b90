import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from './logger';
import { healthRoutes, type HealthMonitor } from './web/health';

export interface AppDeps {
  health: HealthMonitor;
  logger: Logger;
  /** Largest request body accepted on any route, in bytes (default 1 MB). */
  bodyLimitBytes?: number;
  /** Larger limits for exact paths (a register file uploaded in the local chat). */
  bodyLimitOverrides?: ReadonlyArray<{ path: string; maxSize: number }>;
  /** Sub-apps mounted by path (messenger webhooks, the local chat, the public page). */
  mounts?: Array<{ path: string; app: Hono }>;
}

/** The HTTP app: one sub-app per area, mounted with `app.route()`, tested through `app.request()`. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.onError((error, c) => {
    deps.logger.error('unhandled error in HTTP handler', { path: c.req.path, error });
    return c.json({ error: '服务器内部错误，请稍后重试' }, 500);
  });
  // Every route, before anything reads the body: a declared length over the limit is refused
  // at once, a chunked body as soon as it passes it (an unauthenticated 100 MB POST to a webhook
  // used to be read whole before the 401).
  const limit = (maxSize: number): MiddlewareHandler => {
    const tooLarge = (c: Context) => c.json({ error: `请求内容过大（上限 ${Math.round(maxSize / 1024)} KB）` }, 413);
    const streamed = bodyLimit({ maxSize, onError: tooLarge });
    return (c, next) => {
      // A declared length is checked from the header alone (Node's parser reads exactly that many
      // bytes): only a chunked body is counted as it streams, which costs a web stream per request.
      const length = c.req.header('content-length');
      if (length !== undefined && /^\d{1,15}$/.test(length) && c.req.header('transfer-encoding') === undefined)
        return Number(length) > maxSize ? Promise.resolve(tooLarge(c)) : next();
      return streamed(c, next);
    };
  };
  const standard = limit(deps.bodyLimitBytes ?? 1024 * 1024);
  const larger = new Map((deps.bodyLimitOverrides ?? []).map((o) => [o.path, limit(o.maxSize)]));
  app.use('*', (c, next) => (larger.get(c.req.path) ?? standard)(c, next));
  app.route('/', healthRoutes(deps.health));
  for (const m of deps.mounts ?? []) app.route(m.path, m.app);
  app.notFound((c) => c.json({ error: `没有这个地址：${c.req.path}` }, 404));
  return app;
}
