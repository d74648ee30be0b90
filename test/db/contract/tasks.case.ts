import { describe, expect, it } from 'vitest';
import type { FindingsInput, Repos } from '../../../src/app/ports/store';
import { insertDraw } from './draw-fixture';
import type { Harness } from './harness';
import { seedBureau, uscc } from './fixtures';

const AT = new Date('2026-03-05T02:00:00Z');
type Bureau = Awaited<ReturnType<typeof seedBureau>>;

/** A draw of the bureau with two tasks: enterprise 2 to officers A and B, enterprise 5 to B and A. */
export async function twoTasks(r: Repos, b: Bureau) {
  const { drawId } = await insertDraw(r, b, `局${b.t}抽〔2026〕1号`);
  const task = (ordinal: number, i: number, officers: number[]) => ({
    ordinal,
    uscc: uscc(b.t, i),
    enterpriseName: `企业${b.t}-${i}`,
    industry: '建材',
    township: '首阳山街道',
    windowFrom: '2026-03-02',
    windowTo: '2026-03-31',
    officers: officers.map((personId) => ({ personId, certificateNo: personId === b.officerA ? `A${b.t}` : `B${b.t}` })),
  });
  // Given out of ordinal order: ids follow the list, `ofDraw` the ordinals.
  const [second, first] = await r.tasks.insertMany(drawId, b.agencyId, [task(1, 5, [b.officerB, b.officerA]), task(0, 2, [b.officerA, b.officerB])]);
  return { drawId, first: first!, second: second! };
}

export const findingsOf = (taskId: number, submittedBy: number): FindingsInput => ({
  taskId,
  submittedBy,
  inspectionDate: '2026-03-04',
  itemResults: { CI02: '符合', CI01: '不符合' },
  itemNotes: { CI01: '配电箱未接地' },
  hazards: [{ no: 1, description: '配电箱未接地', location: '一号车间', itemCode: 'CI01', level: 'general', rectification: 'deadline', due: '2026-03-10' }],
  majorHazard: false,
  measures: ['remove'],
  rectification: 'deadline',
  rectificationDue: '2026-03-10',
  resultCategory: 'pending',
  caseFiled: true,
  caseNo: '偃应急立〔2026〕1号',
  responsiblePerson: '王经理',
  refusedToSign: false,
  refusalNote: null,
  notes: null,
});

