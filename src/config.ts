import { z } from 'zod';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/**
 * Every environment variable the bot reads, with its default. Read once at start-up; an
 * invalid value stops the start with a message naming the variable. README lists them.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL URL; unset means the embedded PGlite in DATA_DIR. */
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, '应以 postgres:// 或 postgresql:// 开头')
      .optional(),
  ),
  /**
   * The owner's PostgreSQL URL: the migrations run as that role, which grants the role of
   * DATABASE_URL what the server needs (README "Database roles"). Unset: DATABASE_URL migrates.
   */
  MIGRATION_DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, '应以 postgres:// 或 postgresql:// 开头')
      .optional(),
  ),
  DATA_DIR: z.string().min(1).default('./data'),
  /**
   * PGlite's buffer cache (PostgreSQL's shared_buffers), touched in full at start: its default of
   * 128 MB alone kept an idle bot above 400 MB. Pages outside it are read from the file system,
   * which the operating system caches anyway.
   */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^[1-9]\d{0,5}(kB|MB|GB)$/, 'must be a size such as 32MB')
    .default('32MB'),
  /**
   * The installation's draw key (64 hex digits), from which draws' secrets are derived. Unset:
   * read from DRAW_KEY_FILE, created there at first start. Kept outside the database.
   */
  DRAW_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制数字（32 字节），例如用 `openssl rand -hex 32` 生成')
      .optional(),
  ),
  /** Where the draw key is kept when DRAW_KEY is unset; must be outside DATA_DIR (back it up apart from the database). */
  DRAW_KEY_FILE: z.string().min(1).default('./secrets/draw.key'),
  /** Load the fictional 偃师区 demo data when the database is empty (never over real data). */
  DEMO_DATA: flag,
  /** Force the local chat simulator on (1) or off (0). Default: on unless production or a messenger is set. */
  LOCAL_CHAT: flag,
  /** Required to use the local chat simulator in production (it lets its user act as anyone). */
  LOCAL_CHAT_TOKEN: optionalText,
  /** Public address of this server, used in links on cards (the public results page). */
  PUBLIC_BASE_URL: optionalText.pipe(z.string().url().optional()),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Run the 09:00 reminder schedule in this process. */
  SCHEDULER: flag,
  FEISHU_APP_ID: optionalText,
  FEISHU_APP_SECRET: optionalText,
  FEISHU_ENCRYPT_KEY: optionalText,
  FEISHU_VERIFICATION_TOKEN: optionalText,
  FEISHU_BASE_URL: z.string().url().default('https://open.feishu.cn'),
  FEISHU_MODE: z.enum(['webhook', 'ws']).default('webhook'),
  // DingTalk (enterprise internal app with a robot); see README "DingTalk setup".
  DINGTALK_APP_KEY: optionalText,
  DINGTALK_APP_SECRET: optionalText,
  /** The robot's code; for an enterprise internal app it is the AppKey (the default). */
  DINGTALK_ROBOT_CODE: optionalText,
  DINGTALK_MODE: z.enum(['http', 'stream']).default('http'),
  DINGTALK_BASE_URL: z.string().url().default('https://api.dingtalk.com'),
  /** The older API host (media upload, contact lookup). Default: https://oapi.dingtalk.com, or DINGTALK_BASE_URL when that is not DingTalk's (a fake). */
  DINGTALK_OAPI_BASE_URL: z.string().url().optional(),
  /** Ids (`….schema`) of the two card templates of docs/dingtalk-templates, registered in the card platform. */
  DINGTALK_CARD_TEMPLATE_ID: optionalText,
  DINGTALK_FORM_TEMPLATE_ID: optionalText,
  /** The callbackRouteKey the HTTP card callback URL is registered under (HTTP mode only). */
  DINGTALK_CARD_ROUTE_KEY: optionalText,
  /** Hours a message is retried through transient failures before it counts as failed. */
  OUTBOX_RETRY_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  /** Platform deliveries waiting in the inbox beyond which new ones are answered 503 (the platform retries). */
  INBOX_MAX_BACKLOG: z.coerce.number().int().positive().default(5000),
  /**
   * Seconds a delivery arriving at a full inbox waits for room before its 503 (0: refused at once).
   * At most 2: the platform's answer must come inside Feishu's 3 s.
   */
  INBOX_ADMISSION_WAIT_SECONDS: z.coerce.number().min(0).max(2).default(1),
  /** Deliveries processed at once (default: 1 on PGlite, 8 on PostgreSQL). */
  INBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** How far V8's heap may grow past what the last full collection kept, in percent (src/heap-growth.ts). */
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(10).max(400).default(20),
  /** Seconds a shutdown waits for the send in progress before releasing its claims. */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(60).default(5),
  /**
   * drand relay for the public randomness mixed into draws (the quicknet chain, pinned in
   * src/domain/draw/beacon.ts); `off` for an offline installation. Default: https://api.drand.sh
   * in production, off otherwise (the local demo must work without the internet).
   */
  DRAND_URL: optionalText.pipe(z.union([z.literal('off'), z.url({ protocol: /^https?$/, error: '应为 http(s) 地址或 off' })]).optional()),
  /** Seconds execution keeps trying the relay once the committed round is due (or from a retry). */
  DRAND_TIMEOUT_SECONDS: z.coerce.number().min(5).max(3600).default(60),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface Config {
  env: RawConfig['NODE_ENV'];
  port: number;
  host: string;
  databaseUrl?: string;
  /** The owner's URL for the migrations (README "Database roles"). */
  migrationDatabaseUrl?: string;
  dataDir: string;
  /** PGlite's shared_buffers, e.g. `32MB`. */
  pgliteSharedBuffers: string;
  /** The draw key as configured (hex), or the file it is kept in. */
  drawKey: { hex: string } | { file: string };
  demoData: boolean;
  localChat: boolean;
  /** When set, the local chat answers only requests carrying it (always set in production). */
  localChatToken?: string;
  publicBaseUrl?: string;
  logLevel: RawConfig['LOG_LEVEL'];
  scheduler: boolean;
  outboxRetryHours: number;
  inboxMaxBacklog: number;
  inboxAdmissionWaitSeconds: number;
  inboxConcurrency?: number;
  heapGrowingPercent: number;
  shutdownGraceSeconds: number;
  /** The drand relay; undefined when `DRAND_URL=off` (draws then use no public randomness). */
  drand?: { url: string; timeoutSeconds: number };
  feishu?: {
    appId: string;
    appSecret: string;
    encryptKey?: string;
    verificationToken: string;
    baseUrl: string;
    mode: 'webhook' | 'ws';
  };
  dingtalk?: {
    appKey: string;
    appSecret: string;
    robotCode: string;
    mode: 'http' | 'stream';
    baseUrl: string;
    oapiBaseUrl: string;
    templates: { general: string; form?: string };
    cardRouteKey: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`环境变量设置有误：\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}（当前值 ${JSON.stringify(env[String(i.path[0])])}）`));
  }
  const c = parsed.data;
  const feishuVars = [c.FEISHU_APP_ID, c.FEISHU_APP_SECRET, c.FEISHU_VERIFICATION_TOKEN];
  if (feishuVars.some(Boolean) && !feishuVars.every(Boolean)) {
    throw new ConfigError(['FEISHU_APP_ID、FEISHU_APP_SECRET、FEISHU_VERIFICATION_TOKEN：启用飞书须三项都设置，不用飞书则都不设置']);
  }
  const feishu = c.FEISHU_APP_ID
    ? {
        appId: c.FEISHU_APP_ID,
        appSecret: c.FEISHU_APP_SECRET!,
        encryptKey: c.FEISHU_ENCRYPT_KEY,
        verificationToken: c.FEISHU_VERIFICATION_TOKEN!,
        baseUrl: c.FEISHU_BASE_URL.replace(/\/+$/, ''),
        mode: c.FEISHU_MODE,
      }
    : undefined;
  if (c.MIGRATION_DATABASE_URL && !c.DATABASE_URL) {
    throw new ConfigError([
      'MIGRATION_DATABASE_URL：须同时设置 DATABASE_URL（服务器运行时使用的角色）；MIGRATION_DATABASE_URL 只用于以数据表所有者身份执行迁移',
    ]);
  }
  const dingtalk = dingtalkConfig(c);
  const production = c.NODE_ENV === 'production';
  const localChat = c.LOCAL_CHAT ?? (!production && !feishu && !dingtalk);
  if (production && localChat && (c.LOCAL_CHAT_TOKEN ?? '').length < 16) {
    throw new ConfigError(['LOCAL_CHAT：本地模拟聊天可以冒充任何人；生产环境请设置 LOCAL_CHAT_TOKEN（至少 16 个字符），或设 LOCAL_CHAT=0']);
  }
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    ...(c.MIGRATION_DATABASE_URL ? { migrationDatabaseUrl: c.MIGRATION_DATABASE_URL } : {}),
    dataDir: c.DATA_DIR,
    pgliteSharedBuffers: c.PGLITE_SHARED_BUFFERS,
    drawKey: c.DRAW_KEY ? { hex: c.DRAW_KEY.toLowerCase() } : { file: c.DRAW_KEY_FILE },
    demoData: c.DEMO_DATA ?? !production,
    localChat,
    ...(c.LOCAL_CHAT_TOKEN ? { localChatToken: c.LOCAL_CHAT_TOKEN } : {}),
    publicBaseUrl: c.PUBLIC_BASE_URL,
    logLevel: c.LOG_LEVEL,
    scheduler: c.SCHEDULER ?? true,
    outboxRetryHours: c.OUTBOX_RETRY_HOURS,
    inboxMaxBacklog: c.INBOX_MAX_BACKLOG,
    inboxAdmissionWaitSeconds: c.INBOX_ADMISSION_WAIT_SECONDS,
    ...(c.INBOX_CONCURRENCY ? { inboxConcurrency: c.INBOX_CONCURRENCY } : {}),
    heapGrowingPercent: c.HEAP_GROWING_PERCENT,
    shutdownGraceSeconds: c.SHUTDOWN_GRACE_SECONDS,
    ...drandConfig(c, production),
    feishu,
    dingtalk,
  };
}

