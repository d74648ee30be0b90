import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { grantRuntimeRole, roleFacts } from './runtime-role';

/** The drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Where the data lives, for logs: a folder or a URL without its password. */
  location: string;
  ping(): Promise<{ ok: boolean; version?: string; error?: string }>;
  /**
   * A real write (an upsert into `health_probes`) for `/healthz`, on a connection of its own
   * where the driver has a pool, so a busy pool does not look like a dead database. Absent:
   * the health check writes through `db`.
   */
  probeWrite?(instance: string, at: Date): Promise<void>;
  /**
   * PostgreSQL: the role the connection runs as, and whether it owns the audit tables (or is a
   * superuser or a member of the owner), i.e. could disable their triggers. Absent on PGlite,
   * which has no roles to speak of (one embedded user).
   */
  role?: { name: string; ownsAudit: boolean };
  close(): Promise<void>;
}

/** The `application_name` of the health probe's own connection (to tell it apart in pg_stat_activity). */
export const HEALTH_PROBE_APP = 'drbot-health-probe';

const probeSql = (instance: string, at: Date) =>
  sql`insert into health_probes (instance, probed_at) values (${instance}, ${at.toISOString()}::timestamptz)
      on conflict (instance) do update set probed_at = excluded.probed_at`;

/** Writes the health probe row through `db`. */
export async function writeProbe(db: DbOrTx, instance: string, at: Date): Promise<void> {
  await db.execute(probeSql(instance, at));
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));
const CASING = 'snake_case' as const;

/** Rows of a raw `db.execute()` result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

async function pingWith(db: Db) {
  try {
    const rows = rowsOf<{ version: string }>(await db.execute(sql`select version() as version`));
    return { ok: true, version: rows[0]?.version };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * Opens PGlite in `dataDir` (or in memory for `memory://`), holding an exclusive lock on the
 * folder: PGlite has none of its own, and two processes on one folder silently lose data
 * (performance-reliability.md §2, pglite#1106).
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const lock: DataDirLock | undefined = inMemory ? undefined : acquireDataDirLock(dataDir);
  try {
    const client = inMemory ? new PGlite() : new PGlite(dataDir);
    await client.waitReady;
    const orm = drizzlePglite({ client, schema, casing: CASING });
    await migratePglite(orm, { migrationsFolder: MIGRATIONS_FOLDER });
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
    `${pending} migration(s) not applied, and the role of DATABASE_URL may not apply them (it does not own the tables): set MIGRATION_DATABASE_URL to the owner's connection, or run \`npm run cli -- db migrate\` with it (README "Database roles")`,
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
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const orm = drizzlePostgres({ client, schema, casing: CASING });
  const db: Db = orm;
  let role: { name: string; ownsAudit: boolean };
  try {
    if (options.migrations === 'check') await requireMigrated(db);
    else {
      try {
        await migratePostgres(orm, { migrationsFolder: MIGRATIONS_FOLDER });
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
  // One connection of its own for the health probe, opened on first use.
  let probe: ReturnType<typeof postgres> | undefined;
  return {
    db,
    driver: 'postgres',
    location: redactUrl(url),
    role,
    ping: () => pingWith(db),
    probeWrite: async (instance, at) => {
      probe ??= postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5, idle_timeout: 60, connection: { application_name: HEALTH_PROBE_APP } });
      await writeProbe(drizzlePostgres({ client: probe, schema, casing: CASING }), instance, at);
    },
    close: async () => {
      await probe?.end({ timeout: 1 });
      await client.end({ timeout: 5 });
    },
  };
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

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/**
 * `DATABASE_URL` set: PostgreSQL, migrated by the role of `MIGRATION_DATABASE_URL` when that is
 * set (the owner; the server then runs as the role of DATABASE_URL), else by DATABASE_URL's own.
 * Unset: PGlite in `DATA_DIR`.
 */
export function openDatabase(config: { databaseUrl?: string; migrationDatabaseUrl?: string; dataDir: string }): Promise<Database> {
  if (!config.databaseUrl) return openPglite(config.dataDir);
  if (config.migrationDatabaseUrl && config.migrationDatabaseUrl !== config.databaseUrl) {
    return openPostgresWithOwner(config.databaseUrl, config.migrationDatabaseUrl);
  }
  return openPostgres(config.databaseUrl);
}
