import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson } from '../canonical-json';

/**
 * 行政执法全过程记录 (行政处罚法 第四十七条): every state change is an entry, and each entry
 * carries the SHA-256 of the one before it, so an edited or removed entry breaks the chain.
 *
 * What an entry's hash covers is versioned by its `hashFormat`, so that the entries written
 * before a change of format still verify:
 * - format 1 (the entries written before the column existed): the time to the millisecond;
 * - format 2 (every entry written since): the time to the microsecond, as the database column
 *   keeps it, and the format itself.
 */
export type AuditHashFormat = 1 | 2;

/** The format every new entry is written in. */
export const AUDIT_HASH_FORMAT = 2 satisfies AuditHashFormat;

/** An entry's fields as hashed. `at`: ISO-8601 UTC with six fractional digits (`2026-03-02T01:30:00.123456Z`). */
export interface AuditEntryContent {
  id: number;
  agencyId: number | null;
  at: string;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
  hashFormat: number;
}

/** An entry as stored and read back. */
export interface AuditEntry extends AuditEntryContent {
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

const MICROS_ISO = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})(\d{3})Z$/;

/** `2026-03-02T01:30:00.123Z` → `2026-03-02T01:30:00.123000Z` (a Date holds milliseconds; the column keeps microseconds). */
export function isoMicros(at: Date): string {
  return at.toISOString().replace(/Z$/, '000Z');
}

/**
 * The time as the entry's format hashes it: format 1 to the millisecond (undefined when the stored
 * time has digits below the millisecond, which no format-1 entry was ever written with), format 2
 * as stored.
 */
function hashedTime(format: number, at: string): string | undefined {
  const m = MICROS_ISO.exec(at);
  if (!m) return undefined;
  if (format === 1) return m[2] === '000' ? `${m[1]}Z` : undefined;
  return at;
}

/**
 * hash = hex(SHA-256(prevHash + "\n" + canonicalJson(body))), where body is
 * `{id, agencyId, at, actor, action, subject, data}` in format 1 (the time to the millisecond)
 * and the same plus `hashFormat: 2` in format 2 (the time to the microsecond).
 */
export function auditEntryHash(prevHash: string, content: AuditEntryContent): string {
  const { id, agencyId, actor, action, subject, data, hashFormat } = content;
  const at = hashedTime(hashFormat, content.at);
  if (at === undefined || (hashFormat !== 1 && hashFormat !== 2)) throw new Error(`audit entry ${id}: cannot hash format ${hashFormat} at ${content.at}`);
  const fields = { id, agencyId, at, actor, action, subject, data };
  const body = canonicalJson(hashFormat === 1 ? fields : { ...fields, hashFormat });
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${body}`)));
}

export type ChainCheck = { ok: true; count: number; lastHash: string } | { ok: false; brokenAt: number; reason: string };

/** Why an entry cannot be hashed as stored, if it cannot; a Chinese sentence naming the entry. */
function unhashable(entry: AuditEntry, previousFormat: number): string | undefined {
  const { id, hashFormat: format } = entry;
  if (format !== 1 && format !== 2) return `第 ${id} 条的哈希格式 ${format} 无法识别：该条被改动过`;
  if (format < previousFormat) return `第 ${id} 条的哈希格式（${format}）早于前一条（${previousFormat}）：格式被改回旧版，该条被改动过`;
  if (!MICROS_ISO.test(entry.at)) return `第 ${id} 条的时间“${entry.at}”无法读取`;
  if (hashedTime(format, entry.at) === undefined)
    return `第 ${id} 条（${entry.action}）的时间 ${entry.at} 含毫秒以下的数字，而旧格式的条目只记到毫秒：时间被改动过`;
  return undefined;
}

/**
 * Walks entries in id order from `start` (the previous hash, genesis by default) and names the
 * first broken link. Feed it in batches by passing the state back in. The hashes of the entries
 * whose ids are in `watch` are kept (`hashesAt`), for comparison with published heads.
 */
export class AuditChainVerifier {
  private prevHash: string;
  private prevFormat = 1;
  private count = 0;
  private failure?: { brokenAt: number; reason: string };
  private readonly watched = new Map<number, string>();

  constructor(
    start: string = GENESIS_HASH,
    private readonly watch: ReadonlySet<number> = new Set(),
  ) {
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
    const cannot = unhashable(entry, this.prevFormat);
    if (cannot) {
      this.failure = { brokenAt: entry.id, reason: cannot };
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
    this.prevFormat = entry.hashFormat;
    this.count++;
    if (this.watch.has(entry.id)) this.watched.set(entry.id, entry.hash);
    return true;
  }

  result(): ChainCheck {
    return this.failure ? { ok: false, ...this.failure } : { ok: true, count: this.count, lastHash: this.prevHash };
  }

  /** The hashes of the watched entries walked so far without a break, by id. */
  hashesAt(): ReadonlyMap<number, string> {
    return this.watched;
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
 * What the hash of entry `id` covers, in the current format: its fields as the log stores them,
 * the time to the microsecond and the data as JSON would return it (so what is hashed is what can
 * be read back and re-hashed).
 */
export function auditEntryContent(id: number, entry: NewAuditEntry): AuditEntryContent {
  return {
    id,
    agencyId: entry.agencyId,
    at: isoMicros(entry.at),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    data: JSON.parse(JSON.stringify(entry.data ?? {})) as unknown,
    hashFormat: AUDIT_HASH_FORMAT,
  };
}
