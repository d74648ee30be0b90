import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Hono } from 'hono';
import type { Config } from './config';
import { systemClock, type Clock } from './app/ports/clock';
import { PlatformRejectedError, type Messenger, type Platform } from './app/ports/messenger';
import type { RandomSource } from './app/ports/random';
import { createFeishuChatKinds, createFeishuMessenger, createFeishuWebhook, startFeishuLongConnection, type FeishuDispatchDeps } from './bot/feishu';
import { createBotIdentity } from './bot/feishu/bot-identity';
import type { FeishuLogger, FeishuMessenger } from './bot/feishu/client';
import { createLocalChat, LocalMessenger, type LocalPerson } from './bot/local';
import {
  createDingtalkMessenger,
  createDingtalkWebhook,
  startDingtalkStream,
  type DingtalkDispatchDeps,
  type DingtalkMessenger,
  type DingtalkStream,
} from './bot/dingtalk';
import type { InboundSink } from './bot/inbound-sink';
import type { Dispatcher } from './app/dispatch';
import { createRouter, hasUnsafeText } from './bot/router';
import type { Backend } from './db/backend';
import { openDatabase, type Database } from './db/client';
import { drizzleBackend } from './db/drizzle-backend';
import { redactingLogger } from './log-redact';
import { createHealthMonitor, type HealthCheck, type HealthMonitor } from './web/health';
import { databaseCheck, messengerCheck, outboxCheck } from './web/health-checks';
import { localChatGuard } from './web/local-guard';
import { shanghaiDate } from './domain/workdays';
import { createOutboxSender, type OutboxSender } from './jobs/outbox-sender';
import type { RateLimiter } from './jobs/rate-limiter';
import { JOBS } from './jobs/schedule';
import { createNodeScheduler } from './jobs/scheduler.node.ts'; // explicit: a bare '.node' would mean a native addon
import { logValue, type Logger } from './logger';
import { createApp } from './server';
import { publicRoutes } from './web/public-page';
import { jobRunRepo } from './db/repos/job-run-repo';
import { createInboxProcessor, type InboxProcessor } from './bot/inbox-processor';
import type { InboundEvent } from './bot/inbound-event';
import { reportUndelivered } from './app/use-cases/report-undelivered';
import { retentionRepo } from './db/repos/retention-repo';
import { VERSION } from './version';
import { MAX_REGISTER_FILE_BYTES } from './app/register-file';
import { withinBudget } from './within-budget';

export const cryptoRandom: RandomSource = { bytes: (n) => new Uint8Array(randomBytes(n)) };

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
}

function feishuLogger(logger: Logger): FeishuLogger {
  const join = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : logValue(a))).join(' ');
  return {
    info: (...a) => logger.info(join(a)),
    warn: (...a) => logger.warn(join(a)),
    error: (...a) => logger.error(join(a)),
    debug: (...a) => logger.debug(join(a)),
  };
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}

