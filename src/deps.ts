import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Hono } from 'hono';
import { asc, isNotNull } from 'drizzle-orm';
import type { Config } from './config';
import { systemClock, type Clock } from './app/ports/clock';
import type { Messenger, Platform } from './app/ports/messenger';
import type { RandomSource } from './app/ports/random';
import { createFeishuChatKinds, createFeishuMessenger, createFeishuWebhook, startFeishuLongConnection, type FeishuDispatchDeps } from './bot/feishu';
import type { FeishuLogger, FeishuMessenger } from './bot/feishu/client';
import { createLocalChat, LocalMessenger, type LocalPerson } from './bot/local';
import type { Dispatcher } from './app/dispatch';
import { createRouter, hasUnsafeText } from './bot/router';
import { openDatabase, writeProbe, type Database } from './db/client';
import { redactingLogger } from './log-redact';
import { createHealthMonitor, type HealthCheck, type HealthMonitor } from './web/health';
import { databaseCheck, messengerCheck, outboxCheck } from './web/health-checks';
import { localChatGuard } from './web/local-guard';
import { people } from './db/schema';
import { ensureCatalog } from './db/seed/catalog';
import { seedDemoIfEmpty } from './db/seed/demo';
import { createDrizzleStore } from './db/store';
import { shanghaiDate } from './domain/workdays';
import { createOutboxSender, type OutboxSender } from './jobs/outbox-sender';
import { JOBS } from './jobs/schedule';
import { createNodeScheduler } from './jobs/scheduler.node.ts'; // explicit: a bare '.node' would mean a native addon
import type { Logger } from './logger';
import { createApp } from './server';
import { publicRoutes } from './web/public-page';
import { publicQueries } from './db/repos/public-repo';
import { jobRunRepo } from './db/repos/job-run-repo';
import { outboxDeliveryRepo } from './db/repos/outbox-delivery-repo';
import { installationId } from './db/repos/installation-repo';
import { cardBindingRepo } from './db/repos/card-binding-repo';
import { inboxRepo } from './db/repos/inbox-repo';
import { createInboxProcessor, type InboxProcessor } from './bot/inbox-processor';
import type { InboundEvent } from './bot/inbound-event';
import { reportUndelivered } from './app/use-cases/report-undelivered';
import { retentionRepo } from './db/repos/retention-repo';
import { VERSION } from './version';

export const cryptoRandom: RandomSource = { bytes: (n) => new Uint8Array(randomBytes(n)) };

export interface NodeRuntime {
  app: Hono;
  database: Database;
  outbox: OutboxSender;
  /** The durable inbox of platform deliveries; tests drain it by hand. */
  inbox: InboxProcessor;
  /** `/healthz`'s cached report; tests refresh it by hand. */
  health: HealthMonitor;
  local?: LocalMessenger;
  /** The Feishu messenger and what its webhook and long connection dispatch with (tests drive the WS path through it). */
  feishu?: { messenger: FeishuMessenger; dispatchDeps: FeishuDispatchDeps };
  /** Resolves when background work (messages acknowledged before they were handled) has finished. */
  settle(): Promise<void>;
  startupNotes(baseUrl: string): string[];
  stop(): Promise<void>;
}

export interface RuntimeOverrides {
  clock?: Clock;
  random?: RandomSource;
  database?: Database;
  /** Start the outbox timer, the wake-up after each commit and the long connection (off in tests, which drain by hand). */
  background?: boolean;
  /** The commands and card actions (default: the application's table). */
  dispatcher?: Dispatcher;
}

