/**
 * The database role the server runs under on PostgreSQL, apart from the role that owns the tables
 * (README "Database roles"). Whoever owns a table can disable its triggers, drop them, or replace
 * their functions; so the audit log's guards (drizzle/0001, drizzle/0009) only hold against a
 * role that does not own it. The runtime role may read and write the application's tables, but
 * on the audit tables only SELECT and INSERT (and UPDATE of `audit_head`, whose trigger lets it
 * move forward only): no DELETE, no TRUNCATE, no TRIGGER, and, not being the owner, no ALTER.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from './database';

/** The tables of the audit log. */
export const AUDIT_TABLES = ['audit_log', 'audit_head', 'audit_daily_heads'] as const;

/** A role name the commands accept: PostgreSQL's unquoted identifiers (lower case). */
export const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The statements that give `role` what the server needs and nothing more on the audit tables.
 * Idempotent; run by the owner (`db grant-runtime`, and after each migration when
 * MIGRATION_DATABASE_URL is set). The default privileges give tables that later migrations
 * create to the runtime role too; the grants are re-applied after each migration, so a new audit
 * table is narrowed as well.
 */
export function runtimeGrantStatements(role: string): string[] {
  const r = ident(role);
  return [
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    `REVOKE ALL ON ${AUDIT_TABLES.join(', ')} FROM ${r}`,
    `GRANT SELECT, INSERT ON audit_log, audit_daily_heads TO ${r}`,
    `GRANT SELECT, UPDATE ON audit_head TO ${r}`,
    // The runtime checks that the migrations were applied; it cannot apply them.
    `GRANT USAGE ON SCHEMA drizzle TO ${r}`,
    `GRANT SELECT ON drizzle.__drizzle_migrations TO ${r}`,
  ];
}

/** What a role is, as seen from the current (owner's) connection. */
export interface RoleFacts {
  exists: boolean;
  superuser: boolean;
  /** The role is the owner of the audit tables, or a member of it (it could act as the owner). */
  actsAsOwner: boolean;
  /** The connection's own role. */
  currentUser: string;
}

export async function roleFacts(db: DbOrTx, role: string): Promise<RoleFacts> {
  const [row] = rowsOf<{ exists: boolean; superuser: boolean | null; acts_as_owner: boolean | null; current_user: string }>(
    await db.execute(sql`
      select r.oid is not null as exists, r.rolsuper as superuser,
        case when r.oid is null then null else pg_has_role(r.oid, c.relowner, 'USAGE') end as acts_as_owner,
        current_user::text as current_user
      from (select 1) one
      left join pg_roles r on r.rolname = ${role}
      left join pg_class c on c.oid = 'audit_log'::regclass`),
  );
  return { exists: !!row?.exists, superuser: !!row?.superuser, actsAsOwner: !!row?.acts_as_owner, currentUser: row?.current_user ?? '' };
}

/**
 * Creates `role` (LOGIN, no password); false when the connected role may not create roles. The
 * name must have passed {@link ROLE_NAME}: it is written into the statement.
 */
export async function createRole(db: DbOrTx, role: string): Promise<boolean> {
  if (!ROLE_NAME.test(role)) throw new Error(`invalid role name: ${role}`);
  try {
    await db.execute(sql.raw(`CREATE ROLE "${role}" LOGIN`));
    return true;
  } catch {
    return false;
  }
}

/** Applies runtimeGrantStatements in one transaction, one grant at a time across instances (concurrent GRANTs on one object fail). */
export async function grantRuntimeRole(db: DbOrTx, role: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('drbot:grant-runtime'))`);
    for (const statement of runtimeGrantStatements(role)) await tx.execute(sql.raw(statement));
  });
}

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER'] as const;

/** The privileges `role` holds on each audit table, and whether it owns it. */
export async function auditPrivileges(db: DbOrTx, role: string): Promise<Array<{ table: string; owner: string; privileges: string[] }>> {
  const out: Array<{ table: string; owner: string; privileges: string[] }> = [];
  for (const table of AUDIT_TABLES) {
    const checks = PRIVILEGES.map((p) => sql`has_table_privilege(${role}, ${table}, ${p}) as ${sql.identifier(p.toLowerCase())}`);
    const [row] = rowsOf<Record<string, boolean | string>>(
      await db.execute(sql`select pg_get_userbyid(c.relowner)::text as owner, ${sql.join(checks, sql`, `)} from pg_class c where c.oid = ${table}::regclass`),
    );
    out.push({ table, owner: String(row?.owner ?? ''), privileges: PRIVILEGES.filter((p) => row?.[p.toLowerCase()] === true) });
  }
  return out;
}
