import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { CASING, HEALTH_PROBE_APP, INTAKE_APP, pingWith, postgresDatabase, rowsOf, type Database, type Db } from './database';
import { grantRuntimeRole, roleFacts } from './runtime-role';
import { packageRoot } from '../package-root';

/**
 * Opening the database on Node: PGlite in a folder, or PostgreSQL, with the migrations applied.
 * What the rest of the code uses of a database lives in database.ts (also on Workers). Each
 * driver is loaded when it is opened, so a process holds only the one it uses.
 */
export { HEALTH_PROBE_APP, redactUrl, rowsOf, writeProbe, type Database, type Db, type DbOrTx, type Tx } from './database';

export const MIGRATIONS_FOLDER = join(packageRoot(import.meta.url), 'drizzle');

/**
 * Opens PGlite in `dataDir` (or in memory for `memory://`), holding an exclusive lock on the
 * folder: PGlite has none of its own, and two processes on one folder silently lose data
 * (performance-reliability.md §2, pglite#1106).
 */
export async function openPglite(dataDir: string, options: { sharedBuffers?: string } = {}): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const fresh = !inMemory && !existsSync(join(dataDir, 'PG_VERSION'));
  const lock: DataDirLock | undefined = inMemory ? undefined : acquireDataDirLock(dataDir);
  try {
    const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('drizzle-orm/pglite'),
      import('drizzle-orm/pglite/migrator'),
    ]);
    // PGlite's own default (128 MB) is touched in full at start; see PGLITE_SHARED_BUFFERS.
    const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${options.sharedBuffers ?? '32MB'}`];
    const settings = { startParams, parsers: DRIZZLE_PARSERS };
    const client = inMemory ? new PGlite(settings) : new PGlite(dataDir, settings);
    await client.waitReady;
    const orm = drizzlePglite({ client: withoutQueryParsers(client), schema, casing: CASING });
    await migratePglite(orm, { migrationsFolder: MIGRATIONS_FOLDER });
    if (fresh) await collectGarbage();
    const db: Db = orm;
    return {
      db,
      driver: 'pglite',
      location: dataDir,
      ping: () => pingWith(db),
      close: async () => {
        await client.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/** drizzle's parsers for PGlite (drizzle-orm/pglite/session.js): these types are left as PostgreSQL's text. */
const asText = (value: string) => value;
const DRIZZLE_PARSERS: Record<number, (value: string) => unknown> = Object.fromEntries(
  // timestamp, timestamptz, interval, date, numeric[], timestamp[], timestamptz[], interval[], date[]
  [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, asText]),
);

/**
 * The client drizzle is given: queries without the `parsers` drizzle passes with each of them.
 * PGlite merges them into a copy of its 318 parsers for every query, which was a sixth of its
 * JavaScript time under load (and garbage); the same parsers are the instance's own instead
 * (DRIZZLE_PARSERS), so the results are the same. Transactions get the same client.
 */
function withoutQueryParsers<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop === 'query') {
        const query = value as (q: string, params?: unknown[], options?: Record<string, unknown>) => Promise<unknown>;
        return (q: string, params?: unknown[], options?: Record<string, unknown>) => {
          if (!options?.['parsers']) return query.call(target, q, params, options);
          const { parsers: _, ...rest } = options;
          return query.call(target, q, params, rest);
        };
      }
      if (prop === 'transaction') {
        const transaction = value as (fn: (tx: object) => Promise<unknown>) => Promise<unknown>;
        return (fn: (tx: object) => Promise<unknown>) => transaction.call(target, (tx) => fn(withoutQueryParsers(tx)));
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * One full garbage collection. A fresh folder is set up by a second PGlite instance (initdb)
 * whose WebAssembly memory, about 400 MB, is garbage once it is done, but V8 does not count it
 * against its small heap and left it in the process for good (an idle bot at 800 MB instead of
 * 350 MB). `gc` is exposed for the call when node was not started with --expose-gc.
 */
async function collectGarbage(): Promise<void> {
  let gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  // The instance is let go in a finalizer the first collection schedules: a second one frees it.
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc();
}

/** The role of a connection, and whether it could alter the audit tables (owner, member of the owner, or superuser). */
async function connectionRole(db: Db): Promise<{ name: string; ownsAudit: boolean }> {
  const [row] = rowsOf<{ name: string }>(await db.execute(sql`select current_user::text as name`));
  const name = row?.name ?? '';
  const facts = await roleFacts(db, name);
  return { name, ownsAudit: facts.superuser || facts.actsAsOwner };
}

/** Migrations of this release not yet applied to the database (read-only: what a runtime role can check). */
async function pendingMigrations(db: Db): Promise<number> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  let last = 0;
  try {
    const rows = rowsOf<{ created_at: string | number }>(await db.execute(sql`select max(created_at) as created_at from drizzle.__drizzle_migrations`));
    last = Number(rows[0]?.created_at ?? 0);
  } catch {
    return files.length;
  }
  return files.filter((m) => m.folderMillis > last).length;
}

/** Throws, saying what to do, when migrations of this release are not applied. */
async function requireMigrated(db: Db, cause?: unknown): Promise<void> {
  const pending = await pendingMigrations(db);
  if (!pending) return;
  throw new Error(
    `有 ${pending} 个数据库迁移尚未执行，而 DATABASE_URL 的角色不是数据表所有者，无法执行迁移：请把 MIGRATION_DATABASE_URL 设为所有者的连接，或用它运行 \`npm run cli -- db migrate\`（见 README“Database roles”）`,
    cause === undefined ? undefined : { cause },
  );
}

