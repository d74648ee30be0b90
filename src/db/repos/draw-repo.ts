import { gunzipSync, gzipSync } from 'node:zlib';
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { lineSlices, PartialLot, serializedLot, type EnterpriseLot, type PreparedDraw, type PreparedHead } from '../../domain/draw';
import type { Repos } from '../../app/ports/store';
import { rowsOf, type DbOrTx } from '../database';
import { agencies, drawLots, drawReplacements, draws } from '../schema';
import { freezeLotStatement, lotSlicesQuery } from './draw-lot-sql';

const columns = {
  id: draws.id,
  agencyId: draws.agencyId,
  year: draws.year,
  drawNo: draws.drawNo,
  planId: draws.planId,
  planBatch: draws.planBatch,
  status: draws.status,
  params: draws.params,
  enterprisePoolHash: draws.enterprisePoolHash,
  officerPoolHash: draws.officerPoolHash,
  commitment: draws.commitment,
  secret: draws.secret,
  secretNonce: draws.secretNonce,
  beacon: draws.beacon,
  seed: draws.seed,
  summary: draws.summary,
  result: draws.result,
  platform: draws.platform,
  chatId: draws.chatId,
  preparedBy: draws.preparedBy,
  createdAt: draws.createdAt,
  executedAt: draws.executedAt,
  executedBy: draws.executedBy,
  endedAt: draws.endedAt,
  endedReason: draws.endedReason,
  endedBy: draws.endedBy,
  cancelConfirmedBy: draws.cancelConfirmedBy,
  supersedesId: draws.supersedesId,
};

/** gzip level of the frozen head (officers, exclusions): read back the same way whatever the level. */
export const FROZEN_GZIP_LEVEL = 1;

/** The records at `positions` of a stored lot, read as slices of its body (see lotSlicesQuery). */
export async function readLotLines(tx: DbOrTx, lotId: number, size: number, lineLengths: Uint8Array, positions: readonly number[]): Promise<PartialLot> {
  if (lineLengths.length !== size * 4) throw new Error(`lot ${lotId}: ${lineLengths.length / 4} line lengths for ${size} records`);
  const { slices, bytes } = lineSlices(lineLengths, positions);
  const [r] = rowsOf<{ lines: string[]; bytes: number | string }>(await tx.execute(lotSlicesQuery(lotId, slices)));
  if (Number(r!.bytes) !== bytes) throw new Error(`lot ${lotId}: the line lengths add up to ${bytes} bytes, the body has ${r!.bytes}`);
  return new PartialLot(size, positions, r!.lines);
}

/** A stored lot as `draws.frozen` finds it: `lineLengths` is null for lots frozen before migration 0005. */
export interface StoredLotRef {
  id: number;
  size: number;
  lineLengths: Uint8Array | null;
}

/**
 * The records of a stored lot that a draw needs: only those at `positions` when the caller names
 * them and the lot has its line lengths; otherwise the whole lot (`whole`, worth caching).
 */
export async function readStoredLot(tx: DbOrTx, ref: StoredLotRef, positions: readonly number[] | null): Promise<{ lot: EnterpriseLot; whole: boolean }> {
  if (positions !== null && ref.lineLengths !== null) return { lot: await readLotLines(tx, ref.id, ref.size, ref.lineLengths, positions), whole: false };
  const [r] = await tx.select({ body: drawLots.body }).from(drawLots).where(eq(drawLots.id, ref.id));
  if (!r) throw new Error(`lot ${ref.id} does not exist`);
  const lot = serializedLot(r.body);
  if (!lot.ok) throw new Error(`lot ${ref.id}: ${lot.reason}`);
  if (lot.lot.length !== ref.size) throw new Error(`lot ${ref.id}: ${lot.lot.length} records, the lot says ${ref.size}`);
  return { lot: lot.lot, whole: true };
}

/**
 * The last few frozen draws this process read, keyed by id and checked against the stored
 * commitment. Reading back a lot of a million enterprises (about 60 MB of text, split into
 * lines) takes a few hundred milliseconds; the 回避 of a draw's officers come one after another.
 * The database copy stays the record; the cache only ever holds an identical object.
 */
export class FrozenDrawCache<T = PreparedDraw> {
  private readonly entries = new Map<number, { commitment: string; value: T }>();
  constructor(private readonly capacity = 2) {}

  get(id: number, commitment: string): T | undefined {
    const hit = this.entries.get(id);
    if (!hit || hit.commitment !== commitment) return undefined;
    this.entries.delete(id);
    this.entries.set(id, hit);
    return hit.value;
  }

