import { asc, eq, gt } from 'drizzle-orm';
import { AuditChainVerifier, auditEntryContent, auditEntryHash, type ChainCheck, type NewAuditEntry } from '../../domain/audit/audit-chain';
import type { DbOrTx } from '../database';
import { auditHead, auditLog } from '../schema';

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
  await tx.insert(auditLog).values({ ...content, at: entry.at, data: content.data, prevHash: head.lastHash, hash });
  await tx.update(auditHead).set({ lastId: id, lastHash: hash }).where(eq(auditHead.id, 1));
  return { id, hash };
}

/** Walks the whole chain in batches and names the first broken link. */
export async function verifyAuditChain(db: DbOrTx, batchSize = 5000): Promise<ChainCheck> {
  const verifier = new AuditChainVerifier();
  let after = 0;
  let expectedId = 1;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(batchSize);
    for (const row of rows) {
      if (row.id !== expectedId) {
        return { ok: false, brokenAt: expectedId, reason: `缺少第 ${expectedId} 条（下一条是第 ${row.id} 条）：有记录被删除` };
      }
      const ok = verifier.push({ ...row, at: row.at.toISOString() });
      if (!ok) return verifier.result();
      expectedId++;
    }
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]!.id;
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  const result = verifier.result();
  if (result.ok && head && (head.lastId !== expectedId - 1 || head.lastHash !== result.lastHash)) {
    return { ok: false, brokenAt: head.lastId, reason: `哈希链止于第 ${expectedId - 1} 条，但链头记录的最后一条是第 ${head.lastId} 条：末尾的记录被删除了` };
  }
  return result;
}