function feishuLogger(logger: Logger): FeishuLogger {
  const join = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
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
  ]);
  const clock = overrides.clock ?? systemClock;
  const background = overrides.background ?? true;
  const database = overrides.database ?? (await openDatabase(config));
  logger.info(`database: ${database.driver} at ${database.location} (migrations applied)`);
  if (database.driver === 'pglite' && config.env === 'production') {
    logger.warn(
      'NODE_ENV=production on the embedded PGlite: it is single-process and blocks while it queries; set DATABASE_URL to a PostgreSQL server for real use.',
    );
  }
  await ensureCatalog(database.db);
  if (config.demoData) {
    const seeded = await seedDemoIfEmpty(database.db, shanghaiDate(clock.now()), clock.now());
    logger.info(
      seeded.seeded ? 'demo data loaded: fictional 偃师区应急管理局 with about 300 enterprises and 30 officers' : `demo data not loaded: ${seeded.reason}`,
    );
  }
  const store = createDrizzleStore(database.db, clock);
  const messengers: Partial<Record<Platform, Messenger>> = {};
  const local = config.localChat ? new LocalMessenger(() => clock.now()) : undefined;
  if (local) messengers.local = local;
  const feishu = config.feishu
    ? createFeishuMessenger({ appId: config.feishu.appId, appSecret: config.feishu.appSecret, baseUrl: config.feishu.baseUrl, logger: feishuLogger(logger) })
    : undefined;
  if (feishu) messengers.feishu = feishu;

  const platforms = Object.keys(messengers) as Platform[];
  const deliveryRepo = outboxDeliveryRepo(database.db);
  const cards = cardBindingRepo(database.db);
  const outbox: OutboxSender = createOutboxSender({
    outbox: deliveryRepo,
    messengers,
    clock,
    logger,
    installationId: await installationId(database.db),
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
  });
  const pending = new Set<Promise<unknown>>();
  const runInBackground = (p: Promise<unknown>) => {
    const tracked = p.catch((error: unknown) => logger.error('background work failed', { error })).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  const inbox = createInboxProcessor({
    inbox: inboxRepo(database.db),
    sink,
    clock,
    logger,
    concurrency: config.inboxConcurrency ?? (database.driver === 'pglite' ? 1 : 8),
    maxBacklog: config.inboxMaxBacklog,
  });
  const accept = async (event: InboundEvent) => {
    // A NUL cannot be stored in jsonb; the router refuses such an event without storing its text.
    if (hasUnsafeText(event)) {
      runInBackground(sink(event));
      return 'accepted' as const;
    }
    const result = await inbox.accept(event);
    if (result === 'accepted' && background) inbox.wake();
    return result;
  };
  const mounts: Array<{ path: string; app: Hono }> = [{ path: '/public', app: publicRoutes(publicQueries(database.db, store)) }];
  if (local) {
    const listPeople = async (): Promise<LocalPerson[]> =>
      (await database.db
        .select({ localId: people.localId, name: people.name, role: people.role, unit: people.unit })
        .from(people)
        .where(isNotNull(people.localId))
        .orderBy(asc(people.id))) as LocalPerson[];
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
  let botOpenId: string | undefined;
  let longConnection: ReturnType<typeof startFeishuLongConnection> | undefined;
  let feishuDispatch: FeishuDispatchDeps | undefined;
  if (config.feishu && feishu) {
    const f = config.feishu;
    // Card callbacks do not say whether their chat is a group: a bound chat is one.
    const chatKinds = createFeishuChatKinds(async (chatId) => (await store.transaction((r) => r.directory.agencyOfChat('feishu', chatId))) !== undefined);
    feishuDispatch = { sink, messenger: feishu, runInBackground, logger: feishuLogger(logger), botOpenId: () => botOpenId, chatKinds, accept };
    if (background) {
      feishu.botInfo().then(
        (info) => {
          botOpenId = info.openId;
          logger.info(`feishu bot: ${info.name} (${info.openId})`);
        },
        (error: unknown) => logger.warn('feishu: could not read the bot info; group messages are matched by mention type', { error }),
      );
    }
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
          config: { encryptKey: f.encryptKey, verificationToken: f.verificationToken, botOpenId: () => botOpenId },
          clock: () => clock.now(),
        }),
      });
    }
  }
  const probeInstance = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const checks: HealthCheck[] = [
    databaseCheck({
      driver: database.driver,
      clock,
      write: (at) => (database.probeWrite ? database.probeWrite(probeInstance, at) : writeProbe(database.db, probeInstance, at)),
    }),
  ];
  if (config.feishu && feishu) {
    checks.push(
      messengerCheck('feishu', {
        mode: config.feishu.mode,
        connection: config.feishu.mode === 'ws' && background ? () => longConnection?.state() : undefined,
        delivery: () => outbox.deliveryStatus('feishu'),
      }),
    );
  }
  checks.push(outboxCheck({ outbox: deliveryRepo, clock }));
  const health = createHealthMonitor({ checks, version: VERSION, now: () => clock.now() });
  if (background) health.start();
  const app = createApp({ logger, health, mounts });
  if (background) {
    outbox.start();
    inbox.start();
  }
  // The 09:00 reminders (one job table, node-cron in UTC); today's missed slot is caught up now.
  const scheduler =
    config.scheduler && background
      ? createNodeScheduler({
          jobs: JOBS,
          runs: jobRunRepo(database.db),
          context: { store, retention: retentionRepo(database.db), clock, logger, wakeOutbox: () => outbox.wake() },
        })
      : undefined;
  scheduler?.start();
  return {
    app,
    database,
    outbox,
    health,
    local,
    ...(feishu && feishuDispatch ? { feishu: { messenger: feishu, dispatchDeps: feishuDispatch } } : {}),
    inbox,
    settle: async () => {
      await inbox.drain();
      while (pending.size) await Promise.allSettled([...pending]);
    },
    startupNotes: (base) => [
      `data: ${database.driver === 'pglite' ? `embedded PGlite in ${database.location}` : `PostgreSQL ${database.location}`}`,
      `messengers: ${[local ? 'local' : '', config.feishu ? `feishu (${config.feishu.mode}${config.feishu.mode === 'webhook' ? `: ${base}/feishu/events and ${base}/feishu/cards` : ''})` : ''].filter(Boolean).join(', ') || 'none configured'}`,
      `public results page: ${base}/public`,
      ...(local ? [`local chat simulator: ${base}/local  (open it in a browser and type /draw … as the leader)`] : []),
    ],
    /** Bounded: the outbox and background work get SHUTDOWN_GRACE_SECONDS, then claims are released. */
    stop: async () => {
      const graceMs = config.shutdownGraceSeconds * 1000;
      health.stop();
      longConnection?.close();
      await scheduler?.stop();
      await inbox.stop(graceMs);
      await outbox.stop(graceMs);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...pending]), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
      clearTimeout(timer);
      await database.close();
    },
  };
}