/** Whether a PostgreSQL error is a refused privilege (42501), as a role that does not own the tables meets in a migration. */
function isPrivilegeError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === '42501') return true;
  }
  return false;
}

export interface OpenPostgresOptions {
  max?: number;
  /**
   * `apply` (default): apply the migrations on this connection, whose role must own the tables.
   * `check`: only check that they were applied (by the owner, MIGRATION_DATABASE_URL), as a
   * runtime role that may not create or alter tables does.
   */
  migrations?: 'apply' | 'check';
}

/** Opens PostgreSQL through postgres.js and applies (or checks) the migrations. */
export async function openPostgres(url: string, options: OpenPostgresOptions = {}): Promise<Database> {
  const [{ default: postgres }, { drizzle: drizzlePostgres }, { migrate: migratePostgres }] = await Promise.all([
    import('postgres'),
    import('drizzle-orm/postgres-js'),
    import('drizzle-orm/postgres-js/migrator'),
  ]);
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db: Db = drizzlePostgres({ client, schema, casing: CASING });
  let role: { name: string; ownsAudit: boolean };
  try {
    if (options.migrations === 'check') await requireMigrated(db);
    else {
      try {
        await migratePostgres(drizzlePostgres({ client, schema, casing: CASING }), { migrationsFolder: MIGRATIONS_FOLDER });
      } catch (error) {
        // A runtime role cannot even create the migrations' schema: it may run if the owner applied them all.
        if (!isPrivilegeError(error)) throw error;
        await requireMigrated(db, error);
      }
    }
    role = await connectionRole(db);
  } catch (error) {
    await client.end({ timeout: 1 });
    throw error;
  }
  const database = postgresDatabase(client, {
    url,
    // One connection of its own for the health probe, opened on first use.
    probeClient: () => postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5, idle_timeout: 60, connection: { application_name: HEALTH_PROBE_APP } }),
    // Two connections for recording deliveries before they are acknowledged (see Database.intake).
    intakeClient: () => postgres(url, { max: 2, onnotice: () => {}, idle_timeout: 60, connection: { application_name: INTAKE_APP } }),
  });
  return { ...database, role };
}

/**
 * Two roles on PostgreSQL (README "Database roles"): the migrations run as the owner
 * (`migrationUrl`), which then grants the runtime role of `url` what it needs (never ALTER,
 * DELETE or TRUNCATE on the audit tables), and the returned connection runs as that role.
 */
export async function openPostgresWithOwner(url: string, migrationUrl: string, options: { max?: number } = {}): Promise<Database> {
  const owner = await openPostgres(migrationUrl, { max: 1 });
  try {
    const runtime = await openPostgres(url, { ...options, migrations: 'check' });
    try {
      if (runtime.role && owner.role && runtime.role.name !== owner.role.name) await grantRuntimeRole(owner.db, runtime.role.name);
      return runtime;
    } catch (error) {
      await runtime.close();
      throw error;
    }
  } finally {
    await owner.close();
  }
}

/**
 * `DATABASE_URL` set: PostgreSQL, migrated by the role of `MIGRATION_DATABASE_URL` when that is
 * set (the owner; the server then runs as the role of DATABASE_URL), else by DATABASE_URL's own.
 * Unset: PGlite in `DATA_DIR`.
 */
export function openDatabase(config: {
  databaseUrl?: string;
  migrationDatabaseUrl?: string;
  dataDir: string;
  pgliteSharedBuffers?: string;
}): Promise<Database> {
  if (!config.databaseUrl) return openPglite(config.dataDir, { sharedBuffers: config.pgliteSharedBuffers });
  if (config.migrationDatabaseUrl && config.migrationDatabaseUrl !== config.databaseUrl) {
    return openPostgresWithOwner(config.databaseUrl, config.migrationDatabaseUrl);
  }
  return openPostgres(config.databaseUrl);
}
