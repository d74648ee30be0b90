import { describe, expect, it } from 'vitest';
import type { Harness } from './harness';
import { seedBureau } from './fixtures';
import { findingsOf, twoTasks } from './tasks.case';

const AT = new Date('2026-03-05T02:00:00Z');

/** Repos.records: the findings draft, 复查 rounds, evidence once per task, the evidence focus. */
export function recordCases(h: () => Harness): void {
  describe('records', () => {
    it('keeps one draft per task, replaced on save and gone once dropped', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { first } = await twoTasks(r, b);
        expect(await r.records.draft(first)).toBeUndefined();
        await r.records.saveDraft(first, { inspectionDate: '2026-03-04', hazards: [] }, b.officerA, AT);
        await r.records.saveDraft(first, { inspectionDate: '2026-03-05', itemResults: { CI01: '符合' }, hazards: [] }, b.officerB, AT);
        expect(await r.records.draft(first)).toEqual({ inspectionDate: '2026-03-05', itemResults: { CI01: '符合' }, hazards: [] });
        await r.records.dropDraft(first);
        expect(await r.records.draft(first)).toBeUndefined();
      });
    });

    it('records each 复查 round once and moves the task’s current rectification', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { first } = await twoTasks(r, b);
        await r.tasks.insertFindings(findingsOf(first, b.officerA));
        const round = {
          taskId: first,
          round: 1,
          recheckDate: '2026-03-11',
          results: [{ no: 1, result: 'not_rectified' as const }],
          note: '未整改',
          newDue: '2026-03-20',
          recordedBy: b.officerA,
        };
        expect(await r.records.insertRecheck(round)).toBe(true);
        expect(await r.records.insertRecheck({ ...round, note: '再次' })).toBe(false);
        expect(await r.records.rechecks(first)).toEqual([{ ...round, id: expect.any(Number), createdAt: expect.any(Date) }]);
        await r.records.setRectificationState(first, { rectification: 'deadline', rectificationDue: '2026-03-20', recheckResult: null, recheckedAt: AT });
        expect(await r.tasks.findings(first)).toMatchObject({ rectificationDue: '2026-03-20', recheckResult: null, recheckedAt: AT });
      });
    });

    it('attaches the same bytes to a task once, and keeps an officer’s focus until it ends', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { first, second } = await twoTasks(r, b);
        const file = {
          agencyId: b.agencyId,
          taskId: first,
          sha256: 'ab'.repeat(32),
          contentType: 'image/jpeg',
          size: 1234,
          fileName: 'photo.jpg',
          capturedAt: '2026-03-04T10:15:00',
          uploadedBy: b.officerA,
          source: 'local:1',
          round: null,
          afterRecord: false,
        };
        expect(await r.records.addEvidence(file, AT)).toBe(true);
        expect(await r.records.addEvidence({ ...file, source: 'local:2' }, AT)).toBe(false);
        expect(await r.records.addEvidence({ ...file, taskId: second }, AT)).toBe(true);
        expect(await r.records.evidenceOf(first)).toEqual([{ ...file, id: expect.any(Number), createdAt: AT }]);
        // A 复查 photo keeps its round.
        expect(await r.records.addEvidence({ ...file, sha256: 'c'.repeat(64), source: 'local:3', round: 1 }, AT)).toBe(true);
        expect(await r.records.addEvidence({ ...file, sha256: 'd'.repeat(64), source: 'local:4', afterRecord: true }, AT)).toBe(true);
        expect((await r.records.evidenceOf(first)).map((e) => [e.round, e.afterRecord])).toEqual([
          [null, false],
          [1, false],
          [null, true],
        ]);
        await r.records.setFocus(b.officerA, { taskId: first, round: null }, new Date(AT.getTime() + 60_000));
        await r.records.setFocus(b.officerA, { taskId: second, round: 2 }, new Date(AT.getTime() + 60_000));
        expect(await r.records.focusOf(b.officerA, AT)).toEqual({ taskId: second, round: 2 });
        expect(await r.records.focusOf(b.officerA, new Date(AT.getTime() + 60_000))).toBeUndefined();
        expect(await r.records.focusOf(b.officerB, AT)).toBeUndefined();
      });
    });
  });
}
