import { asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { AuditHead, AuditRepo, DailyHead } from '../../app/ports/audit';
import { AuditChainVerifier, auditEntryContent, auditEntryHash, GENESIS_HASH, type ChainCheck, type NewAuditEntry } from '../../domain/audit/audit-chain';
import type { DbOrTx } from '../database';
import { auditDailyHeads, auditHead, auditLog } from '../schema';

export type { NewAuditEntry } from '../../domain/audit/audit-chain';

/**
 * Appends one entry to the hash chain. Locks the chain head (`FOR UPDATE`) so concurrent
 * appends line up; call it inside the transaction of the state change it records.
 */
export async function appendAudit(tx: DbOrTx, entry: NewAuditEntry): Promise<{ id: number; hash: string }> {
  const [head] = await tx.select().from(auditHead).where(eq(auditHead.id, 1)).for('update');
  if (!head) throw new Error('audit_head row missing: migrations not applied');
  const id = head.lastId + 1;
  const content = auditEntryContent(id, entry);
  const hash = auditEntryHash(head.lastHash, content);
  await tx.insert(auditLog).values({ ...content, at: entry.at, prevHash: head.lastHash, hash });
  await tx.update(auditHead).set({ lastId: id, lastHash: hash }).where(eq(auditHead.id, 1));
  return { id, hash };
}

/** The stored time to the microsecond, `2026-03-02T01:30:00.123456Z` (a JS Date would drop the last three digits). */
const atMicros = sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** What a walk of the chain found: the check, how many entries the log holds, and the hashes of the watched entries. */
export interface ChainWalk {
  check: ChainCheck;
  /** Entries stored (the highest id), whether or not the chain holds. */
  stored: number;
  /** Hashes of the watched entries, for those before any break. */
  hashes: ReadonlyMap<number, string>;
}

/**
 * Walks the whole chain in batches, re-hashing every entry from its stored fields (the time to the
 * microsecond), names the first broken link, and checks that `audit_head` names the last entry.
 * The hashes of the entries in `watch` are kept (published heads are compared with them).
 */
export async function walkAuditChain(db: DbOrTx, options: { watch?: ReadonlySet<number>; batchSize?: number } = {}): Promise<ChainWalk> {
  const batchSize = options.batchSize ?? 5000;
  const verifier = new AuditChainVerifier(GENESIS_HASH, options.watch);
  const [last] = await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const stored = last?.id ?? 0;
  const done = (check: ChainCheck): ChainWalk => ({ check, stored, hashes: verifier.hashesAt() });
  let after = 0;
  let expectedId = 1;
  for (;;) {
    const rows = await db
      .select({
        id: auditLog.id,
        agencyId: auditLog.agencyId,
        at: atMicros,
        actor: auditLog.actor,
        action: auditLog.action,
        subject: auditLog.subject,
        data: auditLog.data,
        prevHash: auditLog.prevHash,
        hash: auditLog.hash,
        hashFormat: auditLog.hashFormat,
      })
      .from(auditLog)
      .where(gt(auditLog.id, after))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    for (const row of rows) {
      if (row.id !== expectedId) {
        return done({ ok: false, brokenAt: expectedId, reason: `缺少第 ${expectedId} 条（下一条是第 ${row.id} 条）：有记录被删除` });
      }
      if (!verifier.push(row)) return done(verifier.result());
      expectedId++;
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.id;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const result = verifier.result();
  if (result.ok && head && (head.lastId !== expectedId - 1 || head.lastHash !== result.lastHash)) {
    return done({
      ok: false,
      brokenAt: head.lastId,
      reason: `哈希链止于第 ${expectedId - 1} 条，但链头记录的最后一条是第 ${head.lastId} 条：末尾的记录被删除了`,
    });
  }
  return done(result);
}

/** Walks the whole chain in batches and names the first broken link. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5000): Promise<ChainCheck> {
  return (await walkAuditChain(db, { batchSize })).check;
}

/** The chain's head now, as this transaction sees it. */
export async function currentAuditHead(db: DbOrTx): Promise<AuditHead> {
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (!head) throw new Error('audit_head row missing: migrations not applied');
  return { entryCount: head.lastId, hash: head.lastHash };
}

/** The published daily heads, oldest first. */
export async function listDailyHeads(db: DbOrTx): Promise<DailyHead[]> {
  return db.select().from(auditDailyHeads).orderBy(asc(auditDailyHeads.day));
}

/** Repos.audit on one transaction. */
export function auditRepo(tx: DbOrTx, now: () => Date): AuditRepo {
  return {
    append: async (e) => void (await appendAudit(tx, { ...e, at: now() })),
    head: () => currentAuditHead(tx),
    async headBefore(end) {
      // Walks back from the newest entry (the primary key), so it reads only the entries after `end`.
      const [row] = await tx.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).where(lt(auditLog.at, end)).orderBy(desc(auditLog.id)).limit(1);
      return row ? { entryCount: row.id, hash: row.hash } : { entryCount: 0, hash: GENESIS_HASH };
    },
    dailyHeads: () => listDailyHeads(tx),
    async recordDailyHead(head) {
      const rows = await tx.insert(auditDailyHeads).values(head).onConflictDoNothing().returning({ day: auditDailyHeads.day });
      return rows.length === 1;
    },
  };
}
