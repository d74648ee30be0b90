/**
 * Canonical byte serialization of the pools and their SHA-256 hashes.
 *
 * A pool is UTF-8 text: one header line, then one line per record in canonical order
 * (enterprises by USCC, officers by 执法证号). Fields are separated by TAB (0x09), every line
 * ends with LF (0x0A), list fields join their (sorted) items with `,`. Every text value, and
 * every list item, is escaped: `\` → `\\`, TAB → `\t`, LF → `\n`, CR → `\r`, `,` → `\,`.
 * See docs/draw-algorithm.md §2 for the exact layout.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { PoolEnterprise, PoolOfficer } from './types';

export const ENTERPRISE_POOL_HEADER = 'drbot-draw/1 enterprise-pool\n';
export const OFFICER_POOL_HEADER = 'drbot-draw/1 officer-pool\n';

const NEEDS_ESCAPE = /[\\\t\n\r,]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', ',': '\\,' };

/** One text value escaped for a line. */
export function escapeField(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r,]/g, (c) => ESCAPES[c] ?? c) : value;
}

function listField(items: readonly string[]): string {
  return items.map(escapeField).join(',');
}

/** The line of one enterprise, LF included. */
export function enterpriseLine(e: PoolEnterprise): string {
  return `${escapeField(e.uscc)}\t${escapeField(e.name)}\t${escapeField(e.industry)}\t${escapeField(
    e.township,
  )}\t${escapeField(e.riskLevel)}\t${listField(e.lastInspectors)}\n`;
}

/** The line of one officer, LF included. `onDuty` is written `1` or `0`. */
export function officerLine(o: PoolOfficer): string {
  return `${escapeField(o.certificateNo)}\t${escapeField(o.name)}\t${escapeField(o.unit)}\t${escapeField(
    o.certificateValidUntil,
  )}\t${listField(o.expertise)}\t${o.onDuty ? '1' : '0'}\t${listField(o.conflicts)}\n`;
}

/** Characters gathered before a chunk is encoded (≤ 3 UTF-8 bytes per UTF-16 unit). */
const CHUNK_CHARS = 1 << 18;

/** SHA-256 hex of `header` followed by `line(item)` for each item, hashed in chunks. */
function hashLines<T>(header: string, items: readonly T[], line: (item: T) => string): string {
  const hash = sha256.create();
  const encoder = new TextEncoder();
  const buffer = new Uint8Array(CHUNK_CHARS * 3 + 64);
  const flush = (text: string): void => {
    const { written } = encoder.encodeInto(text, buffer);
    hash.update(buffer.subarray(0, written));
  };
  let chunk = header;
  for (let i = 0; i < items.length; i++) {
    const next = line(items[i] as T);
    if (chunk.length + next.length > CHUNK_CHARS) {
      flush(chunk);
      chunk = '';
    }
    if (next.length > CHUNK_CHARS) hash.update(encoder.encode(next));
    else chunk += next;
  }
  flush(chunk);
  return bytesToHex(hash.digest());
}

/** SHA-256 hex of the enterprise pool's canonical serialization. */
export function hashEnterprisePool(pool: readonly PoolEnterprise[]): string {
  return hashLines(ENTERPRISE_POOL_HEADER, pool, enterpriseLine);
}

/** SHA-256 hex of the officer pool's canonical serialization. */
export function hashOfficerPool(pool: readonly PoolOfficer[]): string {
  return hashLines(OFFICER_POOL_HEADER, pool, officerLine);
}

/** The full serialization as text (for small pools, documentation and tests). */
export function serializeEnterprisePool(pool: readonly PoolEnterprise[]): string {
  return ENTERPRISE_POOL_HEADER + pool.map(enterpriseLine).join('');
}

/** The full serialization as text (for small pools, documentation and tests). */
export function serializeOfficerPool(pool: readonly PoolOfficer[]): string {
  return OFFICER_POOL_HEADER + pool.map(officerLine).join('');
}
