import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { CASING, HEALTH_PROBE_APP, pingWith, postgresDatabase, type Database, type Db } from './database';

/**
 * Opening the database on Node: PGlite in a folder, or PostgreSQL, with the migrations applied.
 * What the rest of the code uses of a database lives in database.ts (also on Workers).
 */
export { HEALTH_PROBE_APP, redactUrl, rowsOf, writeProbe, type Database, type Db, type DbOrTx, type Tx } from './database';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

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
  await migratePostgres(drizzlePostgres({ client, schema, casing: CASING }), { migrationsFolder: MIGRATIONS_FOLDER });
  return postgresDatabase(client, {
    url,
    // One connection of its own for the health probe, opened on first use.
    probeClient: () => postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5, idle_timeout: 60, connection: { application_name: HEALTH_PROBE_APP } }),
  });
}

/** `DATABASE_URL` set: PostgreSQL. Unset: PGlite in `DATA_DIR`. */
export function openDatabase(config: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
