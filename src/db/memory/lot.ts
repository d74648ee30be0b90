/**
 * The frozen lot in memory, as `freezeLotStatement` and `readLotLines` keep it in SQL: the plain
 * rows of the spec (the domain's `sliceDirectory` and `enterpriseLine`) and the given special
 * lines, in canonical order, stored as one text with each line's UTF-8 length; read back whole
 * or, by position, as slices of its bytes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ENTERPRISE_POOL_HEADER, enterpriseLine, lineSlices, parseEnterpriseLine, PartialLot, serializedLot, sliceDirectory } from '../../domain/draw';
import { compareCodeUnits } from '../../domain/draw/canonical-order';
import { poolEntry } from '../../domain/draw/enterprise-pool';
import type { EnterpriseLot, PlainSpec } from '../../domain/draw';
import { drawColumns } from './directory-repo';
import type { MemoryTx } from './memory-database';
import type { LotRecord } from './rows';

const utf8 = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The lot's lines: every row matching the filters that has a special line (that line) or is plain (its plain line). */
function lotLines(tx: MemoryTx, agencyId: number, spec: PlainSpec, specials: ReadonlyArray<{ uscc: string; line: string }>): Array<[string, string]> {
  const given = new Map(specials.map((s) => [s.uscc, s.line]));
  for (const [uscc, line] of given) {
    if (!line.endsWith('\n') || parseEnterpriseLine(line.slice(0, -1))?.uscc !== uscc) throw new Error(`special line of ${uscc} is malformed`);
  }
  const { slice, plain } = sliceDirectory(drawColumns(tx, agencyId), spec);
  const lines: Array<[string, string]> = [];
  for (const e of slice.specials) if (given.has(e.uscc)) lines.push([e.uscc, given.get(e.uscc)!]);
  for (const e of plain) lines.push([e.uscc, given.get(e.uscc) ?? enterpriseLine(poolEntry(e, undefined))]);
  return lines.sort(([a], [b]) => compareCodeUnits(a, b));
}

/** Freezes the lot of a draw; returns the stored row. */
export function freezeLot(tx: MemoryTx, agencyId: number, spec: PlainSpec, specials: ReadonlyArray<{ uscc: string; line: string }>, at: Date): LotRecord {
  const lines = lotLines(tx, agencyId, spec, specials).map(([, line]) => line);
  const body = ENTERPRISE_POOL_HEADER + lines.join('');
  const lineLengths = new Uint8Array(lines.length * 4);
  const view = new DataView(lineLengths.buffer);
  lines.forEach((line, i) => {
    view.setUint32(i * 4, utf8.encode(line).length);
  });
  const row: LotRecord = {
    id: tx.nextId('drawLots'),
    agencyId,
    size: lines.length,
    sha256: bytesToHex(sha256(utf8.encode(body))),
    body,
    lineLengths,
    createdAt: at,
  };
  tx.put('drawLots', row.id, row);
  return row;
}

/** The records of a stored lot a draw needs: those at `positions`, or the whole lot (null, or a lot without line lengths). */
export function readLot(lot: LotRecord, positions: readonly number[] | null): EnterpriseLot {
  if (positions !== null && lot.lineLengths !== null) {
    if (lot.lineLengths.length !== lot.size * 4) throw new Error(`lot ${lot.id}: ${lot.lineLengths.length / 4} line lengths for ${lot.size} records`);
    const { slices, bytes } = lineSlices(lot.lineLengths, positions);
    const body = utf8.encode(lot.body);
    if (body.length !== bytes) throw new Error(`lot ${lot.id}: the line lengths add up to ${bytes} bytes, the body has ${body.length}`);
    return new PartialLot(
      lot.size,
      positions,
      slices.map(([start, length]) => decoder.decode(body.subarray(start - 1, start - 1 + length))),
    );
  }
  const whole = serializedLot(lot.body);
  if (!whole.ok) throw new Error(`lot ${lot.id}: ${whole.reason}`);
  if (whole.lot.length !== lot.size) throw new Error(`lot ${lot.id}: ${whole.lot.length} records, the lot says ${lot.size}`);
  return whole.lot;
}
