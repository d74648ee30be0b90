/**
 * The wiring both entry points share: concrete adapters into the ports, the router, the outbox
 * sender, the durable inbox, the messenger webhooks, `/healthz` and the HTTP app.
 *
 * Node (src/deps.ts) builds it once per process and adds what needs a long-lived process: the
 * local chat, the Feishu long connection, the DingTalk Stream connection, the timers and the
 * scheduler. A Worker (src/worker/) builds it once per invocation over that invocation's
 * database client. Nothing imported here may need the filesystem, PGlite, a socket server or a
 * long connection: this module is bundled for workerd (the Workers test checks the bundle).
 */
import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { Config } from './config';
import { systemClock, type Clock } from './app/ports/clock';
import { PlatformRejectedError, type Messenger, type Platform } from './app/ports/messenger';
import { MAX_REGISTER_FILE_BYTES } from './app/ports/registers';
import type { RandomSource } from './app/ports/random';
import type { Dispatcher } from './app/dispatch';
import type { JobRunRepo } from './app/ports/job-runs';
import { reportUndelivered } from './app/use-cases/report-undelivered';
import { createFeishuChatKinds } from './bot/feishu/chat-kinds';
import { createBotIdentity, type BotIdentity } from './bot/feishu/bot-identity';
import { createFeishuMessenger, type FeishuLogger, type FeishuMessenger } from './bot/feishu/client';
import { createFeishuWebhook, type FeishuDispatchDeps } from './bot/feishu/webhook';
import { createDingtalkMessenger, type DingtalkMessenger } from './bot/dingtalk/client';
import type { DingtalkStream } from './bot/dingtalk/stream';
import { createDingtalkWebhook, type DingtalkDispatchDeps } from './bot/dingtalk/webhook';
import type { InboundEvent } from './app/ports/inbound-event';
import type { InboundSink } from './bot/inbound-sink';
import { createInboxProcessor, type InboxProcessor } from './bot/inbox-processor';
import type { LocalMessenger } from './bot/local/client';
import { createRouter, hasUnsafeText } from './bot/router';
import type { Backend } from './db/backend';
import { jobRunRepo } from './db/repos/job-run-repo';
import { retentionRepo } from './db/repos/retention-repo';
import { createOutboxSender, type OutboxSender } from './jobs/outbox-sender';
import type { RateLimiter } from './jobs/rate-limiter';
import type { JobContext } from './jobs/schedule';
import { redactingLogger } from './log-redact';
import { logValue, type Logger } from './logger';
import { createApp } from './server';
import { VERSION } from './version';
import { createHealthMonitor, type HealthCheck, type HealthMonitor } from './web/health';
import { beaconCheck, databaseCheck, messengerCheck, outboxCheck } from './web/health-checks';
import { publicRoutes } from './web/public-page';
import { auditHeadsRoutes } from './web/audit-heads-page';
import type { Beacon } from './app/ports/beacon';
import type { AppFiles } from './app/use-case';
import { observeBeacon } from './beacon/observed';
import { withinBudget } from './within-budget';
import { spreadsheetWriter } from './export/workbook';

/** Randomness for draws and nonces (`node:crypto`, which Workers have with nodejs_compat). */
export const cryptoRandom: RandomSource = { bytes: (n) => new Uint8Array(randomBytes(n)) };

export type Mount = { path: string; app: Hono };

/** A long connection a messenger holds open (Node only), as `/healthz` reports it. */
export interface LongConnection {
  state(): { state: string; since: Date; lastError?: string } | undefined;
  close(): void;
}