  set(id: number, commitment: string, value: T): void {
    this.entries.delete(id);
    this.entries.set(id, { commitment, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

export function drawRepo(tx: DbOrTx, cache?: FrozenDrawCache): Repos['draws'] {
  return {
    async nextSeq(agencyId, year) {
      const [row] = await tx
        .select({ m: max(draws.seq) })
        .from(draws)
        .where(and(eq(draws.agencyId, agencyId), eq(draws.year, year)));
      return (row?.m ?? 0) + 1;
    },
    async freezeLot(agencyId, spec, specials) {
      const [row] = rowsOf<{ id: number; size: number; sha256: string }>(await tx.execute(freezeLotStatement(agencyId, spec, specials)));
      return { lotId: row!.id, size: row!.size, sha256: row!.sha256 };
    },
    async insert(row) {
      const [inserted] = await tx
        .insert(draws)
        .values({ ...row, frozen: gzipSync(Buffer.from(JSON.stringify(row.frozen)), { level: FROZEN_GZIP_LEVEL }) })
        .returning(columns);
      return inserted!;
    },
    async byId(agencyId, id) {
      const [r] = await tx
        .select(columns)
        .from(draws)
        .where(and(eq(draws.agencyId, agencyId), eq(draws.id, id)));
      return r;
    },
    async byNo(agencyId, drawNo) {
      const [r] = await tx
        .select(columns)
        .from(draws)
        .where(and(eq(draws.agencyId, agencyId), eq(draws.drawNo, drawNo)));
      return r;
    },
    async frozen(id, select) {
      const [row] = await tx.select({ commitment: draws.commitment }).from(draws).where(eq(draws.id, id));
      if (!row) return undefined;
      const cached = cache?.get(id, row.commitment);
      if (cached !== undefined) return cached;
      const [h] = await tx
        .select({ frozen: draws.frozen, id: drawLots.id, size: drawLots.size, lineLengths: drawLots.lineLengths })
        .from(draws)
        .innerJoin(drawLots, eq(drawLots.id, draws.lotId))
        .where(eq(draws.id, id));
      if (!h) throw new Error(`draw ${id} has no frozen lot`);
      const head = JSON.parse(gunzipSync(Buffer.from(h.frozen)).toString('utf8')) as PreparedHead;
      const { lot, whole } = await readStoredLot(tx, h, select?.(head, h.size) ?? null);
      const value: PreparedDraw = { ...head, enterprisePool: lot };
      if (whole) cache?.set(id, row.commitment, value);
      return value;
    },
    async transition(id, from, to, fields) {
      const set: Partial<typeof draws.$inferInsert> = { status: to };
      if (fields.seed !== undefined) set.seed = fields.seed;
      if (fields.result !== undefined) set.result = fields.result;
      if (fields.executedBy !== undefined) set.executedBy = fields.executedBy;
      if (fields.secret !== undefined) set.secret = fields.secret;
      if (fields.beacon !== undefined) set.beacon = fields.beacon;
      if (to === 'executed') set.executedAt = fields.at;
      if (to === 'abandoned' || to === 'cancelled') {
        set.endedAt = fields.at;
        set.endedReason = fields.endedReason ?? null;
        set.endedBy = fields.endedBy ?? null;
        set.cancelConfirmedBy = fields.cancelConfirmedBy ?? null;
      }
      const rows = await tx
        .update(draws)
        .set(set)
        .where(and(eq(draws.id, id), inArray(draws.status, from)))
        .returning({ id: draws.id });
      return rows.length === 1;
    },
    async beginPreparation(agencyId) {
      await tx.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId)).for('update');
      const [r] = await tx
        .select(columns)
        .from(draws)
        .where(and(eq(draws.agencyId, agencyId), eq(draws.status, 'prepared')))
        .orderBy(asc(draws.id))
        .limit(1);
      return r;
    },
    async lock(id) {
      await tx.select({ id: draws.id }).from(draws).where(eq(draws.id, id)).for('update');
    },
    async replacements(drawId) {
      const rows = await tx
        .select({ record: drawReplacements.record })
        .from(drawReplacements)
        .where(eq(drawReplacements.drawId, drawId))
        .orderBy(asc(drawReplacements.id));
      return rows.map((r) => r.record);
    },
    async addReplacement(drawId, record) {
      await tx.insert(drawReplacements).values({ drawId, taskIndex: record.taskIndex, replacementNo: record.replacementNo, record });
    },
    async recent(agencyId, limit) {
      const rows = await tx.select(columns).from(draws).where(eq(draws.agencyId, agencyId)).orderBy(desc(draws.id)).limit(limit);
      return rows;
    },
  };
}
