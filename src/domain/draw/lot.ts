/**
 * The enterprise lot read back from its canonical serialization (serialize.ts), which is how a
 * prepared draw keeps its lot: the stored text is exactly what was hashed, so the record and
 * the hash can never drift apart. Records are parsed only when asked for; a draw of 1 000
 * targets from a lot of a million parses about a thousand lines.
 */
import { compareCodeUnits } from './canonical-order';
import { ENTERPRISE_POOL_HEADER } from './serialize';
import { fail } from './failure';
import type { EnterpriseLot, Failure, PoolEnterprise } from './types';
import type { RiskLevel } from '../model';

const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r', ',': ',' };

/** Inverse of `escapeField`; null when the text holds an escape that escapeField never writes. */
export function unescapeField(text: string): string | null {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = UNESCAPES[text[i + 1] ?? ''];
    if (next === undefined) return null;
    out += next;
    i += 1;
  }
  return out;
}

/** Items of a list field (split on unescaped commas); null on a bad escape. */
function listItems(text: string): string[] | null {
  if (text === '') return [];
  const items: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === ',') {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  }
  items.push(text.slice(start));
  const out = items.map(unescapeField);
  return out.every((v): v is string => v !== null) ? out : null;
}

/** One line of the enterprise serialization (without its LF) as a record; null when malformed. */
export function parseEnterpriseLine(line: string): PoolEnterprise | null {
  const fields = line.split('\t');
  if (fields.length !== 6) return null;
  const [uscc, name, industry, township, riskLevel] = fields.slice(0, 5).map(unescapeField);
  const lastInspectors = listItems(fields[5] as string);
  if (uscc == null || name == null || industry == null || township == null || riskLevel == null || lastInspectors === null) return null;
  return Object.freeze({ uscc, name, industry, township, riskLevel: riskLevel as RiskLevel, lastInspectors: Object.freeze(lastInspectors) });
}

/** A lot backed by the lines of its serialization. */
export class SerializedLot implements EnterpriseLot {
  private readonly parsed = new Map<number, PoolEnterprise>();
  constructor(private readonly lines: readonly string[]) {}

  get length(): number {
    return this.lines.length;
  }

  at(index: number): PoolEnterprise | undefined {
    const hit = this.parsed.get(index);
    if (hit !== undefined) return hit;
    const record = this.parse(index);
    if (record !== undefined) this.parsed.set(index, record);
    return record;
  }

  /** Every record, parsed afresh (not kept: a lot kept in a cache stays small). */
  records(): PoolEnterprise[] {
    return Array.from({ length: this.lines.length }, (_, i) => this.parse(i) as PoolEnterprise);
  }

  private parse(index: number): PoolEnterprise | undefined {
    const line = this.lines[index];
    if (line === undefined) return undefined;
    const record = parseEnterpriseLine(line);
    if (record === null) throw new Error(`line ${index + 2} of the frozen enterprise lot is malformed`);
    return record;
  }

  /** Industry (field 3) or risk level (field 5) of one record without building it. */
  field(index: number, which: 'industry' | 'riskLevel'): string {
    const line = this.lines[index] as string;
    const skip = which === 'industry' ? 2 : 4;
    let from = 0;
    for (let k = 0; k < skip; k++) from = line.indexOf('\t', from) + 1;
    const raw = line.slice(from, line.indexOf('\t', from));
    return raw.includes('\\') ? (unescapeField(raw) ?? raw) : raw;
  }
}

/**
 * Reads a stored enterprise serialization: the header, then one line per record, each ending
 * with LF. Checks the framing only; the content is what was hashed and committed to.
 */
export function serializedLot(body: string): { ok: true; lot: SerializedLot } | Failure {
  if (!body.startsWith(ENTERPRISE_POOL_HEADER)) return fail('invalid-lot', 'frozen enterprise lot: header missing');
  if (!body.endsWith('\n')) return fail('invalid-lot', 'frozen enterprise lot: the last line has no LF');
  const text = body.slice(ENTERPRISE_POOL_HEADER.length, -1);
  return { ok: true, lot: new SerializedLot(text === '' ? [] : text.split('\n')) };
}

