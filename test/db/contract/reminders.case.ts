import { describe, expect, it } from 'vitest';
import type { Repos } from '../../../src/app/ports/store';
import { insertDraw } from './draw-fixture';
import type { Harness } from './harness';
import { seedBureau, uscc } from './fixtures';
import { findingsOf } from './tasks.case';

const AT = new Date('2026-03-05T02:00:00Z');
type Bureau = Awaited<ReturnType<typeof seedBureau>>;

/** Three tasks: assigned (A pending, B confirmed), inspected with a provisional deadline, published awaiting its 复查. */
async function threeTasks(r: Repos, b: Bureau) {
  const { drawId } = await insertDraw(r, b, `局${b.t}抽〔2026〕1号`);
  const task = (ordinal: number) => ({
    ordinal,
    uscc: uscc(b.t, ordinal + 1),
    enterpriseName: `企业${ordinal}`,
    industry: '机械',
    windowFrom: '2026-03-02',
    windowTo: '2026-03-31',
    officers: [
      { personId: b.officerA, certificateNo: `A${b.t}` },
      { personId: b.officerB, certificateNo: `B${b.t}` },
    ],
  });
  const [open, inspected, published] = (await r.tasks.insertMany(drawId, b.agencyId, [task(0), task(1), task(2)])) as [number, number, number];
  await r.tasks.setOfficerStatus((await r.tasks.byId(open))!.officers[1]!.id, ['pending'], 'confirmed', { at: AT });
  await r.tasks.transition(inspected, ['assigned'], 'inspected', {
    resultDate: '2026-12-30',
    publicationDue: '2027-01-07',
    publicationDueProvisional: true,
    at: AT,
  });
  await r.tasks.insertFindings(findingsOf(published, b.officerA));
  await r.tasks.transition(published, ['assigned'], 'inspected', { resultDate: '2026-03-04', publicationDue: '2026-03-11', at: AT });
  await r.tasks.transition(published, ['inspected'], 'published', { publishedAt: AT, at: AT });
  return { drawId, open, inspected, published };
}

/** ReminderRepo: what may be due, who to tell, claims made once. */
export function reminderCases(h: () => Harness): void {
  describe('reminders', () => {
    it('lists open tasks and published ones awaiting their 复查, by agency or by an active officer', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { open, inspected, published } = await threeTasks(r, b);
        const tasks = await r.reminders.openTasks({ agencyId: b.agencyId });
        expect(tasks.map((x) => x.id)).toEqual([open, inspected, published]);
        expect(tasks[0]).toEqual({
          id: open,
          agencyId: b.agencyId,
          drawNo: `局${b.t}抽〔2026〕1号`,
          platform: 'local',
          ordinal: 0,
          enterpriseName: '企业0',
          status: 'assigned',
          windowFrom: '2026-03-02',
          windowTo: '2026-03-31',
          resultDate: null,
          publicationDue: null,
          publicationDueProvisional: false,
          officers: [
            { personId: b.officerA, name: `甲${b.t}`, status: 'pending' },
            { personId: b.officerB, name: `乙${b.t}`, status: 'confirmed' },
          ],
          findings: null,
        });
        expect(tasks[2]!.findings).toEqual({ rectification: 'deadline', rectificationDue: '2026-03-10', recheckResult: null });
        await r.tasks.setOfficerStatus((await r.tasks.byId(inspected))!.officers[0]!.id, ['pending'], 'recused', { at: AT });
        expect((await r.reminders.openTasks({ personId: b.officerA })).map((x) => x.id)).toEqual([open, published]);
        expect((await r.reminders.openTasks({ agencyId: b.agencyId, personId: b.officerB })).map((x) => x.id)).toEqual([open, inspected, published]);
        expect(await r.reminders.openTasks({ agencyId: b.agencyId + 1000 })).toEqual([]);
        // A 复查 that settles the rectification: the published task is no longer open.
        await r.records.setRectificationState(published, {
          rectification: 'deadline',
          rectificationDue: '2026-03-10',
          recheckResult: 'not_rectified',
          recheckedAt: AT,
        });
        expect(await r.tasks.findings(published)).toMatchObject({ recheckResult: 'not_rectified' });
        expect((await r.reminders.openTasks({ agencyId: b.agencyId })).map((x) => x.id)).toEqual([open, inspected]);
        // One that sets a new 整改期限: open again, due on the new date.
        await r.records.setRectificationState(published, { rectification: 'deadline', rectificationDue: '2026-03-20', recheckResult: null, recheckedAt: AT });
        expect((await r.reminders.openTasks({ agencyId: b.agencyId })).find((x) => x.id === published)?.findings).toEqual({
          rectification: 'deadline',
          rectificationDue: '2026-03-20',
          recheckResult: null,
        });
      });
    });

    it('replaces a provisional publication deadline only while it is provisional and the task inspected', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { inspected, published } = await threeTasks(r, b);
        const mine = async () => (await r.reminders.provisionalPublications()).filter((p) => p.agencyId === b.agencyId);
        expect(await mine()).toEqual([{ taskId: inspected, agencyId: b.agencyId, resultDate: '2026-12-30', publicationDue: '2027-01-07' }]);
        expect(await r.reminders.updatePublicationDue(published, '2027-01-08', false, AT)).toBe(false);
        expect(await r.reminders.updatePublicationDue(inspected, '2027-01-08', false, AT)).toBe(true);
        expect(await r.reminders.updatePublicationDue(inspected, '2027-01-09', false, AT)).toBe(false);
        expect(await r.tasks.byId(inspected)).toMatchObject({ publicationDue: '2027-01-08', publicationDueProvisional: false });
        expect(await mine()).toEqual([]);
      });
    });

    it('finds the staff by role and every account of each person', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        expect((await r.reminders.staff(['leader', 'admin'], b.agencyId)).map((p) => p.id)).toEqual([b.admin, b.leader]);
        expect((await r.reminders.staff(['leader'])).map((p) => p.id)).toContain(b.leader);
        await r.accounts.link(b.leader, 'feishu', `ou_${b.t}`, 'admin');
        expect(await r.reminders.accounts([b.leader, b.officerA])).toEqual(
          new Map([
            [
              b.leader,
              [
                { platform: 'local', accountId: `local-1-${b.t}` },
                { platform: 'feishu', accountId: `ou_${b.t}` },
              ],
            ],
            [b.officerA, [{ platform: 'local', accountId: `local-3-${b.t}` }]],
          ]),
        );
      });
    });

    it('claims each reminder key once, across transactions', async () => {
      const b = await seedBureau(h());
      const row = (key: string) => ({ key: `${b.t}:${key}`, day: '2026-03-02', recipient: 'x' });
      const first = await h().store.transaction((r) => r.reminders.claim([row('b'), row('a'), row('a')]));
      expect([...first.keys()]).toEqual([`${b.t}:a`, `${b.t}:b`]);
      expect(first.get(`${b.t}:a`)!).toBeLessThan(first.get(`${b.t}:b`)!);
      const second = await h().store.transaction((r) => r.reminders.claim([row('c'), row('b')]));
      expect([...second.keys()]).toEqual([`${b.t}:c`]);
      const concurrent = await Promise.all([row('d'), row('d'), row('d')].map((x) => h().store.transaction((r) => r.reminders.claim([x]))));
      expect(concurrent.map((m) => m.size)).toEqual(expect.arrayContaining([1, 0, 0]));
      expect(concurrent.reduce((n, m) => n + m.size, 0)).toBe(1);
    });
  });
}