export interface RuntimeOptions {
  clock?: Clock;
  random?: RandomSource;
  /** The installation's draw key, kept outside the database (Node: DRAW_KEY or its key file; Workers: the DRAW_KEY secret). */
  drawKey: Uint8Array;
  /** The public randomness beacon draws commit to; none on an offline installation. */
  beacon?: Beacon;
  /** Where evidence and issued documents are kept, and the .docx renderer (Node: DATA_DIR/evidence; Workers: an R2 bucket); none: documents and uploads are refused. */
  files?: AppFiles;
  /** The outbox sender's pacing (default: a margin under Feishu's limits). */
  limiter?: RateLimiter;
  /** The commands and card actions (default: the application's table). */
  dispatcher?: Dispatcher;
  /** Wake the outbox after each commit and the inbox after each accepted delivery, and read the Feishu bot's identity. */
  wake: boolean;
  /** A long-lived process: the outbox and inbox timers, the periodic health refresh, the bot identity read at start. */
  timers: boolean;
  /** This instance's name in the health probe table. */
  instanceId: string;
  /** Deliveries processed at once (default: the config's, else 1 on PGlite and 8 on PostgreSQL). */
  inboxConcurrency?: number;
  /** Known already (a Worker keeps it between invocations); default: read from the database. */
  installationId?: string;
  /** Messengers made elsewhere: the local chat (Node), or Feishu/DingTalk kept between a Worker's invocations (token caches). */
  messengers?: { local?: LocalMessenger; feishu?: FeishuMessenger; dingtalk?: DingtalkMessenger };
  /** The Feishu bot's identity, kept between a Worker's invocations. */
  feishuBot?: BotIdentity;
  /** Sub-apps built on the router and the outbox (the local chat on Node). */
  mounts?: (parts: { sink: InboundSink; outbox: OutboxSender }) => Mount[];
  /** Opens the Feishu long connection (Node, FEISHU_MODE=ws). */
  feishuLongConnection?: (deps: FeishuDispatchDeps) => LongConnection;
  /** Opens the DingTalk Stream connection (Node, DINGTALK_MODE=stream). */
  dingtalkStream?: (deps: DingtalkDispatchDeps) => DingtalkStream;
}

export interface DingtalkRuntime {
  messenger: DingtalkMessenger;
  dispatchDeps: DingtalkDispatchDeps;
  stream?: DingtalkStream;
  mount?: Mount;
}

export interface Runtime {
  app: Hono;
  /** The logger with every secret of the config masked. */
  logger: Logger;
  /** Where the data lives (its store, outbox queue, …). */
  backend: Backend;
  outbox: OutboxSender;
  /** The durable inbox of platform deliveries (on a database); tests drain it by hand. */
  inbox?: InboxProcessor;
  /** `/healthz`'s cached report; tests refresh it by hand. */
  health: HealthMonitor;
  /** The Feishu messenger and what its webhook and long connection dispatch with. */
  feishu?: { messenger: FeishuMessenger; dispatchDeps: FeishuDispatchDeps; bot: BotIdentity };
  /** The DingTalk messenger, what its callbacks dispatch with, and the Stream connection in stream mode. */
  dingtalk?: DingtalkRuntime;
  /** What the scheduled jobs run with (on a database: the job ledger is a table). */
  jobs?: { runs: JobRunRepo; context: JobContext };
  /** Resolves when background work (messages acknowledged before they were handled) has finished. */
  settle(): Promise<void>;
  /** Bounded: the inbox, the outbox and background work get `graceMs`, then claims are released. Does not close the backend. */
  stop(graceMs: number): Promise<void>;
}

export function feishuLogger(logger: Logger): FeishuLogger {
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

/** The logger every part gets: nothing logs a secret, at any level (an axios error at debug carries the app secret). */
export function runtimeLogger(config: Config, rawLogger: Logger, extraSecrets: Array<string | undefined> = []): Logger {
  return redactingLogger(rawLogger, [
    config.feishu?.appSecret,
    config.feishu?.encryptKey,
    config.feishu?.verificationToken,
    config.databaseUrl ? passwordOf(config.databaseUrl) : undefined,
    config.migrationDatabaseUrl ? passwordOf(config.migrationDatabaseUrl) : undefined,
    config.localChatToken,
    config.dingtalk?.appSecret,
    ...extraSecrets,
  ]);
}

export function createFeishuMessengerFor(f: NonNullable<Config['feishu']>, logger: Logger): FeishuMessenger {
  return createFeishuMessenger({ appId: f.appId, appSecret: f.appSecret, baseUrl: f.baseUrl, logger: feishuLogger(logger) });
}

export function createDingtalkMessengerFor(d: NonNullable<Config['dingtalk']>, logger: Logger): DingtalkMessenger {
  return createDingtalkMessenger({
    appKey: d.appKey,
    appSecret: d.appSecret,
    robotCode: d.robotCode,
    baseUrl: d.baseUrl,
    oapiBaseUrl: d.oapiBaseUrl,
    templates: d.templates,
    callback: d.mode === 'stream' ? ({ type: 'STREAM' } as const) : ({ type: 'HTTP', routeKey: d.cardRouteKey } as const),
    logger,
  });
}

export function createFeishuBot(messenger: FeishuMessenger, logger: Logger, clock: Clock): BotIdentity {
  return createBotIdentity(
    () => messenger.botInfo(),
    logger,
    () => clock.now().getTime(),
  );
}

/** What is weak in a config that works: logged once by the host (at start on Node, per isolate on Workers). */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.feishu?.mode === 'webhook' && !config.feishu.encryptKey) {
    warnings.push(
      'FEISHU_ENCRYPT_KEY is not set: deliveries are checked by verification token only, without a signature. Set an Encrypt Key in the Feishu console.',
    );
  }
  return warnings;
}

