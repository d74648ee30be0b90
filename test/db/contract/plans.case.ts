import { describe, expect, it } from 'vitest';
import type { PlanContent } from '../../../src/domain/plan';
import { insertDraw } from './draw-fixture';
import type { Harness } from './harness';
import { seedBureau, uscc } from './fixtures';

const AT = new Date('2026-03-05T02:00:00Z');

const content = (docNo: string | null, year = 2026): PlanContent => ({
  docNo,
  year,
  title: `${year}年双随机抽查计划`,
  checkItems: ['CI01', 'CI02'],
  batches: [{ no: 1, from: `${year}-04-01`, to: `${year}-06-30`, targets: [{ industry: '机械', amount: { kind: 'percent', value: 2.5 } }] }],
});

/** Repos.plans: the annual plans, one default a year, and the tallies of their tasks. */
export function planCases(h: () => Harness): void {
  describe('plans', () => {
    it('stores a plan and reads it back by id, document number, default and list', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const docNo = `局${b.t}〔2026〕18号`;
        const plan = await r.plans.insert({ ...content(docNo), agencyId: b.agencyId, isDefault: true, createdBy: 'cli' });
        expect(plan).toEqual({
          ...content(docNo),
          id: expect.any(Number),
          agencyId: b.agencyId,
          isDefault: true,
          createdBy: 'cli',
          createdAt: expect.any(Date),
          updatedAt: expect.any(Date),
        });
        expect(await r.plans.byId(b.agencyId, plan.id)).toEqual(plan);
        expect(await r.plans.byId(b.agencyId + 1000, plan.id)).toBeUndefined();
        expect(await r.plans.byDocNo(b.agencyId, docNo)).toEqual(plan);
        expect(await r.plans.defaultOf(b.agencyId, 2026)).toEqual(plan);
        expect(await r.plans.defaultOf(b.agencyId, 2027)).toBeUndefined();
        const later = await r.plans.insert({ ...content(null, 2027), agencyId: b.agencyId, isDefault: false, createdBy: 'person:1' });
        expect((await r.plans.list(b.agencyId)).map((p) => p.id)).toEqual([later.id, plan.id]);
      });
    });

    it('refuses a second plan with the same number, and a second default of a year', async () => {
      const b = await seedBureau(h());
      const docNo = `局${b.t}〔2026〕18号`;
      await h().store.transaction((r) => r.plans.insert({ ...content(docNo), agencyId: b.agencyId, isDefault: true, createdBy: 'cli' }));
      await expect(
        h().store.transaction((r) => r.plans.insert({ ...content(docNo), agencyId: b.agencyId, isDefault: false, createdBy: 'cli' })),
      ).rejects.toThrow();
      await expect(
        h().store.transaction((r) => r.plans.insert({ ...content(null), agencyId: b.agencyId, isDefault: true, createdBy: 'cli' })),
      ).rejects.toThrow();
      // Two plans without a number are fine (NULLs are distinct).
      await h().store.transaction(async (r) => {
        await r.plans.insert({ ...content(null), agencyId: b.agencyId, isDefault: false, createdBy: 'cli' });
        await r.plans.insert({ ...content(null), agencyId: b.agencyId, isDefault: false, createdBy: 'cli' });
      });
      expect((await h().store.transaction((r) => r.plans.list(b.agencyId))).length).toBe(3);
    });

    it('moves the default of a year and replaces a plan’s content', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const first = await r.plans.insert({ ...content(null), agencyId: b.agencyId, isDefault: true, createdBy: 'cli' });
        const second = await r.plans.insert({ ...content(`局${b.t}〔2026〕2号`), agencyId: b.agencyId, isDefault: false, createdBy: 'cli' });
        await r.plans.setDefault(b.agencyId, second.id, AT);
        expect((await r.plans.defaultOf(b.agencyId, 2026))?.id).toBe(second.id);
        expect((await r.plans.byId(b.agencyId, first.id))?.isDefault).toBe(false);
        const changed = { ...content(`局${b.t}〔2026〕3号`), title: '改过的计划', batches: [] };
        expect(await r.plans.update(b.agencyId, second.id, changed, AT)).toMatchObject({ ...changed, id: second.id, isDefault: true, updatedAt: AT });
        expect(await r.plans.update(b.agencyId + 1000, second.id, changed, AT)).toBeUndefined();
        await r.plans.lock(second.id);
      });
    });

    it('freezes the eligible counts of a plan once, and reads them back', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const plan = await r.plans.insert({ ...content(null), agencyId: b.agencyId, isDefault: true, createdBy: 'cli' });
        expect(await r.plans.eligibleAtYearEnd(plan.id)).toBeUndefined();
        await r.plans.freezeEligible(plan.id, { 建材: 21, 机械: 3 });
        await r.plans.freezeEligible(plan.id, { 建材: 5 });
        expect(await r.plans.eligibleAtYearEnd(plan.id)).toEqual({ 建材: 21, 机械: 3 });
        // Not part of the plan as read.
        expect(await r.plans.byId(b.agencyId, plan.id)).not.toHaveProperty('eligibleAtYearEnd');
      });
    });

    it('counts the tasks of its draws by batch, industry and status, cancelled ones left out', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const plan = await r.plans.insert({ ...content(null), agencyId: b.agencyId, isDefault: true, createdBy: 'cli' });
        const other = await r.plans.insert({ ...content(`局${b.t}〔2026〕9号`), agencyId: b.agencyId, isDefault: false, createdBy: 'cli' });
        const inBatch = await insertDraw(r, b, `局${b.t}抽〔2026〕1号`, 2, { planId: plan.id, planBatch: 1 });
        const unbatched = await insertDraw(r, b, `局${b.t}抽〔2026〕2号`, 2, { planId: plan.id, planBatch: null });
        const elsewhere = await insertDraw(r, b, `局${b.t}抽〔2026〕3号`, 2, { planId: other.id, planBatch: 1 });
        expect((await r.draws.byId(b.agencyId, inBatch.drawId))?.planBatch).toBe(1);
        const task = (ordinal: number, i: number, industry: string) => ({
          ordinal,
          uscc: uscc(b.t, i),
          enterpriseName: `企业${i}`,
          industry,
          windowFrom: '2026-03-02',
          windowTo: '2026-03-31',
          officers: [],
        });
        const ids = await r.tasks.insertMany(inBatch.drawId, b.agencyId, [task(0, 1, '机械'), task(1, 2, '机械'), task(2, 3, '建材'), task(3, 4, '机械')]);
        await r.tasks.insertMany(unbatched.drawId, b.agencyId, [task(0, 5, '机械')]);
        await r.tasks.insertMany(elsewhere.drawId, b.agencyId, [task(0, 6, '机械')]);
        await r.tasks.transition(ids[1]!, ['assigned'], 'inspected', { at: AT });
        await r.tasks.transition(ids[2]!, ['assigned'], 'published', { at: AT });
        await r.tasks.transition(ids[3]!, ['assigned'], 'cancelled', { at: AT });
        const tallies = await r.plans.tallies(plan.id);
        const sorted = [...tallies].sort((x, y) => `${x.batch}${x.industry}${x.status}`.localeCompare(`${y.batch}${y.industry}${y.status}`));
        expect(sorted).toEqual([
          { batch: 1, industry: '建材', status: 'published', count: 1 },
          { batch: 1, industry: '机械', status: 'assigned', count: 1 },
          { batch: 1, industry: '机械', status: 'inspected', count: 1 },
          { batch: null, industry: '机械', status: 'assigned', count: 1 },
        ]);
        expect(await r.plans.drawCount(plan.id)).toBe(2);
      });
    });
  });
}