/** The drand relay: as configured, else api.drand.sh in production and none elsewhere. */
function drandConfig(c: RawConfig, production: boolean): Pick<Config, 'drand'> {
  const url = c.DRAND_URL ?? (production ? DEFAULT_DRAND_URL : 'off');
  return url === 'off' ? {} : { drand: { url: url.replace(/\/+$/, ''), timeoutSeconds: c.DRAND_TIMEOUT_SECONDS } };
}

/** The League of Entropy's public relay. */
export const DEFAULT_DRAND_URL = 'https://api.drand.sh';

/** DingTalk is on when its key, secret and card template are set (all three, or none). */
function dingtalkConfig(c: RawConfig): Config['dingtalk'] {
  const vars = [c.DINGTALK_APP_KEY, c.DINGTALK_APP_SECRET, c.DINGTALK_CARD_TEMPLATE_ID];
  if (!vars.some(Boolean)) return undefined;
  if (!vars.every(Boolean)) {
    throw new ConfigError(['DINGTALK_APP_KEY、DINGTALK_APP_SECRET、DINGTALK_CARD_TEMPLATE_ID：启用钉钉须三项都设置，不用钉钉则都不设置']);
  }
  return {
    appKey: c.DINGTALK_APP_KEY!,
    appSecret: c.DINGTALK_APP_SECRET!,
    robotCode: c.DINGTALK_ROBOT_CODE ?? c.DINGTALK_APP_KEY!,
    mode: c.DINGTALK_MODE,
    baseUrl: c.DINGTALK_BASE_URL.replace(/\/+$/, ''),
    oapiBaseUrl: (
      c.DINGTALK_OAPI_BASE_URL ?? (c.DINGTALK_BASE_URL.replace(/\/+$/, '') === 'https://api.dingtalk.com' ? 'https://oapi.dingtalk.com' : c.DINGTALK_BASE_URL)
    ).replace(/\/+$/, ''),
    templates: { general: c.DINGTALK_CARD_TEMPLATE_ID!, ...(c.DINGTALK_FORM_TEMPLATE_ID ? { form: c.DINGTALK_FORM_TEMPLATE_ID } : {}) },
    cardRouteKey: c.DINGTALK_CARD_ROUTE_KEY ?? 'double-random-bot',
  };
}

