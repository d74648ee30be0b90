import { hexToBytes } from '@noble/hashes/utils.js';
import type { Beacon } from '../app/ports/beacon';
import { beaconFromConfig } from '../beacon';
/**
 * One Worker invocation (a request or a Cron Trigger): a postgres.js client over Hyperdrive,
 * the shared runtime (src/runtime.ts) over it, and `finish()`, which the entry point hands to
 * `ctx.waitUntil`: background work, the inbox and the outbox are worked off after the answer,
 * then the client is closed.
 *
 * Why a client per invocation: a Worker may not use an I/O object (a socket) created by another
 * request, and Hyperdrive keeps the pool of real connections, so a client per request is what
 * Cloudflare recommends (research/performance-reliability.md §3). Kept between invocations of
 * one isolate: the config, the messengers (the Feishu token is cached by value), the Feishu
 * bot's identity and the installation id, none of which holds a socket.
 */
import postgres from 'postgres';
import { systemClock } from '../app/ports/clock';
import type { BotIdentity } from '../bot/feishu/bot-identity';
import type { FeishuMessenger } from '../bot/feishu/client';
import type { DingtalkMessenger } from '../bot/dingtalk/client';
import { loadWorkerConfig, type Config } from '../config';
import { postgresDatabase } from '../db/database';
import { drizzleBackend } from '../db/drizzle-backend';
import { runJobSlot } from '../jobs/job-runs';
import { DRAIN_CRON, jobsForCron } from '../jobs/schedule';
import { createLogger, type Logger, type LogLevel } from '../logger';
import { buildRuntime, configWarnings, createDingtalkMessengerFor, createFeishuBot, createFeishuMessengerFor, runtimeLogger, type Runtime } from '../runtime';
import { TIMED_OUT, withinBudget } from '../within-budget';
import { textVars, type WorkerEnv } from './platform';
import type { AppFiles } from '../app/use-case';
import { docxRenderer } from '../print/docx-render';
import { r2EvidenceStore } from '../storage/r2-evidence-store';

/** What an isolate keeps between invocations: nothing that holds a socket. */
export interface Isolate {
  config: Config;
  logger: Logger;
  feishu?: FeishuMessenger;
  feishuBot?: BotIdentity;
  dingtalk?: DingtalkMessenger;
  installationId?: string;
  /** The drand relay draws commit to (DRAND_URL; api.drand.sh when NODE_ENV=production). */
  beacon?: Beacon;
  /** Evidence and issued documents in the R2 bucket bound as EVIDENCE (none without the binding). */
  files?: AppFiles;
}

/** Connections a request may hold at once: Workers allow 6 outgoing, and the messengers need one. */
const MAX_CONNECTIONS = 4;
/** Deliveries processed at once in one invocation (usually the one it received). */
const INBOX_CONCURRENCY = 2;
/** `sql.end()` has hung with Hyperdrive (porsager/postgres#1097): the invocation never waits longer for it. */
const CLOSE_BUDGET_MS = 2000;

/** workerd collects `console` output into the Worker's logs (`wrangler tail`, the dashboard). */
function consoleSink(line: string, level: LogLevel): void {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
}

let current: { env: WorkerEnv; isolate: Isolate } | undefined;

/** The isolate's state for `env` (made on first use); throws ConfigError on a bad or Node-only setting. */
export function isolateFor(env: WorkerEnv): Isolate {
  if (current?.env === env) return current.isolate;
  const config = loadWorkerConfig(textVars(env));
  const logger = runtimeLogger(config, createLogger(config.logLevel, consoleSink), [passwordOf(env.HYPERDRIVE?.connectionString)]);
  const feishu = config.feishu ? createFeishuMessengerFor(config.feishu, logger) : undefined;
  const isolate: Isolate = {
    config,
    logger,
    ...(feishu ? { feishu, feishuBot: createFeishuBot(feishu, logger, systemClock) } : {}),
    ...(config.dingtalk ? { dingtalk: createDingtalkMessengerFor(config.dingtalk, logger) } : {}),
  };
  const beacon = beaconFromConfig(config.drand);
  if (beacon) isolate.beacon = beacon;
  if (env.EVIDENCE) isolate.files = { evidence: r2EvidenceStore(env.EVIDENCE), documents: docxRenderer };
  else logger.warn('no R2 binding named EVIDENCE: photos and files sent to the bot and 执法文书 are refused (README, "Cloudflare Workers")');
  for (const warning of configWarnings(config)) logger.warn(warning);
  current = { env, isolate };
  return isolate;
}