/** Repos.tasks: tasks with their officers, conditional changes, findings once, publication. */
export function taskCases(h: () => Harness): void {
  describe('tasks', () => {
    it('stores a draw’s tasks with their officers and reads them by id, draw, person and agency', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { drawId, first, second } = await twoTasks(r, b);
        const one = await r.tasks.byId(first);
        expect(one).toEqual({
          id: first,
          agencyId: b.agencyId,
          drawId,
          drawNo: `局${b.t}抽〔2026〕1号`,
          ordinal: 0,
          uscc: uscc(b.t, 2),
          enterpriseName: `企业${b.t}-2`,
          industry: '建材',
          township: '首阳山街道',
          status: 'assigned',
          windowFrom: '2026-03-02',
          windowTo: '2026-03-31',
          resultDate: null,
          publicationDue: null,
          publicationDueProvisional: false,
          publishedAt: null,
          publishedBy: null,
          publicationRef: null,
          publicationLateWorkdays: null,
          officers: [
            expect.objectContaining({
              personId: b.officerA,
              name: `甲${b.t}`,
              unit: '综合行政执法大队',
              certificateNo: `A${b.t}`,
              status: 'pending',
              replacementNo: 0,
              recusalReason: null,
            }),
            expect.objectContaining({ personId: b.officerB, name: `乙${b.t}`, certificateNo: `B${b.t}`, status: 'pending' }),
          ],
        });
        expect(one!.officers[0]!.taskId).toBe(first);
        expect(await r.tasks.byId(first + 1000)).toBeUndefined();
        expect((await r.tasks.ofDraw(drawId)).map((x) => x.id)).toEqual([first, second]);
        expect((await r.tasks.ofAgency(b.agencyId, ['assigned'])).map((x) => x.id)).toEqual([second, first]);
        expect(await r.tasks.ofAgency(b.agencyId, ['inspected'])).toEqual([]);
        expect((await r.tasks.ofPerson(b.officerA, ['assigned'])).map((x) => x.id)).toEqual([second, first]);
        // An officer waiting for the head's decision on his 回避 still holds the task.
        expect(await r.tasks.setOfficerStatus(one!.officers[0]!.id, ['pending'], 'awaiting_recusal', { at: AT })).toBe(true);
        expect((await r.tasks.ofPerson(b.officerA, ['assigned'])).map((x) => x.id)).toEqual([second, first]);
        expect(await r.tasks.setOfficerStatus(one!.officers[0]!.id, ['awaiting_recusal'], 'pending', { at: AT })).toBe(true);
        // A recused officer's tasks are no longer his.
        expect(await r.tasks.setOfficerStatus(one!.officers[0]!.id, ['pending'], 'recused', { recusalReason: '近亲属', at: AT })).toBe(true);
        expect((await r.tasks.ofPerson(b.officerA, ['assigned'])).map((x) => x.id)).toEqual([second]);
        // The draw's history: recused officers left out, the task still open.
        const history = (await r.directory.drawRoster(b.agencyId)).history.filter((x) => x.uscc === uscc(b.t, 2));
        expect(history).toEqual([{ uscc: uscc(b.t, 2), date: '2026-03-02', officers: [`B${b.t}`], open: true, random: true }]);
      });
    });

    it('changes a task or an officer only from the states given', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { drawId, first, second } = await twoTasks(r, b);
        const officer = (await r.tasks.byId(first))!.officers[1]!;
        expect(await r.tasks.setOfficerStatus(officer.id, ['confirmed'], 'released', { at: AT })).toBe(false);
        expect(await r.tasks.setOfficerStatus(officer.id, ['pending'], 'confirmed', { at: AT })).toBe(true);
        expect(await r.tasks.setOfficerStatus(officer.id, ['pending'], 'confirmed', { at: AT })).toBe(false);
        expect((await r.tasks.byId(first))!.officers[1]).toMatchObject({ status: 'confirmed', recusalReason: null });
        await r.tasks.addOfficer(first, b.officerC, `C${b.t}`, 1);
        expect((await r.tasks.byId(first))!.officers.map((o) => [o.personId, o.replacementNo, o.status])).toEqual([
          [b.officerA, 0, 'pending'],
          [b.officerB, 0, 'confirmed'],
          [b.officerC, 1, 'pending'],
        ]);
        const fields = { resultDate: '2026-03-04', publicationDue: '2026-03-11', publicationDueProvisional: true, at: AT };
        expect(await r.tasks.transition(first, ['published'], 'inspected', fields)).toBe(false);
        expect(await r.tasks.transition(first, ['assigned'], 'inspected', fields)).toBe(true);
        expect(await r.tasks.byId(first)).toMatchObject({
          status: 'inspected',
          resultDate: '2026-03-04',
          publicationDue: '2026-03-11',
          publicationDueProvisional: true,
        });
        // Fields left out stay as they were.
        const published = { publishedAt: AT, publishedBy: b.officerA, publicationRef: 'R-1', publicationLateWorkdays: 2, at: AT };
        expect(await r.tasks.transition(first, ['inspected'], 'published', published)).toBe(true);
        expect(await r.tasks.byId(first)).toMatchObject({
          status: 'published',
          resultDate: '2026-03-04',
          publishedAt: AT,
          publicationRef: 'R-1',
          publicationLateWorkdays: 2,
        });
        expect(await r.tasks.cancelOfDraw(drawId, AT)).toBe(1);
        expect((await r.tasks.byId(second))!.status).toBe('cancelled');
        expect((await r.tasks.byId(first))!.status).toBe('published');
        expect(await r.tasks.cancelOfDraw(drawId, AT)).toBe(0);
      });
      await expect(
        h().store.transaction(async (r) => r.tasks.addOfficer((await r.tasks.ofAgency(b.agencyId, ['published']))[0]!.id, b.officerA, `A${b.t}`, 2)),
      ).rejects.toThrow();
    });

    it('keeps the first findings of a task', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { first } = await twoTasks(r, b);
        expect(await r.tasks.findings(first)).toBeUndefined();
        expect(await r.tasks.insertFindings(findingsOf(first, b.officerA))).toBe(true);
        expect(await r.tasks.insertFindings({ ...findingsOf(first, b.officerB), notes: '第二次' })).toBe(false);
        expect(await r.tasks.findings(first)).toMatchObject({ ...findingsOf(first, b.officerA), createdAt: expect.any(Date) });
      });
    });
  });
}
