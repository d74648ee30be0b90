import type { AuditRepo } from '../../app/ports/audit';
import {
  AuditChainVerifier,
  auditEntryContent,
  auditEntryHash,
  GENESIS_HASH,
  isoMicros,
  type ChainCheck,
  type NewAuditEntry,
} from '../../domain/audit/audit-chain';
import type { ReadonlyTables } from './tables';
import type { MemoryTx } from './memory-database';
import { jsonb } from './values';

export type { NewAuditEntry } from '../../domain/audit/audit-chain';

/** Appends one entry to the hash chain, as `appendAudit` does in SQL: same content, same hash. */
export function appendAudit(tx: MemoryTx, entry: NewAuditEntry): { id: number; hash: string } {
  const head = tx.read('auditHead').get(1)!;
  const id = head.lastId + 1;
  const content = auditEntryContent(id, entry);
  const hash = auditEntryHash(head.lastHash, content);
  tx.put('auditLog', id, { ...content, at: new Date(entry.at.getTime()), data: jsonb(content.data), prevHash: head.lastHash, hash });
  tx.put('auditHead', 1, { lastId: id, lastHash: hash });
  return { id, hash };
}

/** Repos.audit on one in-memory transaction (the SQL one is src/db/repos/audit-repo.ts). */
export function memoryAuditRepo(tx: MemoryTx, now: () => Date): AuditRepo {
  return {
    append: async (e) => void appendAudit(tx, { ...e, at: now() }),
    async head() {
      const head = tx.read('auditHead').get(1)!;
      return { entryCount: head.lastId, hash: head.lastHash };
    },
    async headBefore(end) {
      const log = tx.read('auditLog');
      for (let id = tx.read('auditHead').get(1)!.lastId; id > 0; id--) {
        const entry = log.get(id);
        if (entry && entry.at.getTime() < end.getTime()) return { entryCount: id, hash: entry.hash };
      }
      return { entryCount: 0, hash: GENESIS_HASH };
    },
    async dailyHeads() {
      return [...tx.read('auditDailyHeads').values()].sort((a, b) => (a.day < b.day ? -1 : 1)).map((h) => ({ ...h }));
    },
    async recordDailyHead(head) {
      // As the SQL trigger does: only a head of the chain is recorded, once a day.
      const entry = tx.read('auditLog').get(head.entryCount);
      const isHead = head.entryCount === 0 ? head.hash === GENESIS_HASH : entry?.hash === head.hash;
      if (!isHead) throw new Error(`audit_daily_heads: ${head.entryCount} entries ending in ${head.hash} is not a head of the chain`);
      if (tx.read('auditDailyHeads').has(head.day)) return false;
      tx.put('auditDailyHeads', head.day, { ...head, recordedAt: new Date(head.recordedAt.getTime()) });
      return true;
    },
  };
}

/** Walks the chain and names the first broken link (the checks of `verifyAuditChain`). */
export function verifyMemoryAuditChain(tables: ReadonlyTables): ChainCheck {
  const verifier = new AuditChainVerifier();
  const rows = [...tables.auditLog.values()].sort((a, b) => a.id - b.id);
  let expectedId = 1;
  for (const row of rows) {
    if (row.id !== expectedId) return { ok: false, brokenAt: expectedId, reason: `缺少第 ${expectedId} 条（下一条是第 ${row.id} 条）：有记录被删除` };
    if (!verifier.push({ ...row, at: isoMicros(row.at) })) return verifier.result();
    expectedId++;
  }
  const head = tables.auditHead.get(1)!;
  const result = verifier.result();
  if (result.ok && (head.lastId !== expectedId - 1 || head.lastHash !== result.lastHash)) {
    return { ok: false, brokenAt: head.lastId, reason: `哈希链止于第 ${expectedId - 1} 条，但链头记录的最后一条是第 ${head.lastId} 条：末尾的记录被删除了` };
  }
  return result;
}
