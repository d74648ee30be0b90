import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Hono } from 'hono';
import type { Config } from './config';
import { systemClock, type Clock } from './app/ports/clock';
import type { RandomSource } from './app/ports/random';
import type { Dispatcher } from './app/dispatch';
import type { FeishuDispatchDeps } from './bot/feishu/webhook';
import type { FeishuMessenger } from './bot/feishu/client';
import type { DingtalkDispatchDeps } from './bot/dingtalk/webhook';
import { createLocalChat, LocalMessenger, type LocalPerson } from './bot/local';
import type { InboxProcessor } from './bot/inbox-processor';
import type { InboundSink } from './bot/inbound-sink';
import type { Backend } from './db/backend';
import { openDatabase, type Database } from './db/client';
import { drizzleBackend } from './db/drizzle-backend';
import { shanghaiDate } from './domain/workdays';
import type { OutboxSender } from './jobs/outbox-sender';
import type { RateLimiter } from './jobs/rate-limiter';
import { JOBS } from './jobs/schedule';
import { createNodeScheduler } from './jobs/scheduler.node.ts'; // explicit: a bare '.node' would mean a native addon
import type { Logger } from './logger';
import { loadDrawKey } from './draw-key';
import { manualRoutes } from './web/manual/routes';
import { readManualImage } from './web/manual/node-images';
import type { Beacon } from './app/ports/beacon';
import { beaconFromConfig } from './beacon';
import { buildRuntime, configWarnings, runtimeLogger, type DingtalkRuntime, type Mount } from './runtime';
import { localChatGuard } from './web/local-guard';
import type { HealthMonitor } from './web/health';
import { join } from 'node:path';
import type { EvidenceStore } from './app/ports/evidence-store';
import type { DocumentRenderer } from './app/ports/documents';
import { fsEvidenceStore } from './storage/fs-evidence-store';
import { memoryEvidenceStore } from './storage/memory-evidence-store';

export { cryptoRandom, type DingtalkRuntime } from './runtime';

export interface NodeRuntime {
  app: Hono;
  /** Where the data lives (its store, outbox queue, …). */
  backend: Backend;
  outbox: OutboxSender;
  /** The durable inbox of platform deliveries (on a database); tests drain it by hand. */
  inbox?: InboxProcessor;
  /** `/healthz`'s cached report; tests refresh it by hand. */
  health: HealthMonitor;
  local?: LocalMessenger;
  /** The Feishu messenger and what its webhook and long connection dispatch with (tests drive the WS path through it). */
  feishu?: { messenger: FeishuMessenger; dispatchDeps: FeishuDispatchDeps };
  /** The DingTalk messenger, what its callbacks dispatch with, and the Stream connection in stream mode. */
  dingtalk?: DingtalkRuntime;
  /** Resolves when background work (messages acknowledged before they were handled) has finished. */
  settle(): Promise<void>;
  startupNotes(baseUrl: string): string[];
  stop(): Promise<void>;
}

export interface RuntimeOverrides {
  clock?: Clock;
  random?: RandomSource;
  /** The draw key (default: DRAW_KEY or its key file, see loadDrawKey); tests pass a fixed one. */
  drawKey?: Uint8Array;
  /** The public randomness beacon (default: from DRAND_URL); null for none. */
  beacon?: Beacon | null;
  database?: Database;
  /** The data elsewhere than in a database of the config (e.g. the in-memory store); wins over `database`. */
  backend?: Backend;
  /** The outbox sender's pacing (default: a margin under Feishu's limits); tests that drain by hand need no real-time waits. */
  limiter?: RateLimiter;
  /** Start the outbox timer, the wake-up after each commit and the long connection (off in tests, which drain by hand). */
  background?: boolean;
  /** The commands and card actions (default: the application's table). */
  dispatcher?: Dispatcher;
  /** Open the DingTalk Stream connection even without `background` (tests that drive Stream mode). */
  dingtalkStream?: boolean;
  /** Where evidence and issued documents are kept (default: `DATA_DIR/evidence`, in memory for an in-memory store). */
  evidence?: EvidenceStore;
}