/** Builds the runtime over `backend`; `logger` is already {@link runtimeLogger}'s. */
export async function buildRuntime(config: Config, logger: Logger, backend: Backend, options: RuntimeOptions): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const { wake, timers } = options;
  const { store, cards } = backend;
  const messengers: Partial<Record<Platform, Messenger>> = {};
  const local = options.messengers?.local;
  if (local) messengers.local = local;
  const feishu = options.messengers?.feishu ?? (config.feishu ? createFeishuMessengerFor(config.feishu, logger) : undefined);
  if (feishu) messengers.feishu = feishu;
  const dingtalkMessenger = options.messengers?.dingtalk ?? (config.dingtalk ? createDingtalkMessengerFor(config.dingtalk, logger) : undefined);
  if (dingtalkMessenger) messengers.dingtalk = dingtalkMessenger;

  const platforms = Object.keys(messengers) as Platform[];
  const outbox: OutboxSender = createOutboxSender({
    outbox: backend.outbox,
    messengers,
    clock,
    logger,
    limiter: options.limiter,
    installationId: options.installationId ?? (await backend.installationId()),
    cards,
    retryForSeconds: config.outboxRetryHours * 3600,
    report: async (report) => {
      const queued = await store.transaction((repos) => reportUndelivered(repos, { clock }, report, platforms));
      if (queued === 0) logger.error('undelivered message: no administrator with an account to tell', { id: report.row.id, kind: report.kind });
      else if (wake) outbox.wake();
    },
  });
  const beacon = options.beacon ? observeBeacon(options.beacon, () => clock.now()) : undefined;
  const sink = createRouter({
    store,
    env: {
      clock,
      random: options.random ?? cryptoRandom,
      drawKey: options.drawKey,
      spreadsheets: spreadsheetWriter,
      ...(beacon ? { beacon: beacon.beacon } : {}),
      ...(config.publicBaseUrl ? { publicBaseUrl: config.publicBaseUrl } : {}),
      ...(options.files ? { files: options.files } : {}),
    },
    logger,
    dispatcher: options.dispatcher,
    cards,
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
        batch: sink.batch,
        clock,
        logger,
        concurrency: options.inboxConcurrency ?? config.inboxConcurrency ?? (backend.driver === 'pglite' ? 1 : 8),
        acknowledgementsFirst: backend.driver === 'pglite',
        acknowledgementWriters: backend.driver === 'pglite' ? 1 : 2,
        maxBacklog: config.inboxMaxBacklog,
        admissionWaitMs: config.inboxAdmissionWaitSeconds * 1000,
      })
    : undefined;
  const busy = async () => !(await (inbox?.room() ?? true));
  const accept = async (event: InboundEvent) => {
    // A NUL cannot be stored in jsonb; the router refuses such an event without storing its text.
    if (!inbox || hasUnsafeText(event)) {
      runInBackground(sink(event));
      return 'accepted' as const;
    }
    const result = await inbox.accept(event);
    if (result === 'accepted' && wake) inbox.wake();
    return result;
  };
  const mounts: Mount[] = [
    { path: '/public', app: publicRoutes({ store, clock }) },
    { path: '/public', app: auditHeadsRoutes(() => store.transaction((repos) => repos.audit.dailyHeads())) },
    ...(options.mounts?.({ sink, outbox }) ?? []),
  ];

  let longConnection: LongConnection | undefined;
  let feishuParts: Runtime['feishu'];
  if (config.feishu && feishu) {
    const f = config.feishu;
    // Card callbacks do not say whether their chat is a group: a bound chat is one.
    const chatKinds = createFeishuChatKinds(async (chatId) => (await store.transaction((r) => r.directory.agencyOfChat('feishu', chatId))) !== undefined);
    const bot = options.feishuBot ?? createFeishuBot(feishu, logger, clock);
    const botOpenId = () => (wake ? bot.openId() : undefined);
    const dispatchDeps: FeishuDispatchDeps = { sink, messenger: feishu, runInBackground, logger: feishuLogger(logger), botOpenId, chatKinds, accept, busy };
    feishuParts = { messenger: feishu, dispatchDeps, bot };
    if (timers) bot.start();
    if (f.mode === 'ws') {
      longConnection = options.feishuLongConnection?.(dispatchDeps);
    } else {
      mounts.push({
        path: '/feishu',
        app: createFeishuWebhook({
          ...dispatchDeps,
          config: { encryptKey: f.encryptKey, verificationToken: f.verificationToken, botOpenId },
          clock: () => clock.now(),
        }),
      });
    }
  }
  // DingTalk: `/dingtalk/events` and `/dingtalk/cards` in HTTP mode, the Stream connection in stream mode.
  let dingtalk: DingtalkRuntime | undefined;
  if (config.dingtalk && dingtalkMessenger) {
    const d = config.dingtalk;
    const dispatchDeps: DingtalkDispatchDeps = { sink, messenger: dingtalkMessenger, runInBackground, logger, accept, busy };
    dingtalk =
      d.mode === 'stream'
        ? { messenger: dingtalkMessenger, dispatchDeps, stream: options.dingtalkStream?.(dispatchDeps) }
        : {
            messenger: dingtalkMessenger,
            dispatchDeps,
            mount: { path: '/dingtalk', app: createDingtalkWebhook({ ...dispatchDeps, appSecret: d.appSecret, clock: () => clock.now() }) },
          };
    if (dingtalk.mount) mounts.push(dingtalk.mount);
  }

  const checks: HealthCheck[] = [databaseCheck({ driver: backend.driver, clock, write: (at) => backend.probeWrite(options.instanceId, at) })];
  if (config.feishu && feishu) {
    checks.push(
      messengerCheck('feishu', {
        mode: config.feishu.mode,
        connection: config.feishu.mode === 'ws' && longConnection ? () => longConnection?.state() : undefined,
        delivery: () => outbox.deliveryStatus('feishu'),
      }),
    );
  }
  if (dingtalk && config.dingtalk) {
    // Stream mode: a bot whose connection is down hears nothing. Either mode: refused credentials are down.
    const stream = dingtalk.stream;
    checks.push(
      messengerCheck('dingtalk', {
        mode: config.dingtalk.mode,
        connection: stream
          ? () => {
              const s = stream.status();
              return { state: s.state, since: new Date(s.since), ...(s.lastError ? { lastError: s.lastError } : {}) };
            }
          : undefined,
        delivery: () => outbox.deliveryStatus('dingtalk'),
      }),
    );
  }
  if (beacon) checks.push(beaconCheck(beacon.status));
  checks.push(outboxCheck({ outbox: backend.outbox, clock }));
  const health = createHealthMonitor({ checks, version: VERSION, now: () => clock.now() });
  // A register file may be uploaded in the local chat (the router then takes at most MAX_REGISTER_FILE_BYTES).
  const app = createApp({ logger, health, mounts, bodyLimitOverrides: [{ path: '/local/api/upload', maxSize: MAX_REGISTER_FILE_BYTES + 1024 }] });
  if (timers) {
    health.start();
    outbox.start();
    inbox?.start();
  }
  // The scheduler keeps its runs in the database (job_runs): no jobs without one.
  const db = backend.database?.db;
  const jobs = db
    ? {
        runs: jobRunRepo(db),
        context: { store, retention: retentionRepo(db), clock, logger, wakeOutbox: () => outbox.wake(), publicBaseUrl: config.publicBaseUrl, platforms },
      }
    : undefined;

  return {
    app,
    logger,
    backend,
    outbox,
    health,
    ...(feishuParts ? { feishu: feishuParts } : {}),
    ...(dingtalk ? { dingtalk } : {}),
    ...(inbox ? { inbox } : {}),
    ...(jobs ? { jobs } : {}),
    settle: async () => {
      await inbox?.drain();
      while (pending.size) await Promise.allSettled([...pending]);
    },
    stop: async (graceMs) => {
      health.stop();
      longConnection?.close();
      dingtalk?.stream?.close();
      await inbox?.stop(graceMs);
      await outbox.stop(graceMs);
      await withinBudget(Promise.allSettled([...pending]), graceMs);
    },
  };
}
