import { describe, expect, it } from 'vitest';
import type { Repos } from '../../../src/app/ports/store';
import { insertDraw } from './draw-fixture';
import type { Harness } from './harness';
import { seedBureau, uscc } from './fixtures';

const AT = new Date('2026-03-05T02:00:00Z');
const LATER = new Date('2026-03-06T02:00:00Z');
type Bureau = Awaited<ReturnType<typeof seedBureau>>;

async function oneTask(r: Repos, b: Bureau) {
  const { drawId } = await insertDraw(r, b, `局${b.t}抽〔2026〕7号`);
  const [taskId] = await r.tasks.insertMany(drawId, b.agencyId, [
    {
      ordinal: 0,
      uscc: uscc(b.t, 2),
      enterpriseName: `企业${b.t}-2`,
      industry: '建材',
      windowFrom: '2026-03-02',
      windowTo: '2026-03-31',
      officers: [
        { personId: b.officerA, certificateNo: `A${b.t}` },
        { personId: b.officerB, certificateNo: `B${b.t}` },
      ],
    },
  ]);
  const task = (await r.tasks.byId(taskId!))!;
  return { taskId: taskId!, officerA: task.officers[0]!, officerB: task.officers[1]! };
}

/** Repos.recusals: applications decided once, orders decided when made, one open application per officer. */
export function recusalCases(h: () => Harness): void {
  describe('recusals', () => {
    it('records an application with the officer joined in, and decides it once', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { taskId, officerA } = await oneTask(r, b);
        const id = await r.recusals.insert({
          agencyId: b.agencyId,
          taskId,
          taskOfficerId: officerA.id,
          kind: 'application',
          ground: 'relative',
          reason: '近亲属在该企业任职',
          requestedBy: b.officerA,
          requestedAt: AT,
          previousStatus: 'pending',
        });
        expect(await r.recusals.byId(id)).toEqual({
          id,
          agencyId: b.agencyId,
          taskId,
          taskOfficerId: officerA.id,
          personId: b.officerA,
          officerName: `甲${b.t}`,
          certificateNo: `A${b.t}`,
          kind: 'application',
          ground: 'relative',
          reason: '近亲属在该企业任职',
          requestedBy: b.officerA,
          requestedAt: AT,
          previousStatus: 'pending',
          status: 'pending',
          decidedBy: null,
          decidedAt: null,
          decisionReason: null,
          replacementNo: null,
        });
        expect(await r.recusals.decide(id, { status: 'rejected', by: b.leader, at: LATER, reason: '关系已解除' })).toBe(true);
        expect(await r.recusals.decide(id, { status: 'approved', by: b.leader, at: LATER })).toBe(false);
        expect(await r.recusals.byId(id)).toMatchObject({ status: 'rejected', decidedBy: b.leader, decidedAt: LATER, decisionReason: '关系已解除' });
        expect(await r.recusals.byId(id + 1000)).toBeUndefined();
      });
    });

    it('records an order as decided, with its replacement, and lists a task’s recusals in order', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { taskId, officerA, officerB } = await oneTask(r, b);
        const first = await r.recusals.insert({
          agencyId: b.agencyId,
          taskId,
          taskOfficerId: officerB.id,
          kind: 'order',
          ground: 'interest',
          reason: '利害关系',
          requestedBy: b.leader,
          requestedAt: AT,
          previousStatus: 'confirmed',
          decided: { by: b.leader, at: AT },
        });
        await r.recusals.setReplacement(first, 1);
        const second = await r.recusals.insert({
          agencyId: b.agencyId,
          taskId,
          taskOfficerId: officerA.id,
          kind: 'application',
          ground: 'other',
          reason: '其他情形',
          requestedBy: b.officerA,
          requestedAt: LATER,
          previousStatus: 'confirmed',
        });
        expect(await r.recusals.decide(first, { status: 'rejected', by: b.leader, at: LATER })).toBe(false);
        expect((await r.recusals.ofTask(taskId)).map((x) => [x.id, x.kind, x.status, x.decidedBy, x.replacementNo])).toEqual([
          [first, 'order', 'approved', b.leader, 1],
          [second, 'application', 'pending', null, null],
        ]);
      });
    });

    it('refuses a second open application for the same officer row', async () => {
      const b = await seedBureau(h());
      const input = await h().store.transaction(async (r) => {
        const { taskId, officerA } = await oneTask(r, b);
        const base = {
          agencyId: b.agencyId,
          taskId,
          taskOfficerId: officerA.id,
          kind: 'application' as const,
          ground: 'relative' as const,
          reason: '近亲属',
          requestedBy: b.officerA,
          requestedAt: AT,
          previousStatus: 'pending' as const,
        };
        await r.recusals.insert(base);
        return base;
      });
      const error = (await h()
        .store.transaction((r) => r.recusals.insert(input))
        .then(
          () => undefined,
          (e: unknown) => e,
        )) as (Error & { cause?: Error }) | undefined;
      // The database's own words (drizzle wraps them in `cause`): the unique index refused it.
      expect(`${error?.message} ${error?.cause?.message ?? ''}`).toMatch(/duplicate key value violates unique constraint "recusals_one_open_uq"/);
    });
  });
}
