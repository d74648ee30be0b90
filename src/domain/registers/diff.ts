/**
 * What an import of a register (检查对象名录库, 执法检查人员名录库) would change: rows added,
 * rows updated (with the fields that change), rows unchanged, and rows of the register that the
 * file no longer lists. Pure: the same answer for the preview and for the confirmation, so that
 * 确认导入 applies exactly what was shown.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from '../canonical-json';

/** How one register compares its rows: the key, the fields with their Chinese labels, and whether a row is still listed. */
export interface RegisterSpec<T> {
  key(row: T): string;
  fields: ReadonlyArray<{ label: string; get(row: T): string | boolean | readonly string[] }>;
  /** Listed rows count; a row not listed (移出名录, 不在岗) missing from the file is not “no longer listed” again. */
  listed(row: T): boolean;
  /** The row as it becomes when the file no longer lists it. */
  delist(row: T): T;
}

export interface RowUpdate<T> {
  before: T;
  after: T;
  /** `企业名称：甲厂 → 乙厂` for each field that changes. */
  changes: string[];
}

export interface RegisterDiff<T> {
  added: T[];
  updated: Array<RowUpdate<T>>;
  unchanged: number;
  /** Listed rows of the register missing from the file, as they will be stored (delisted). */
  delisted: T[];
}

const show = (v: string | boolean | readonly string[]): string =>
  typeof v === 'boolean' ? (v ? '是' : '否') : Array.isArray(v) ? v.join('、') || '（空）' : (v as string) || '（空）';
const same = (a: string | boolean | readonly string[], b: string | boolean | readonly string[]) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

/**
 * Compares the file (`incoming`, every row valid and keys unique) with the register. With
 * `full`, listed rows the file lacks become `delisted` (marked, never deleted); without, they
 * are left as they are.
 */
export function diffRegister<T>(current: readonly T[], incoming: readonly T[], spec: RegisterSpec<T>, full: boolean): RegisterDiff<T> {
  const byKey = new Map(current.map((r) => [spec.key(r), r]));
  const seen = new Set<string>();
  const diff: RegisterDiff<T> = { added: [], updated: [], unchanged: 0, delisted: [] };
  for (const row of incoming) {
    const key = spec.key(row);
    seen.add(key);
    const before = byKey.get(key);
    if (!before) {
      diff.added.push(row);
      continue;
    }
    const changes = spec.fields.flatMap((f) => (same(f.get(before), f.get(row)) ? [] : [`${f.label}：${show(f.get(before))} → ${show(f.get(row))}`]));
    if (changes.length) diff.updated.push({ before, after: row, changes });
    else diff.unchanged++;
  }
  if (full) for (const row of current) if (!seen.has(spec.key(row)) && spec.listed(row)) diff.delisted.push(spec.delist(row));
  return diff;
}

/**
 * A fingerprint of the register's content (its rows in key order, the compared fields only): a
 * preview keeps it, and 确认导入 refuses when the register's fingerprint is no longer the same,
 * i.e. when someone changed the register in between.
 */
export function registerFingerprint<T>(rows: readonly T[], spec: RegisterSpec<T>): string {
  const lines = rows.map((r) => [spec.key(r), ...spec.fields.map((f) => f.get(r))]).sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  return bytesToHex(sha256(new TextEncoder().encode(canonicalJson(lines))));
}
