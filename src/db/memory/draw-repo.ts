import type { Clock } from '../../app/ports/clock';
import type { DrawRow, Repos } from '../../app/ports/store';
import type { PreparedHead, ReplacementRecord } from '../../domain/draw';
import { freezeLot, readLot } from './lot';
import type { MemoryTx } from './memory-database';
import type { DrawRecord } from './rows';
import { ensureUnique, ForeignKeyViolation, jsonb, readDate, readJson, sortedBy } from './values';

/** The port's view of a stored draw (the `columns` of the SQL repository). */
function toDrawRow(d: DrawRecord): DrawRow {
  return {
    id: d.id,
    agencyId: d.agencyId,
    year: d.year,
    drawNo: d.drawNo,
    planId: d.planId,
    planBatch: d.planBatch,
    status: d.status,
    params: readJson(d.params),
    enterprisePoolHash: d.enterprisePoolHash,
    officerPoolHash: d.officerPoolHash,
    commitment: d.commitment,
    secret: d.secret,
    secretNonce: d.secretNonce,
    beacon: readJson(d.beacon),
    seed: d.seed,
    summary: readJson(d.summary),
    result: readJson(d.result),
    platform: d.platform,
    chatId: d.chatId,
    preparedBy: d.preparedBy,
    createdAt: readDate(d.createdAt),
    executedAt: readDate(d.executedAt),
    executedBy: d.executedBy,
    endedAt: readDate(d.endedAt),
    endedReason: d.endedReason,
    endedBy: d.endedBy,
    cancelConfirmedBy: d.cancelConfirmedBy,
    supersedesId: d.supersedesId,
  };
}

/** Draws, their frozen lots and replacement records; row locks are the transaction's own (one at a time). */
export function drawRepo(tx: MemoryTx, clock: Clock): Repos['draws'] {
  const ofAgency = (agencyId: number) => sortedBy(tx.read('draws').values(), (d) => d.id).filter((d) => d.agencyId === agencyId);
  return {
    async nextSeq(agencyId, year) {
      return (
        Math.max(
          0,
          ...ofAgency(agencyId)
            .filter((d) => d.year === year)
            .map((d) => d.seq),
        ) + 1
      );
    },
    async freezeLot(agencyId, spec, specials) {
      const lot = freezeLot(tx, agencyId, spec, specials, clock.now());
      return { lotId: lot.id, size: lot.size, sha256: lot.sha256 };
    },
    async insert(row) {
      const { seq } = row;
      const mine = ofAgency(row.agencyId);
      ensureUnique(mine, (d) => d.drawNo === row.drawNo, 'draws_no_uq');
      ensureUnique(mine, (d) => d.year === row.year && d.seq === seq, 'draws_seq_uq');
      if (!tx.read('drawLots').has(row.lotId)) throw new ForeignKeyViolation('draws_lot_id_draw_lots_id_fk');
      if (!tx.read('people').has(row.preparedBy)) throw new ForeignKeyViolation('draws_prepared_by_people_id_fk');
      const { frozen, lotId, planId = null, planBatch = null, ...rest } = row;
      if (planId !== null && !tx.read('plans').has(planId)) throw new ForeignKeyViolation('draws_plan_id_plans_id_fk');
      const id = tx.nextId('draws');
      tx.put('draws', id, {
        ...rest,
        planId,
        planBatch,
        id,
        seq,
        params: jsonb(row.params),
        summary: jsonb(row.summary),
        beacon: jsonb(row.beacon),
        secret: null,
        frozen: JSON.stringify(frozen),
        lotId,
        seed: null,
        result: null,
        executedBy: null,
        createdAt: row.createdAt ?? clock.now(),
        executedAt: null,
        endedAt: null,
        endedReason: null,
        endedBy: null,
        cancelConfirmedBy: null,
      });
      return toDrawRow(tx.read('draws').get(id)!);
    },
    async byId(agencyId, id) {
      const d = tx.read('draws').get(id);
      return d && d.agencyId === agencyId ? toDrawRow(d) : undefined;
    },
    async byNo(agencyId, drawNo) {
      const d = ofAgency(agencyId).find((x) => x.drawNo === drawNo);
      return d ? toDrawRow(d) : undefined;
    },
    async frozen(id, select) {
      const d = tx.read('draws').get(id);
      if (!d) return undefined;
      const lot = d.lotId === null ? undefined : tx.read('drawLots').get(d.lotId);
      if (!lot) throw new Error(`draw ${id} has no frozen lot`);
      const head = JSON.parse(d.frozen) as PreparedHead;
      return { ...head, enterprisePool: readLot(lot, select?.(head, lot.size) ?? null) };
    },
    async transition(id, from, to, fields) {
      const d = tx.read('draws').get(id);
      if (!d || !from.includes(d.status)) return false;
      const next: DrawRecord = { ...d, status: to };
      if (fields.seed !== undefined) next.seed = fields.seed;
      if (fields.result !== undefined) next.result = jsonb(fields.result);
      if (fields.executedBy !== undefined) next.executedBy = fields.executedBy;
      if (fields.secret !== undefined) next.secret = fields.secret;
      if (fields.beacon !== undefined) next.beacon = jsonb(fields.beacon);
      if (to === 'executed') next.executedAt = fields.at;
      if (to === 'abandoned' || to === 'cancelled') {
        next.endedAt = fields.at;
        next.endedReason = fields.endedReason ?? null;
        next.endedBy = fields.endedBy ?? null;
        next.cancelConfirmedBy = fields.cancelConfirmedBy ?? null;
      }
      tx.put('draws', id, next);
      return true;
    },
    async recent(agencyId, limit) {
      return ofAgency(agencyId).reverse().slice(0, limit).map(toDrawRow);
    },
    async beginPreparation(agencyId) {
      const d = ofAgency(agencyId).find((x) => x.status === 'prepared');
      return d ? toDrawRow(d) : undefined;
    },
    async lock() {},
    async replacements(drawId) {
      return sortedBy(tx.read('drawReplacements').values(), (r) => r.id)
        .filter((r) => r.drawId === drawId)
        .map((r) => readJson(r.record) as ReplacementRecord);
    },
    async addReplacement(drawId, record) {
      if (!tx.read('draws').has(drawId)) throw new ForeignKeyViolation('draw_replacements_draw_id_draws_id_fk');
      const rows = tx.read('drawReplacements').values();
      ensureUnique(rows, (r) => r.drawId === drawId && r.taskIndex === record.taskIndex && r.replacementNo === record.replacementNo, 'draw_replacements_uq');
      const id = tx.nextId('drawReplacements');
      tx.put('drawReplacements', id, {
        id,
        drawId,
        taskIndex: record.taskIndex,
        replacementNo: record.replacementNo,
        record: jsonb(record),
        createdAt: clock.now(),
      });
    },
  };
}