/**
 * Some records of a lot of `length`: those a draw reads (see `lotPositionsToRead`), each parsed
 * from its line. Asking for another position is a bug, not a missing record, and throws.
 * The records read must be in canonical order (a later position, a greater USCC): a sample of the
 * lot's order, checked for free, so that a lot stored out of order or lines sliced at the wrong
 * places are refused rather than drawn from.
 */
export class PartialLot implements EnterpriseLot {
  private readonly records = new Map<number, PoolEnterprise>();

  constructor(
    readonly length: number,
    positions: readonly number[],
    lines: readonly string[],
  ) {
    positions.forEach((p, k) => {
      const record = parseEnterpriseLine(lines[k] ?? '');
      if (record === null) throw new Error(`line ${p + 2} of the frozen enterprise lot is malformed`);
      this.records.set(p, record);
    });
    const read = [...this.records.keys()].sort((a, b) => a - b);
    for (let i = 1; i < read.length; i++) {
      const [before, after] = [this.records.get(read[i - 1] as number)!, this.records.get(read[i] as number)!];
      if (compareCodeUnits(before.uscc, after.uscc) >= 0)
        throw new Error(`the frozen enterprise lot is not in canonical order: line ${(read[i] as number) + 2} (${after.uscc}) after ${before.uscc}`);
    }
  }

  at(index: number): PoolEnterprise | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const record = this.records.get(index);
    if (record === undefined) throw new Error(`position ${index} of the lot was not read`);
    return record;
  }
}

const HEADER_BYTES = new TextEncoder().encode(ENTERPRISE_POOL_HEADER).length;

/**
 * Where the lines at `positions` lie in a lot's serialization, from the UTF-8 length of every
 * line (LF included, 4 bytes big-endian each, lot order): each as [1-based byte start, length
 * without the LF]. Also the serialization's size in bytes, for the caller to check against the
 * stored body (lengths that do not add up to it are refused rather than misread).
 */
export function lineSlices(lineLengths: Uint8Array, positions: readonly number[]): { slices: Array<[number, number]>; bytes: number } {
  if (lineLengths.length % 4 !== 0) throw new Error('line lengths: not a whole number of 4-byte entries');
  const view = new DataView(lineLengths.buffer, lineLengths.byteOffset, lineLengths.byteLength);
  const count = lineLengths.length / 4;
  // Indexes into `positions`, by position: one pass over the lengths serves them all.
  const order = positions.map((_, k) => k).sort((a, b) => (positions[a] as number) - (positions[b] as number));
  const slices: Array<[number, number]> = new Array(positions.length);
  let offset = HEADER_BYTES;
  let next = 0;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(i * 4);
    for (; next < order.length && positions[order[next] as number] === i; next++) slices[order[next] as number] = [offset + 1, length - 1];
    offset += length;
  }
  if (next < order.length) throw new Error(`position ${positions[order[next] as number]} is outside a lot of ${count}`);
  return { slices, bytes: offset };
}

/** Industry or risk level of position `i` (fast on a serialized lot). */
export function lotField(lot: EnterpriseLot, i: number, which: 'industry' | 'riskLevel'): string {
  return lot instanceof SerializedLot ? lot.field(i, which) : (lot.at(i) as PoolEnterprise)[which];
}

/** Every record of the lot, in order (for exports). */
export function lotRecords(lot: EnterpriseLot): PoolEnterprise[] {
  if (lot instanceof SerializedLot) return lot.records();
  return Array.from({ length: lot.length }, (_, i) => lot.at(i) as PoolEnterprise);
}

/** Binary search of the lot (canonical order) by USCC. */
export function findTarget(lot: EnterpriseLot, uscc: string): PoolEnterprise | null {
  let lo = 0;
  let hi = lot.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const e = lot.at(mid) as PoolEnterprise;
    const c = compareCodeUnits(e.uscc, uscc);
    if (c === 0) return e;
    if (c < 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}
