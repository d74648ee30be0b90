/**
 * The bot as a Cloudflare Worker (`wrangler deploy`; README "Cloudflare Workers"): the same
 * runtime, use cases and job table as on Node (src/runtime.ts, src/jobs/schedule.ts), over
 * PostgreSQL through the Hyperdrive binding. Webhook modes only: what needs a process that stays
 * up (long connections, the local chat, PGlite) is Node's. Migrations are never run here:
 * `npm run db:migrate` with DATABASE_URL before each deploy.
 */
import { ConfigError } from './config';
import type { ExecutionContext, ScheduledController, WorkerEnv } from './worker/platform';
import { isolateFor, openInvocation } from './worker/invocation';

function configFailure(error: unknown): Response | undefined {
  if (!(error instanceof ConfigError)) return undefined;
  // The message names the variable; it stays in the log (it may quote a value).
  console.error(error.message);
  return Response.json({ error: '配置有误，请查看 Worker 日志' }, { status: 500 });
}

export default {
  /** The answer first; background work, the inbox and the outbox after it, in `waitUntil`. */
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    let invocation: Awaited<ReturnType<typeof openInvocation>>;
    try {
      invocation = await openInvocation(isolateFor(env), env);
    } catch (error) {
      const refused = configFailure(error);
      if (refused) return refused;
      console.error(`request failed before the app: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return Response.json({ error: '服务器内部错误，请稍后重试' }, { status: 500 });
    }
    try {
      return await invocation.runtime.app.fetch(request, env, ctx);
    } finally {
      ctx.waitUntil(invocation.finish({ drain: request.method === 'POST' }));
    }
  },

  /** A Cron Trigger: the jobs of `controller.cron` (UTC, as in the job table), then the inbox and the outbox. */
  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const invocation = await openInvocation(isolateFor(env), env);
    ctx.waitUntil(
      invocation
        .runCron(controller.cron, controller.scheduledTime)
        .catch((error: unknown) => invocation.runtime.logger.error(`cron trigger "${controller.cron}" failed`, { error }))
        .finally(() => invocation.finish({ drain: true })),
    );
  },
};
