import { describe, expect, it } from 'vitest';
import type { ReplacementRecord } from '../../../src/domain/draw';
import { insertDraw } from './draw-fixture';
import type { Harness } from './harness';
import { seedBureau } from './fixtures';

const AT = new Date('2026-03-02T02:00:00Z');

/** Repos.draws: numbering, reading back, conditional transitions, replacements. */
export function drawCases(h: () => Harness): void {
  describe('draws', () => {
    it('stores a prepared draw and reads it back by id, number, recency and as the one pending', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        expect(await r.draws.nextSeq(b.agencyId, 2026)).toBe(1);
        const first = await insertDraw(r, b, `局${b.t}抽〔2026〕1号`);
        expect(await r.draws.nextSeq(b.agencyId, 2026)).toBe(2);
        expect(await r.draws.nextSeq(b.agencyId, 2027)).toBe(1);
        const row = await r.draws.byId(b.agencyId, first.drawId);
        expect(row).toEqual({
          ...JSON.parse(JSON.stringify(first.row)),
          id: first.drawId,
          secret: null,
          seed: null,
          result: null,
          createdAt: expect.any(Date),
          executedAt: null,
          executedBy: null,
          endedAt: null,
          endedReason: null,
          endedBy: null,
          cancelConfirmedBy: null,
        });
        expect(await r.draws.byNo(b.agencyId, `局${b.t}抽〔2026〕1号`)).toEqual(row);
        expect(await r.draws.byId(b.agencyId + 1000, first.drawId)).toBeUndefined();
        expect(await r.draws.byNo(b.agencyId, '没有这一号')).toBeUndefined();
        expect(await r.draws.beginPreparation(b.agencyId)).toEqual(row);
        await r.draws.lock(first.drawId);
        const second = await insertDraw(r, b, `局${b.t}抽〔2026〕2号`);
        expect((await r.draws.recent(b.agencyId, 5)).map((d) => d.id)).toEqual([second.drawId, first.drawId]);
        expect((await r.draws.recent(b.agencyId, 1)).map((d) => d.id)).toEqual([second.drawId]);
        expect((await r.draws.beginPreparation(b.agencyId))?.id).toBe(first.drawId);
      });
    });

    it('refuses a second draw under the same number in one agency', async () => {
      const b = await seedBureau(h());
      const drawNo = `局${b.t}抽〔2026〕1号`;
      await h().store.transaction((r) => insertDraw(r, b, drawNo));
      await expect(h().store.transaction((r) => insertDraw(r, b, drawNo))).rejects.toThrow();
      expect((await h().store.transaction((r) => r.draws.recent(b.agencyId, 5))).length).toBe(1);
    });

    it('changes state only from the states given, keeping the fields of the transition', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { drawId } = await insertDraw(r, b, `局${b.t}抽〔2026〕1号`);
        expect(await r.draws.transition(drawId, ['executed'], 'cancelled', { at: AT })).toBe(false);
        const result = { seed: 'ab'.repeat(32), tasks: [{ uscc: 'x', officers: ['A'] }], strata: [] };
        expect(await r.draws.transition(drawId, ['prepared'], 'executed', { seed: 'ab'.repeat(32), result, executedBy: b.leader, at: AT })).toBe(true);
        expect(await r.draws.transition(drawId, ['prepared'], 'executed', { seed: 'cd'.repeat(32), at: AT })).toBe(false);
        expect(await r.draws.byId(b.agencyId, drawId)).toMatchObject({
          status: 'executed',
          seed: 'ab'.repeat(32),
          result: { seed: 'ab'.repeat(32), tasks: [{ uscc: 'x', officers: ['A'] }], strata: [] },
          executedAt: AT,
          endedReason: null,
        });
        expect(await r.draws.transition(drawId, ['prepared', 'executed'], 'cancelled', { endedReason: '企业停产', at: AT })).toBe(true);
        expect(await r.draws.byId(b.agencyId, drawId)).toMatchObject({ status: 'cancelled', seed: 'ab'.repeat(32), endedReason: '企业停产' });
        expect(await r.draws.beginPreparation(b.agencyId)).toBeUndefined();
        expect(await r.draws.transition(drawId + 1000, ['prepared'], 'abandoned', { at: AT })).toBe(false);
      });
    });

    it('keeps replacement records in the order they were made, once per task and number', async () => {
      const b = await seedBureau(h());
      const record = (taskIndex: number, replacementNo: number) =>
        ({ taskIndex, replacementNo, certificateNo: `X${taskIndex}`, reason: '回避' }) as unknown as ReplacementRecord;
      const drawId = await h().store.transaction(async (r) => {
        const { drawId } = await insertDraw(r, b, `局${b.t}抽〔2026〕1号`);
        expect(await r.draws.replacements(drawId)).toEqual([]);
        for (const [i, n] of [
          [1, 1],
          [0, 1],
          [1, 2],
        ] as const)
          await r.draws.addReplacement(drawId, record(i, n));
        expect(await r.draws.replacements(drawId)).toEqual([record(1, 1), record(0, 1), record(1, 2)]);
        return drawId;
      });
      await expect(h().store.transaction((r) => r.draws.addReplacement(drawId, record(0, 1)))).rejects.toThrow();
      expect(await h().store.transaction((r) => r.draws.replacements(drawId))).toHaveLength(3);
    });
  });
}