function passwordOf(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

export interface Invocation {
  runtime: Runtime;
  /** Runs the jobs of a Cron Trigger (each slot claimed once in job_runs, as on Node). */
  runCron(cron: string, scheduledTime: number): Promise<void>;
  /** The inbox and background work, then (when `drain`) the outbox, then the client is closed. Never rejects. */
  finish(options: { drain: boolean }): Promise<void>;
}

export async function openInvocation(isolate: Isolate, env: WorkerEnv): Promise<Invocation> {
  const { config, logger } = isolate;
  const connectionString = env.HYPERDRIVE?.connectionString;
  if (!connectionString) throw new Error('no Hyperdrive binding named HYPERDRIVE: add [[hyperdrive]] to wrangler.toml (README, "Cloudflare Workers")');
  // postgres.js as Cloudflare's Hyperdrive example sets it up, except `fetch_types` (on: the
  // directory has text[] columns). Prepared statements stay on: Hyperdrive needs them.
  const client = postgres(connectionString, { max: MAX_CONNECTIONS, connect_timeout: 10, onnotice: () => {} });
  const database = postgresDatabase(client, { url: connectionString, closeTimeoutSeconds: 1 });
  const close = async () => {
    const closed = await withinBudget(database.close(), CLOSE_BUDGET_MS);
    if (closed === TIMED_OUT) logger.warn('database client: close timed out (workerd closes the sockets when the invocation ends)');
    else if ('error' in closed) logger.warn('database client: close failed', { error: closed.error });
  };
  let runtime: Runtime;
  try {
    const backend = drizzleBackend(database, systemClock);
    isolate.installationId ??= await backend.installationId();
    runtime = await buildRuntime(config, logger, backend, {
      drawKey: hexToBytes('hex' in config.drawKey ? config.drawKey.hex : ''),
      ...(isolate.beacon ? { beacon: isolate.beacon } : {}),
      ...(isolate.files ? { files: isolate.files } : {}),
      wake: true,
      timers: false,
      // One row in health_probes for all the isolates.
      instanceId: 'cloudflare-worker',
      inboxConcurrency: Math.min(config.inboxConcurrency ?? INBOX_CONCURRENCY, MAX_CONNECTIONS),
      installationId: isolate.installationId,
      messengers: { feishu: isolate.feishu, dingtalk: isolate.dingtalk },
      feishuBot: isolate.feishuBot,
    });
  } catch (error) {
    await close();
    throw error;
  }
  return {
    runtime,
    async runCron(cron, scheduledTime) {
      const jobs = jobsForCron(cron);
      if (!jobs.length && cron !== DRAIN_CRON) logger.warn(`cron trigger "${cron}" matches no job (wrangler.toml and src/jobs/schedule.ts disagree)`);
      if (!jobs.length || !runtime.jobs) return;
      if (!config.scheduler) return logger.info(`SCHEDULER=0: ${jobs.map((j) => j.name).join(', ')} not run`);
      const slot = new Date(Math.floor(scheduledTime / 60_000) * 60_000);
      for (const job of jobs) {
        const outcome = await runJobSlot(job, slot, runtime.jobs.runs, runtime.jobs.context);
        logger.info(`job ${job.name} for ${slot.toISOString()}: ${outcome}`);
      }
    },
    async finish({ drain }) {
      try {
        await runtime.settle();
        await isolate.feishuBot?.settled();
        // What this invocation's commits queued goes out now; what is left waits for the next cron minute.
        if (drain) await runtime.outbox.drain();
      } catch (error) {
        logger.error('work after the answer failed', { error });
      } finally {
        await close();
      }
    },
  };
}