/**
 * The configuration of the bot as a Cloudflare Worker (src/main.worker.ts), from its variables
 * and secrets. A Worker answers requests and cron triggers and keeps nothing running between
 * them, so what needs a long-lived process is refused with what to use instead. The database is
 * the Hyperdrive binding (DATABASE_URL is not read); nothing is written at start (the catalog is
 * written by `npm run db:migrate`, the demo data by `npm run seed:demo`).
 */
export function loadWorkerConfig(env: Record<string, string | undefined>): Config {
  const config = loadConfig({ ...env, LOCAL_CHAT: env['LOCAL_CHAT'] ?? '0', DEMO_DATA: env['DEMO_DATA'] ?? '0' });
  const problems: string[] = [];
  if (config.feishu?.mode === 'ws') {
    problems.push(
      'FEISHU_MODE=ws：飞书长连接需要常驻进程（请在 Node 上运行）；在 Workers 上请设 FEISHU_MODE=webhook，并在飞书后台填写 https://<worker>/feishu/events 和 https://<worker>/feishu/cards',
    );
  }
  if (config.dingtalk?.mode === 'stream') {
    problems.push(
      'DINGTALK_MODE=stream：钉钉 Stream 连接需要常驻进程（请在 Node 上运行）；在 Workers 上请设 DINGTALK_MODE=http，并在钉钉后台填写 https://<worker>/dingtalk/events 和 https://<worker>/dingtalk/cards',
    );
  }
  if (config.localChat) {
    problems.push('LOCAL_CHAT：本地模拟聊天需要常驻进程（仅限 Node）；在 Workers 上请不要设置 LOCAL_CHAT');
  }
  if (config.demoData) {
    problems.push('DEMO_DATA：Worker 启动时不写入数据；请用 DATABASE_URL=… npm run seed:demo 载入一次演示数据');
  }
  if (!('hex' in config.drawKey)) {
    problems.push(
      'DRAW_KEY：Worker 没有密钥文件；请用 `wrangler secret put DRAW_KEY` 设置抽取密钥（64 位十六进制数字，例如用 `openssl rand -hex 32` 生成），并与数据库分开保存一份',
    );
  }
  if (problems.length) throw new ConfigError(problems.map((p) => `${p}（Cloudflare Workers）`));
  return config;
}
