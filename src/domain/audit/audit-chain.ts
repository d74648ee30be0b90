import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../canonical-json';

/**
 * 行政执法全过程记录 (行政处罚法 第四十七条): every state change is an entry, and each entry
 * carries the SHA-256 of the one before it, so an edited or removed entry breaks the chain.
 */
export interface AuditEntryContent {
  id: number;
  agencyId: number | null;
  /** ISO-8601 instant with milliseconds, UTC. */
  at: string;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
}

export interface AuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** hash = hex(SHA-256(prevHash + "\n" + canonicalJson(content))). */
export function auditEntryHash(prevHash: string, content: AuditEntryContent): string {
  const { id, agencyId, at, actor, action, subject, data } = content;
  const body = canonicalJson({ id, agencyId, at, actor, action, subject, data });
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${body}`)));
}

export type ChainCheck = { ok: true; count: number; lastHash: string } | { ok: false; brokenAt: number; reason: string };

/**
 * Walks entries in id order from `start` (the previous hash, genesis by default) and names the
 * first broken link. Feed it in batches by passing the state back in.
 */
export class AuditChainVerifier {
  private prevHash: string;
  private count = 0;
  private failure?: { brokenAt: number; reason: string };

  constructor(start: string = GENESIS_HASH) {
    this.prevHash = start;
  }

  push(entry: AuditEntry): boolean {
    if (this.failure) return false;
    if (entry.prevHash !== this.prevHash) {
      this.failure = {
        brokenAt: entry.id,
        reason: `第 ${entry.id} 条的 prev_hash（${entry.prevHash.slice(0, 12)}…）与前一条的哈希（${this.prevHash.slice(0, 12)}…）不符：有记录被删除或调换了顺序`,
      };
      return false;
    }
    const recomputed = auditEntryHash(entry.prevHash, entry);
    if (recomputed !== entry.hash) {
      this.failure = {
        brokenAt: entry.id,
        reason: `第 ${entry.id} 条（${entry.action}）的内容与其哈希不符（存储 ${entry.hash.slice(0, 12)}…，重新计算 ${recomputed.slice(0, 12)}…）：该条被改动过`,
      };
      return false;
    }
    this.prevHash = entry.hash;
    this.count++;
    return true;
  }

  result(): ChainCheck {
    return this.failure ? { ok: false, ...this.failure } : { ok: true, count: this.count, lastHash: this.prevHash };
  }
}

/** An entry to append to the audit log, before it is numbered and chained. */
export interface NewAuditEntry {
  agencyId: number | null;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
}

/**
 * What the hash of entry `id` covers: its fields as the log stores them, the time in ISO form and
 * the data as JSON would return it (so what is hashed is what can be read back and re-hashed).
 */
export function auditEntryContent(id: number, entry: NewAuditEntry) {
  return {
    id,
    agencyId: entry.agencyId,
    at: entry.at.toISOString(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    data: JSON.parse(JSON.stringify(entry.data ?? {})) as unknown,
  };
}
