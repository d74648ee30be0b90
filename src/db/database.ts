/**
 * The database as the rest of the code sees it, whichever driver and runtime is behind it. No
 * PGlite, no filesystem and no migrations here: this module is on the Workers path
 * (src/main.worker.ts), where PostgreSQL is reached through Hyperdrive. Opening PGlite and
 * applying the migrations is Node's business (client.ts).
 */
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type postgres from 'postgres';
import * as schema from './schema';

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
   * Where deliveries are recorded before the platform is answered (the inbox's acknowledgements):
   * a small pool of its own where the driver has one, so an answer never waits for a connection
   * behind the processing (up to 8 of the pool's 10 connections are in processing transactions,
   * which take longest when the server is busiest). Absent: `db`.
   */
  intake?(): Db;
  /**
   * PostgreSQL: the role the connection runs as, and whether it owns the audit tables (or is a
   * superuser or a member of the owner), i.e. could disable their triggers. Absent on PGlite,
   * which has no roles to speak of (one embedded user).
   */
  role?: { name: string; ownsAudit: boolean };
  close(): Promise<void>;
}

/** A postgres.js client (`postgres(url, options)`). */
export type PostgresClient = ReturnType<typeof postgres>;

/** The `application_name` of the health probe's own connection (to tell it apart in pg_stat_activity). */
export const HEALTH_PROBE_APP = 'drbot-health-probe';
/** The `application_name` of the pool deliveries are recorded through. */
export const INTAKE_APP = 'drbot-intake';

export const CASING = 'snake_case' as const;

const probeSql = (instance: string, at: Date) =>
  sql`insert into health_probes (instance, probed_at) values (${instance}, ${at.toISOString()}::timestamptz)
      on conflict (instance) do update set probed_at = excluded.probed_at`;

/** Writes the health probe row through `db`. */
export async function writeProbe(db: DbOrTx, instance: string, at: Date): Promise<void> {
  await db.execute(probeSql(instance, at));
}

/** Rows of a raw `db.execute()` result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function pingWith(db: Db) {
  try {
    const rows = rowsOf<{ version: string }>(await db.execute(sql`select version() as version`));
    return { ok: true, version: rows[0]?.version };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
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

export interface PostgresDatabaseOptions {
  /** For logs (a password in it is masked). */
  url: string;
  /** Opens the health probe's own connection on first use (Node's pool); absent, the probe writes through `client`. */
  probeClient?: () => PostgresClient;
  /** Opens the pool deliveries are recorded through on first use (Node); absent, they go through `client`. */
  intakeClient?: () => PostgresClient;
  /** Seconds `close()` lets running queries finish before the connections are cut (default 5). */
  closeTimeoutSeconds?: number;
}

/** A postgres.js client as a Database, already migrated (Node migrates first; Workers never migrate). */
export function postgresDatabase(client: PostgresClient, options: PostgresDatabaseOptions): Database {
  const db: Db = drizzlePostgres({ client, schema, casing: CASING });
  let probe: PostgresClient | undefined;
  let intake: { client: PostgresClient; db: Db } | undefined;
  return {
    db,
    driver: 'postgres',
    location: redactUrl(options.url),
    ping: () => pingWith(db),
    ...(options.probeClient
      ? {
          probeWrite: async (instance: string, at: Date) => {
            probe ??= options.probeClient!();
            await writeProbe(drizzlePostgres({ client: probe, schema, casing: CASING }), instance, at);
          },
        }
      : {}),
    ...(options.intakeClient
      ? {
          intake: () => {
            if (!intake) {
              const intakeClient = options.intakeClient!();
              intake = { client: intakeClient, db: drizzlePostgres({ client: intakeClient, schema, casing: CASING }) };
            }
            return intake.db;
          },
        }
      : {}),
    close: async () => {
      await probe?.end({ timeout: 1 });
      await intake?.client.end({ timeout: options.closeTimeoutSeconds ?? 5 });
      await client.end({ timeout: options.closeTimeoutSeconds ?? 5 });
    },
  };
}
