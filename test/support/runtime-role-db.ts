/**
 * PostgreSQL with the two roles of README "Database roles", made fresh for a test: an owner (a
 * plain role with CREATEROLE, not a superuser) that owns a new database and runs the migrations,
 * and a runtime role created and granted by `db grant-runtime`, as which the returned connection
 * runs. Everything is dropped on close. Needs TEST_DATABASE_URL (a superuser, trust auth).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { dbCommand } from '../../src/cli/db-command';
import { openDatabase, openPostgres, type Database } from '../../src/db/client';
import { TEST_DRAW_KEY } from './draw-key';

export interface TwoRoleDatabase {
  /** The connection as the runtime role (DATABASE_URL), opened as the server opens it. */
  runtime: Database;
  /** The owner's connection (the attacker who owns the database, in the tamper tests). */
  owner: Database;
  ownerUrl: string;
  runtimeUrl: string;
  ownerRole: string;
  runtimeRole: string;
  /** What `db grant-runtime` printed. */
  grantOutput: string[];
  close(): Promise<void>;
}

function urlAs(base: string, user: string, database: string): string {
  const url = new URL(base);
  url.username = user;
  url.password = '';
  url.pathname = `/${database}`;
  return url.toString();
}

export async function openTwoRoleDatabase(): Promise<TwoRoleDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const ownerRole = `t_owner_${suffix}`;
  const runtimeRole = `t_app_${suffix}`;
  const name = `t_roles_${suffix}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const cleanup = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`drop role if exists ${runtimeRole}`);
    await admin.unsafe(`drop role if exists ${ownerRole}`);
    await admin.end({ timeout: 5 });
  };
  await admin.unsafe(`create role ${ownerRole} login createrole`);
  await admin.unsafe(`create database ${name} owner ${ownerRole}`);
  const ownerUrl = urlAs(base, ownerRole, name);
  const runtimeUrl = urlAs(base, runtimeRole, name);
  const opened: Database[] = [];
  try {
    const owner = await openPostgres(ownerUrl, { max: 2 });
    opened.push(owner);
    const out: string[] = [];
    const err: string[] = [];
    const code = await dbCommand.run(
      ['grant-runtime', runtimeRole],
      { out: (t) => void out.push(t), err: (t) => void err.push(t) },
      {
        drawKey: () => TEST_DRAW_KEY,
        openDatabase: () => Promise.reject(new Error('grant-runtime runs as the owner')),
        openOwnerDatabase: async () => owner,
      },
    );
    if (code !== 0) throw new Error(`db grant-runtime failed: ${err.join('\n')}`);
    const runtime = await openDatabase({ databaseUrl: runtimeUrl, migrationDatabaseUrl: ownerUrl, dataDir: 'unused' });
    opened.push(runtime);
    let closed = false;
    return {
      runtime,
      owner,
      ownerUrl,
      runtimeUrl,
      ownerRole,
      runtimeRole,
      grantOutput: out,
      async close() {
        if (closed) return;
        closed = true;
        for (const d of opened) await d.close();
        await cleanup();
      },
    };
  } catch (error) {
    for (const d of opened) await d.close();
    await cleanup();
    throw error;
  }
}
