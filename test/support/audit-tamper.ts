/**
 * What an attacker who owns the database can do to the audit log (the tests of
 * `audit verify --anchors`): switch the guards off, change entries, recompute every hash after
 * them so the chain holds again, cut the tail and roll `audit_head` back, and remove the daily
 * heads the database keeps. Run on the owner's connection (the test database's).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/db/client';
import { auditEntryHash, GENESIS_HASH, type AuditEntry } from '../../src/domain/audit/audit-chain';

const TABLES = ['audit_log', 'audit_head', 'audit_daily_heads'] as const;

/** Runs `work` with every guard trigger of the audit tables disabled (only the owner may). */
export async function withoutGuards(db: Db, work: () => Promise<void>): Promise<void> {
  for (const t of TABLES) await db.execute(sql.raw(`alter table ${t} disable trigger user`));
  try {
    await work();
  } finally {
    for (const t of TABLES) await db.execute(sql.raw(`alter table ${t} enable trigger user`));
  }
}

async function entries(db: Db): Promise<AuditEntry[]> {
  return rowsOf<AuditEntry>(
    await db.execute(sql`select id::int as id, agency_id as "agencyId", to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at,
      actor, action, subject, data, prev_hash as "prevHash", hash, hash_format as "hashFormat" from audit_log order by id`),
  );
}

/** Recomputes every hash from entry `from` on and points the head at the new last one: the chain holds again. */
export async function rechain(db: Db, from: number): Promise<void> {
  let prev = GENESIS_HASH;
  for (const e of await entries(db)) {
    if (e.id >= from) {
      const hash = auditEntryHash(prev, { ...e, prevHash: prev } as AuditEntry);
      await db.execute(sql`update audit_log set prev_hash = ${prev}, hash = ${hash} where id = ${e.id}`);
      prev = hash;
    } else prev = e.hash;
  }
  const last = (await entries(db)).at(-1);
  await db.execute(sql`update audit_head set last_id = ${last?.id ?? 0}, last_hash = ${last?.hash ?? GENESIS_HASH} where id = 1`);
}

/** Changes entry `id`'s data and, when `thorough`, recomputes the chain after it and removes the daily heads it would contradict. */
export async function rewriteEntry(db: Db, id: number, data: unknown, options: { thorough: boolean }): Promise<void> {
  await withoutGuards(db, async () => {
    await db.execute(sql`update audit_log set data = ${JSON.stringify(data)}::jsonb where id = ${id}`);
    if (!options.thorough) return;
    await rechain(db, id);
    await db.execute(sql`delete from audit_daily_heads where entry_count >= ${id}`);
  });
}

/** Moves entry `id`'s time by one microsecond, recomputing the chain after it when `thorough`. */
export async function shiftMicrosecond(db: Db, id: number, options: { thorough: boolean }): Promise<void> {
  await withoutGuards(db, async () => {
    await db.execute(sql`update audit_log set at = at + interval '1 microsecond' where id = ${id}`);
    if (!options.thorough) return;
    await rechain(db, id);
    await db.execute(sql`delete from audit_daily_heads where entry_count >= ${id}`);
  });
}

/** Deletes the entries after `keep`, rolls the head back to entry `keep` and removes the daily heads beyond it. */
export async function cutTail(db: Db, keep: number): Promise<void> {
  await withoutGuards(db, async () => {
    await db.execute(sql`delete from audit_log where id > ${keep}`);
    await rechain(db, keep + 1);
    await db.execute(sql`delete from audit_daily_heads where entry_count > ${keep}`);
  });
}