/**
 * The bot on Node, for the Node entry point and tests: the shared runtime (src/runtime.ts) plus
 * what needs one long-lived process: PGlite or a PostgreSQL pool opened (and migrated) at start,
 * the catalog and demo data written at start, the local chat, the Feishu long connection, the
 * DingTalk Stream connection, the timers and the node-cron scheduler.
 */
export async function buildNodeRuntime(config: Config, rawLogger: Logger, overrides: RuntimeOverrides = {}): Promise<NodeRuntime> {
  const logger = runtimeLogger(config, rawLogger);
  const clock = overrides.clock ?? systemClock;
  const background = overrides.background ?? true;
  const backend = overrides.backend ?? drizzleBackend(overrides.database ?? (await openDatabase(config)), clock);
  logger.info(`database: ${backend.driver} at ${backend.location}${backend.database ? ' (migrations applied)' : ''}`);
  const role = backend.database?.role;
  if (role?.ownsAudit) {
    logger.warn(
      `database role ${role.name} owns the audit tables (or is a superuser): it could disable their append-only triggers. Run the server under a runtime role: README "Database roles"`,
    );
  } else if (role) logger.info(`database role ${role.name}: may append to the audit log, not alter it`);
  if (backend.driver === 'pglite' && config.env === 'production') {
    logger.warn(
      "NODE_ENV=production on the embedded PGlite: one process only, its statements run on the bot's own thread, and it has no database roles to keep the audit log out of the server's reach. Enough for a bureau's daily traffic (BENCHMARKS.md); for sustained load or separate roles, set DATABASE_URL to a PostgreSQL server.",
    );
  }
  for (const warning of configWarnings(config)) logger.warn(warning);
  await backend.ensureCatalog();
  if (config.demoData) {
    const seeded = await backend.seedDemoIfEmpty(shanghaiDate(clock.now()), clock.now());
    logger.info(
      seeded.seeded ? 'demo data loaded: fictional 偃师区应急管理局 with about 300 enterprises and 30 officers' : `demo data not loaded: ${seeded.reason}`,
    );
  }
  // Evidence and issued documents: files under DATA_DIR/evidence (kept in memory with the in-memory store).
  const evidence =
    overrides.evidence ??
    (backend.driver === 'memory' || config.dataDir.startsWith('memory://') ? memoryEvidenceStore() : fsEvidenceStore(join(config.dataDir, 'evidence')));
  const local = config.localChat ? await LocalMessenger.open(backend.localHistory, () => clock.now()) : undefined;
  const localMount = (parts: { sink: InboundSink; outbox: OutboxSender }): Mount[] => {
    if (!local) return [];
    const listPeople = (): Promise<LocalPerson[]> => backend.localPeople();
    const chat = createLocalChat({ messenger: local, sink: parts.sink, people: listPeople, flush: async () => void (await parts.outbox.drain()) });
    if (config.env === 'production') {
      logger.warn(
        'LOCAL_CHAT is on in production: whoever has LOCAL_CHAT_TOKEN can act as any person in the directory. Turn it off (LOCAL_CHAT=0) when not needed.',
      );
    }
    if (!config.localChatToken) return [{ path: '/local', app: chat }];
    const guarded = new Hono();
    guarded.use('*', localChatGuard(config.localChatToken));
    guarded.route('/', chat);
    return [{ path: '/local', app: guarded }];
  };
  // The platforms' SDKs (Feishu's about 70 MB, DingTalk Stream's about 30 MB) only when configured,
  // and then before the server listens.
  if (config.feishu) await (await import('./bot/feishu/client')).preloadFeishuSdk();
  const feishuWs = background && config.feishu?.mode === 'ws' ? await import('./bot/feishu/ws') : undefined;
  const dingtalkStream = (background || overrides.dingtalkStream) && config.dingtalk?.mode === 'stream' ? await import('./bot/dingtalk/stream') : undefined;
  const runtime = await buildRuntime(config, logger, backend, {
    clock,
    random: overrides.random,
    drawKey: overrides.drawKey ?? loadDrawKey(config, logger),
    beacon: overrides.beacon === undefined ? beaconFromConfig(config.drand) : (overrides.beacon ?? undefined),
    limiter: overrides.limiter,
    dispatcher: overrides.dispatcher,
    wake: background,
    timers: background,
    instanceId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    messengers: { local },
    files: { evidence, documents: lazyDocx },
    // The manual's pictures are read from docs/manual/images on disk (Node); see src/web/manual.
    mounts: (parts) => [...localMount(parts), { path: '/manual', app: manualRoutes({ readImage: readManualImage }) }],
    ...(feishuWs
      ? {
          feishuLongConnection: (deps: FeishuDispatchDeps) => {
            const f = config.feishu!;
            return feishuWs.startFeishuLongConnection({ appId: f.appId, appSecret: f.appSecret, baseUrl: f.baseUrl, ...deps });
          },
        }
      : {}),
    ...(dingtalkStream
      ? {
          dingtalkStream: (deps: DingtalkDispatchDeps) => {
            const d = config.dingtalk!;
            return dingtalkStream.startDingtalkStream({ ...deps, appKey: d.appKey, appSecret: d.appSecret, baseUrl: d.baseUrl });
          },
        }
      : {}),
  });
  // The 09:00 reminders (one job table, node-cron in UTC); today's missed slot is caught up now.
  const scheduler =
    config.scheduler && background && runtime.jobs ? createNodeScheduler({ jobs: JOBS, runs: runtime.jobs.runs, context: runtime.jobs.context }) : undefined;
  scheduler?.start();
  const { feishu } = runtime;
  return {
    app: runtime.app,
    backend,
    outbox: runtime.outbox,
    health: runtime.health,
    local,
    ...(feishu ? { feishu: { messenger: feishu.messenger, dispatchDeps: feishu.dispatchDeps } } : {}),
    ...(runtime.dingtalk ? { dingtalk: runtime.dingtalk } : {}),
    ...(runtime.inbox ? { inbox: runtime.inbox } : {}),
    settle: runtime.settle,
    startupNotes: (base) => [
      `data: ${backend.driver === 'pglite' ? `embedded PGlite in ${backend.location}` : backend.driver === 'memory' ? 'in memory (kept until the process stops)' : `PostgreSQL ${backend.location}`}`,
      `messengers: ${[local ? 'local' : '', config.feishu ? `feishu (${config.feishu.mode}${config.feishu.mode === 'webhook' ? `: ${base}/feishu/events and ${base}/feishu/cards` : ''})` : ''].filter(Boolean).join(', ') || 'none configured'}`,
      ...(config.dingtalk
        ? [
            `dingtalk: ${config.dingtalk.mode === 'http' ? `robot messages at ${base}/dingtalk/events, card callbacks at ${base}/dingtalk/cards` : 'Stream mode'}`,
          ]
        : []),
      `public results page: ${base}/public`,
      `user manual (中文使用手册): ${base}/manual`,
      ...(local ? [`local chat simulator: ${base}/local  (open it in a browser and type /draw … as the leader)`] : []),
    ],
    /** Bounded: the outbox and background work get SHUTDOWN_GRACE_SECONDS, then claims are released. */
    stop: async () => {
      await scheduler?.stop();
      await runtime.stop(config.shutdownGraceSeconds * 1000);
      await backend.close();
    },
  };
}

/** docx (several MB of code) is loaded the first time a document is issued, not at start. */
const lazyDocx: DocumentRenderer = { render: async (view) => (await import('./print/docx-render')).renderDocx(view) };