/** The one place that wires concrete adapters into the ports, for the Node entry point and tests. */
export async function buildNodeRuntime(config: Config, rawLogger: Logger, overrides: RuntimeOverrides = {}): Promise<NodeRuntime> {
  // Nothing below logs a secret, at any level (an axios error at debug carries the app secret).
  const logger = redactingLogger(rawLogger, [
    config.feishu?.appSecret,
    config.feishu?.encryptKey,
    config.feishu?.verificationToken,
    config.databaseUrl ? passwordOf(config.databaseUrl) : undefined,
    config.localChatToken,
    config.dingtalk?.appSecret,
  ]);
  const clock = overrides.clock ?? systemClock;
  const background = overrides.background ?? true;
  const backend = overrides.backend ?? drizzleBackend(overrides.database ?? (await openDatabase(config)), clock);
  logger.info(`database: ${backend.driver} at ${backend.location}${backend.database ? ' (migrations applied)' : ''}`);
  if (backend.driver === 'pglite' && config.env === 'production') {
    logger.warn(
      'NODE_ENV=production on the embedded PGlite: it is single-process and blocks while it queries; set DATABASE_URL to a PostgreSQL server for real use.',
    );
  }
  await backend.ensureCatalog();
  if (config.demoData) {
    const seeded = await backend.seedDemoIfEmpty(shanghaiDate(clock.now()), clock.now());
    logger.info(
      seeded.seeded ? 'demo data loaded: fictional 偃师区应急管理局 with about 300 enterprises and 30 officers' : `demo data not loaded: ${seeded.reason}`,
    );
  }
  const { store } = backend;
  const messengers: Partial<Record<Platform, Messenger>> = {};
  const local = config.localChat ? await LocalMessenger.open(backend.localHistory, () => clock.now()) : undefined;
  if (local) messengers.local = local;
  const feishu = config.feishu
    ? createFeishuMessenger({ appId: config.feishu.appId, appSecret: config.feishu.appSecret, baseUrl: config.feishu.baseUrl, logger: feishuLogger(logger) })
    : undefined;
  if (feishu) messengers.feishu = feishu;
  const dingtalkMessenger = config.dingtalk ? createDingtalkMessenger(dingtalkClientOptions(config.dingtalk, logger)) : undefined;
  if (dingtalkMessenger) messengers.dingtalk = dingtalkMessenger;

  const platforms = Object.keys(messengers) as Platform[];
  const { cards } = backend;
  const outbox: OutboxSender = createOutboxSender({
    outbox: backend.outbox,
    messengers,
    clock,
    logger,
    limiter: overrides.limiter,
    installationId: await backend.installationId(),
    cards,
    retryForSeconds: config.outboxRetryHours * 3600,
    report: async (report) => {
      const queued = await store.transaction((repos) => reportUndelivered(repos, { clock }, report, platforms));
      if (queued === 0) logger.error('undelivered message: no administrator with an account to tell', { id: report.row.id, kind: report.kind });
      else if (background) outbox.wake();
    },
  });
  const sink = createRouter({
    store,
    env: { clock, random: overrides.random ?? cryptoRandom },
    logger,
    dispatcher: overrides.dispatcher,
    cards,
    onCommitted: () => void (background && outbox.wake()),
    fetchFile: (platform, file, maxBytes) => {
      const messenger = messengers[platform];
      if (!messenger?.fetchFile) throw new PlatformRejectedError(`${platform} cannot fetch files`, 'no_file_fetch');
      return messenger.fetchFile(file, maxBytes);
    },
  });
  const pending = new Set<Promise<unknown>>();
  const runInBackground = (p: Promise<unknown>) => {
    const tracked = p.catch((error: unknown) => logger.error('background work failed', { error })).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  // The durable inbox (on a database): a delivery is recorded before the platform gets its answer.
  const inbox = backend.inbox
    ? createInboxProcessor({
        inbox: backend.inbox,
        sink,
        clock,
        logger,
        concurrency: config.inboxConcurrency ?? (backend.driver === 'pglite' ? 1 : 8),
        maxBacklog: config.inboxMaxBacklog,
      })
    : undefined;
  const accept = async (event: InboundEvent) => {
    // A NUL cannot be stored in jsonb; the router refuses such an event without storing its text.
    if (!inbox || hasUnsafeText(event)) {
      runInBackground(sink(event));
      return 'accepted' as const;
    }
    const result = await inbox.accept(event);
    if (result === 'accepted' && background) inbox.wake();
    return result;
  };
  const mounts: Array<{ path: string; app: Hono }> = [{ path: '/public', app: publicRoutes(backend.publicQueries()) }];
  if (local) {
    const listPeople = (): Promise<LocalPerson[]> => backend.localPeople();
    const chat = createLocalChat({ messenger: local, sink, people: listPeople, flush: async () => void (await outbox.drain()) });
    if (config.localChatToken) {
      const guarded = new Hono();
      guarded.use('*', localChatGuard(config.localChatToken));
      guarded.route('/', chat);
      mounts.push({ path: '/local', app: guarded });
    } else mounts.push({ path: '/local', app: chat });
    if (config.env === 'production') {
      logger.warn(
        'LOCAL_CHAT is on in production: whoever has LOCAL_CHAT_TOKEN can act as any person in the directory. Turn it off (LOCAL_CHAT=0) when not needed.',
      );
    }
  }
  let longConnection: ReturnType<typeof startFeishuLongConnection> | undefined;
  let feishuDispatch: FeishuDispatchDeps | undefined;
  if (config.feishu && feishu) {
    const f = config.feishu;
    // Card callbacks do not say whether their chat is a group: a bound chat is one.
    const chatKinds = createFeishuChatKinds(async (chatId) => (await store.transaction((r) => r.directory.agencyOfChat('feishu', chatId))) !== undefined);
    const bot = createBotIdentity(
      () => feishu.botInfo(),
      logger,
      () => clock.now().getTime(),
    );
    const botOpenId = () => (background ? bot.openId() : undefined);
    feishuDispatch = { sink, messenger: feishu, runInBackground, logger: feishuLogger(logger), botOpenId, chatKinds, accept };
    if (background) bot.start();
    if (f.mode === 'ws') {
      if (background) longConnection = startFeishuLongConnection({ appId: f.appId, appSecret: f.appSecret, baseUrl: f.baseUrl, ...feishuDispatch });
    } else {
      if (!f.encryptKey)
        logger.warn(
          'FEISHU_ENCRYPT_KEY is not set: deliveries are checked by verification token only, without a signature. Set an Encrypt Key in the Feishu console.',
        );
      mounts.push({
        path: '/feishu',
        app: createFeishuWebhook({
          ...feishuDispatch,
          config: { encryptKey: f.encryptKey, verificationToken: f.verificationToken, botOpenId },
          clock: () => clock.now(),
        }),
      });
    }
  }
  // DingTalk: `/dingtalk/events` and `/dingtalk/cards` in HTTP mode, the Stream connection in stream mode.
  const dingtalk =
    config.dingtalk && dingtalkMessenger
      ? wireDingtalk(config.dingtalk, { messenger: dingtalkMessenger, sink, runInBackground, logger, clock, connect: background || !!overrides.dingtalkStream })
      : undefined;
  if (dingtalk?.mount) mounts.push(dingtalk.mount);
  const probeInstance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const checks: HealthCheck[] = [databaseCheck({ driver: backend.driver, clock, write: (at) => backend.probeWrite(probeInstance, at) })];
  if (config.feishu && feishu) {
    checks.push(
      messengerCheck('feishu', {
        mode: config.feishu.mode,
        connection: config.feishu.mode === 'ws' && background ? () => longConnection?.state() : undefined,
        delivery: () => outbox.deliveryStatus('feishu'),
      }),
    );
  }
  const stream = dingtalk?.stream;
  if (stream) {
    // A bot whose Stream connection is down hears nothing: required.
    checks.push({ name: 'dingtalk', required: true, run: async () => ({ ...streamHealth(stream), status: streamHealth(stream).ok ? 'ok' : 'down' }) });
  }
  checks.push(outboxCheck({ outbox: backend.outbox, clock }));
  const health = createHealthMonitor({ checks, version: VERSION, now: () => clock.now() });
  if (background) health.start();
  // A register file may be uploaded in the local chat (the router then takes at most MAX_REGISTER_FILE_BYTES).
  const app = createApp({ logger, health, mounts, bodyLimitOverrides: [{ path: '/local/api/upload', maxSize: MAX_REGISTER_FILE_BYTES + 1024 }] });
  if (background) {
    outbox.start();
    inbox?.start();
  }
  // The 09:00 reminders (one job table, node-cron in UTC); today's missed slot is caught up now.
  // The scheduler keeps its runs in the database (job_runs): none without one.
  const db = backend.database?.db;
  const scheduler =
    config.scheduler && background && db
      ? createNodeScheduler({
          jobs: JOBS,
          runs: jobRunRepo(db),
          context: { store, retention: retentionRepo(db), clock, logger, wakeOutbox: () => outbox.wake() },
        })
      : undefined;
  scheduler?.start();
  return {
    app,
    backend,
    outbox,
    health,
    local,
    ...(feishu && feishuDispatch ? { feishu: { messenger: feishu, dispatchDeps: feishuDispatch } } : {}),
    ...(dingtalk ? { dingtalk } : {}),
    ...(inbox ? { inbox } : {}),
    settle: async () => {
      await inbox?.drain();
      while (pending.size) await Promise.allSettled([...pending]);
    },
    startupNotes: (base) => [
      `data: ${backend.driver === 'pglite' ? `embedded PGlite in ${backend.location}` : backend.driver === 'memory' ? 'in memory (kept until the process stops)' : `PostgreSQL ${backend.location}`}`,
      `messengers: ${[local ? 'local' : '', config.feishu ? `feishu (${config.feishu.mode}${config.feishu.mode === 'webhook' ? `: ${base}/feishu/events and ${base}/feishu/cards` : ''})` : ''].filter(Boolean).join(', ') || 'none configured'}`,
      ...(config.dingtalk
        ? [
            `dingtalk: ${config.dingtalk.mode === 'http' ? `robot messages at ${base}/dingtalk/events, card callbacks at ${base}/dingtalk/cards` : 'Stream mode'}`,
          ]
        : []),
      `public results page: ${base}/public`,
      ...(local ? [`local chat simulator: ${base}/local  (open it in a browser and type /draw … as the leader)`] : []),
    ],
    /** Bounded: the outbox and background work get SHUTDOWN_GRACE_SECONDS, then claims are released. */
    stop: async () => {
      const graceMs = config.shutdownGraceSeconds * 1000;
      health.stop();
      longConnection?.close();
      dingtalk?.stream?.close();
      await scheduler?.stop();
      await inbox?.stop(graceMs);
      await outbox.stop(graceMs);
      await withinBudget(Promise.allSettled([...pending]), graceMs);
      await backend.close();
    },
  };
}

// ---- DingTalk wiring -------------------------------------------------------------------------

export interface DingtalkRuntime {
  messenger: DingtalkMessenger;
  dispatchDeps: DingtalkDispatchDeps;
  stream?: DingtalkStream;
  mount?: { path: string; app: Hono };
}

function dingtalkClientOptions(d: NonNullable<Config['dingtalk']>, logger: Logger) {
  return {
    appKey: d.appKey,
    appSecret: d.appSecret,
    robotCode: d.robotCode,
    baseUrl: d.baseUrl,
    templates: d.templates,
    callback: d.mode === 'stream' ? ({ type: 'STREAM' } as const) : ({ type: 'HTTP', routeKey: d.cardRouteKey } as const),
    logger,
  };
}

/** The DingTalk callbacks: a Hono sub-app (HTTP mode) or the Stream connection (stream mode). */
function wireDingtalk(
  d: NonNullable<Config['dingtalk']>,
  ctx: { messenger: DingtalkMessenger; sink: InboundSink; runInBackground: (p: Promise<unknown>) => void; logger: Logger; clock: Clock; connect: boolean },
): DingtalkRuntime {
  const dispatchDeps: DingtalkDispatchDeps = { sink: ctx.sink, messenger: ctx.messenger, runInBackground: ctx.runInBackground, logger: ctx.logger };
  if (d.mode === 'stream') {
    const stream = ctx.connect ? startDingtalkStream({ ...dispatchDeps, appKey: d.appKey, appSecret: d.appSecret, baseUrl: d.baseUrl }) : undefined;
    return { messenger: ctx.messenger, dispatchDeps, stream };
  }
  const app = createDingtalkWebhook({ ...dispatchDeps, appSecret: d.appSecret, clock: () => ctx.clock.now() });
  return { messenger: ctx.messenger, dispatchDeps, mount: { path: '/dingtalk', app } };
}

function streamHealth(stream: DingtalkStream) {
  const s = stream.status();
  return { ok: s.state === 'connected', ...s };
}
