import { and, asc, count, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { PlanRow, Repos } from '../../app/ports/store';
import type { CheckItemCode } from '../../domain/catalog/check-items';
import type { TaskTally } from '../../domain/plan';
import type { DbOrTx } from '../client';
import { draws, plans, tasks } from '../schema';

const columns = {
  id: plans.id,
  agencyId: plans.agencyId,
  year: plans.year,
  title: plans.title,
  docNo: plans.docNo,
  checkItems: plans.checkItems,
  batches: plans.batches,
  isDefault: plans.isDefault,
  createdBy: plans.createdBy,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
};

const toRow = (r: Omit<typeof plans.$inferSelect, 'eligibleAtYearEnd'>): PlanRow => ({ ...r, checkItems: r.checkItems as CheckItemCode[] });

/** The annual plans (年度抽查计划) in the database. */
export function planRepo(tx: DbOrTx): Repos['plans'] {
  const one = async (where: ReturnType<typeof and>) => {
    const [r] = await tx.select(columns).from(plans).where(where);
    return r ? toRow(r) : undefined;
  };
  return {
    async insert(row) {
      const [r] = await tx.insert(plans).values(row).returning(columns);
      return toRow(r!);
    },
    async update(agencyId, id, content, at) {
      const [r] = await tx
        .update(plans)
        .set({ ...content, updatedAt: at })
        .where(and(eq(plans.agencyId, agencyId), eq(plans.id, id)))
        .returning(columns);
      return r ? toRow(r) : undefined;
    },
    byId: (agencyId, id) => one(and(eq(plans.agencyId, agencyId), eq(plans.id, id))),
    byDocNo: (agencyId, docNo) => one(and(eq(plans.agencyId, agencyId), eq(plans.docNo, docNo))),
    defaultOf: (agencyId, year) => one(and(eq(plans.agencyId, agencyId), eq(plans.year, year), eq(plans.isDefault, true))),
    async list(agencyId) {
      const rows = await tx.select(columns).from(plans).where(eq(plans.agencyId, agencyId)).orderBy(desc(plans.year), asc(plans.id));
      return rows.map(toRow);
    },
    async setDefault(agencyId, id, at) {
      const [plan] = await tx
        .select({ year: plans.year })
        .from(plans)
        .where(and(eq(plans.agencyId, agencyId), eq(plans.id, id)));
      if (!plan) return;
      // The old default first: the partial unique index allows one default per year at any moment.
      await tx
        .update(plans)
        .set({ isDefault: false, updatedAt: at })
        .where(and(eq(plans.agencyId, agencyId), eq(plans.year, plan.year), eq(plans.isDefault, true), ne(plans.id, id)));
      await tx.update(plans).set({ isDefault: true, updatedAt: at }).where(eq(plans.id, id));
    },
    async lock(id) {
      await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, id)).for('update');
    },
    async tallies(planId) {
      const rows = await tx
        .select({ batch: draws.planBatch, industry: tasks.industry, status: tasks.status, count: count() })
        .from(tasks)
        .innerJoin(draws, eq(draws.id, tasks.drawId))
        .where(and(eq(draws.planId, planId), inArray(tasks.status, ['assigned', 'inspected', 'published'])))
        .groupBy(draws.planBatch, tasks.industry, tasks.status);
      return rows as TaskTally[];
    },
    async drawCount(planId) {
      const [r] = await tx.select({ n: count() }).from(draws).where(eq(draws.planId, planId));
      return r?.n ?? 0;
    },
    async eligibleAtYearEnd(planId) {
      const [r] = await tx.select({ counts: plans.eligibleAtYearEnd }).from(plans).where(eq(plans.id, planId));
      return r?.counts ?? undefined;
    },
    async freezeEligible(planId, counts) {
      await tx
        .update(plans)
        .set({ eligibleAtYearEnd: counts })
        .where(and(eq(plans.id, planId), isNull(plans.eligibleAtYearEnd)));
    },
  };
}
