import type { Clock } from '../../app/ports/clock';
import type { PlanRow, Repos } from '../../app/ports/store';
import type { TaskTally } from '../../domain/plan';
import type { MemoryTx } from './memory-database';
import type { PlanRecord } from './rows';
import { ensureUnique, ForeignKeyViolation, jsonb, readDate, readJson, sortedBy } from './values';

function toPlanRow({ eligibleAtYearEnd: _, ...p }: PlanRecord): PlanRow {
  return { ...p, checkItems: readJson(p.checkItems), batches: readJson(p.batches), createdAt: readDate(p.createdAt), updatedAt: readDate(p.updatedAt) };
}

/** The plans in memory, held to the SQL repository's contract (unique document number, one default a year). */
export function planRepo(tx: MemoryTx, clock: Clock): Repos['plans'] {
  const all = () => sortedBy(tx.read('plans').values(), (p) => p.id);
  const ofAgency = (agencyId: number) => all().filter((p) => p.agencyId === agencyId);
  const checkUnique = (row: Pick<PlanRecord, 'id' | 'agencyId' | 'docNo' | 'year' | 'isDefault'>) => {
    const others = ofAgency(row.agencyId).filter((p) => p.id !== row.id);
    if (row.docNo !== null) ensureUnique(others, (p) => p.docNo === row.docNo, 'plans_doc_no_uq');
    if (row.isDefault) ensureUnique(others, (p) => p.isDefault && p.year === row.year, 'plans_default_uq');
  };
  return {
    async insert(row) {
      if (!tx.read('agencies').has(row.agencyId)) throw new ForeignKeyViolation('plans_agency_id_agencies_id_fk');
      const id = tx.nextId('plans');
      const now = clock.now();
      const record: PlanRecord = { ...row, id, checkItems: jsonb(row.checkItems), batches: jsonb(row.batches), createdAt: now, updatedAt: now };
      checkUnique(record);
      tx.put('plans', id, record);
      return toPlanRow(record);
    },
    async update(agencyId, id, content, at) {
      const old = tx.read('plans').get(id);
      if (!old || old.agencyId !== agencyId) return undefined;
      const record: PlanRecord = { ...old, ...content, checkItems: jsonb(content.checkItems), batches: jsonb(content.batches), updatedAt: at };
      checkUnique(record);
      tx.put('plans', id, record);
      return toPlanRow(record);
    },
    async byId(agencyId, id) {
      const p = tx.read('plans').get(id);
      return p && p.agencyId === agencyId ? toPlanRow(p) : undefined;
    },
    async byDocNo(agencyId, docNo) {
      const p = ofAgency(agencyId).find((x) => x.docNo === docNo);
      return p ? toPlanRow(p) : undefined;
    },
    async defaultOf(agencyId, year) {
      const p = ofAgency(agencyId).find((x) => x.isDefault && x.year === year);
      return p ? toPlanRow(p) : undefined;
    },
    async list(agencyId) {
      return ofAgency(agencyId)
        .sort((a, b) => b.year - a.year || a.id - b.id)
        .map(toPlanRow);
    },
    async setDefault(agencyId, id, at) {
      const plan = tx.read('plans').get(id);
      if (!plan || plan.agencyId !== agencyId) return;
      for (const p of ofAgency(agencyId)) {
        if (p.id !== id && p.year === plan.year && p.isDefault) tx.put('plans', p.id, { ...p, isDefault: false, updatedAt: at });
      }
      tx.put('plans', id, { ...plan, isDefault: true, updatedAt: at });
    },
    async lock() {
      // Transactions run one at a time: the whole store is locked already.
    },
    async tallies(planId) {
      const drawBatch = new Map<number, number | null>();
      for (const d of tx.read('draws').values()) if (d.planId === planId) drawBatch.set(d.id, d.planBatch);
      const groups = new Map<string, TaskTally>();
      for (const t of tx.read('tasks').values()) {
        if (!drawBatch.has(t.drawId) || t.status === 'cancelled') continue;
        const batch = drawBatch.get(t.drawId) ?? null;
        const k = `${batch}|${t.industry}|${t.status}`;
        const g = groups.get(k) ?? { batch, industry: t.industry, status: t.status, count: 0 };
        g.count++;
        groups.set(k, g);
      }
      return [...groups.values()];
    },
    async drawCount(planId) {
      return [...tx.read('draws').values()].filter((d) => d.planId === planId).length;
    },
    async eligibleAtYearEnd(planId) {
      const counts = tx.read('plans').get(planId)?.eligibleAtYearEnd;
      return counts === undefined || counts === null ? undefined : readJson(counts as Record<string, number>);
    },
    async freezeEligible(planId, counts) {
      const old = tx.read('plans').get(planId);
      if (!old || (old.eligibleAtYearEnd !== undefined && old.eligibleAtYearEnd !== null)) return;
      tx.put('plans', planId, { ...old, eligibleAtYearEnd: jsonb(counts) });
    },
  };
}
