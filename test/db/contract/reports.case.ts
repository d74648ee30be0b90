import { describe, expect, it } from 'vitest';
import { insertDraw } from './draw-fixture';
import { enterprise, seedBureau, uscc } from './fixtures';
import type { Harness } from './harness';
import { findingsOf } from './tasks.case';

const AT = new Date('2026-03-05T02:00:00Z');

/** Repos.reports: a year's tasks in full (officers, findings, 复查) and the directory. */
export function reportCases(h: () => Harness): void {
  describe('reports', () => {
    it('reads a year’s tasks with their officers, findings and 复查, in draw and ordinal order', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const first = await insertDraw(r, b, `局${b.t}抽〔2026〕1号`);
        const second = await insertDraw(r, b, `局${b.t}抽〔2026〕2号`);
        const old = await r.draws.insert({ ...first.row, year: 2025, drawNo: `局${b.t}抽〔2025〕1号`, seq: 1, frozen: first.head, lotId: first.lotId });
        const task = (ordinal: number, i: number) => ({
          ordinal,
          uscc: uscc(b.t, i),
          enterpriseName: `企业${b.t}-${i}`,
          industry: '建材',
          township: '岳滩镇',
          windowFrom: '2026-03-02',
          windowTo: '2026-03-31',
          officers: [
            { personId: b.officerA, certificateNo: `A${b.t}` },
            { personId: b.officerB, certificateNo: `B${b.t}` },
          ],
        });
        const [s0] = await r.tasks.insertMany(second.drawId, b.agencyId, [task(0, 5)]);
        const [f1, f0] = await r.tasks.insertMany(first.drawId, b.agencyId, [task(1, 6), task(0, 2)]);
        const [o0] = await r.tasks.insertMany(old.id, b.agencyId, [task(0, 3)]);
        expect(await r.tasks.insertFindings(findingsOf(f0!, b.officerA))).toBe(true);
        await r.tasks.transition(f0!, ['assigned'], 'inspected', { resultDate: '2026-03-04', publicationDue: '2026-03-11', at: AT });
        await r.records.setRectificationState(f0!, { rectification: 'deadline', rectificationDue: '2026-03-10', recheckResult: 'rectified', recheckedAt: AT });
        const round = { taskId: f0!, round: 1, recheckDate: '2026-03-11', note: '已整改', newDue: null, recordedBy: b.officerA };
        expect(await r.records.insertRecheck({ ...round, results: [{ no: 1, result: 'rectified' }] })).toBe(true);
        const photo = {
          agencyId: b.agencyId,
          taskId: f0!,
          contentType: 'image/jpeg',
          size: 3,
          fileName: '现场.jpg',
          capturedAt: null,
          uploadedBy: b.officerA,
          round: null,
          afterRecord: false,
        };
        expect(await r.records.addEvidence({ ...photo, sha256: 'a'.repeat(64), source: 'local:m1' }, AT)).toBe(true);
        expect(await r.records.addEvidence({ ...photo, sha256: 'b'.repeat(64), source: 'local:m2' }, AT)).toBe(true);

        const year = await r.reports.tasksOfYear(b.agencyId, 2026);
        expect(year.map((x) => x.id)).toEqual([f0, f1, s0]);
        expect(year[0]).toMatchObject({
          drawNo: `局${b.t}抽〔2026〕1号`,
          status: 'inspected',
          township: '岳滩镇',
          publicationDue: '2026-03-11',
          officers: [expect.objectContaining({ personId: b.officerA, name: `甲${b.t}` }), expect.objectContaining({ personId: b.officerB, unit: '法规科' })],
          findings: { ...findingsOf(f0!, b.officerA), recheckResult: 'rectified', recheckedAt: AT, createdAt: expect.any(Date) },
          rechecks: [{ ...round, id: expect.any(Number), results: [{ no: 1, result: 'rectified' }], createdAt: expect.any(Date) }],
          evidenceCount: 2,
        });
        expect(year[1]).toMatchObject({ findings: null, rechecks: [], evidenceCount: 0 });
        expect((await r.reports.tasksOfYear(b.agencyId, 2025)).map((x) => x.id)).toEqual([o0]);
        expect(await r.reports.tasksOfYear(b.agencyId + 100_000, 2026)).toEqual([]);
        expect(await r.reports.years(b.agencyId)).toEqual([2026, 2025]);
        expect(await r.reports.years(b.agencyId + 100_000)).toEqual([]);
      });
    });

    it('reads the enterprise directory by USCC, contacts included', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const list = await r.reports.enterprises(b.agencyId);
        expect(list.map((e) => e.uscc)).toEqual([1, 2, 3, 4, 5, 6].map((i) => uscc(b.t, i)));
        expect(list[0]).toEqual(enterprise(b.t, 1, { address: '岳滩镇1号', contactPerson: '王经理', phone: '13800000000' }));
        expect(list[2]).toMatchObject({ status: '停产' });
      });
    });
  });
}
