import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';

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

/** Opens PostgreSQL through postgres.js and applies the migrations. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const orm = drizzlePostgres({ client, schema, casing: CASING });
  await migratePostgres(orm, { migrationsFolder: MIGRATIONS_FOLDER });
  const db: Db = orm;
  // One connection of its own for the health probe, opened on first use.
  let probe: ReturnType<typeof postgres> | undefined;
  return {
    db,
    driver: 'postgres',
    location: redactUrl(url),
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

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

/** `DATABASE_URL` set: PostgreSQL. Unset: PGlite in `DATA_DIR`. */
export function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
