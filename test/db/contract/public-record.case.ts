import { describe, expect, it } from 'vitest';
import type { FindingsInput, PublicResultFilter, Repos } from '../../../src/app/ports/store';
import { insertDraw, SUMMARY } from './draw-fixture';
import { seedBureau, tag, uscc } from './fixtures';
import type { Harness } from './harness';

const AT = new Date('2026-03-05T02:00:00Z');
type Bureau = Awaited<ReturnType<typeof seedBureau>>;

/** Exactly the fields a published result carries: nothing internal (notes, hazards, signatures, officers). */
const PUBLIC_FIELDS = [
  'agencyId',
  'agencyName',
  'drawNo',
  'enterpriseName',
  'id',
  'industry',
  'inspectionDate',
  'itemResults',
  'publicationLateWorkdays',
  'publicationRef',
  'publishedAt',
  'recheckResult',
  'rectification',
  'rectificationDue',
  'resultCategory',
  'township',
  'uscc',
];

interface Spec {
  name: string;
  industry: string;
  township: string;
  date: string;
  category: string;
  /** When it was marked published; undefined: inspected, not published. */
  published?: string;
}

/** Five results of one draw in a bureau (one inspected but never published), published at the times given. */
const SPECS: Spec[] = [
  { name: '偃师Alpha机械厂', industry: '机械', township: '岳滩镇', date: '2025-11-20', category: 'no_problem', published: '2026-03-05T02:00:00.001Z' },
  { name: '顾县建材有限公司', industry: '建材', township: '顾县镇', date: '2026-03-02', category: 'pending', published: '2026-03-06T02:00:00Z' },
  { name: '岳滩机械制造', industry: '机械', township: '岳滩镇', date: '2026-03-03', category: 'corrected', published: '2026-03-06T02:00:00Z' },
  { name: '首阳山纺织', industry: '纺织', township: '首阳山街道', date: '2026-03-04', category: 'no_problem', published: '2026-03-07T02:00:00Z' },
  { name: '未公示机械', industry: '机械', township: '岳滩镇', date: '2026-03-04', category: 'no_problem' },
];

function findings(taskId: number, submittedBy: number, s: Spec): FindingsInput {
  return {
    taskId,
    submittedBy,
    inspectionDate: s.date,
    itemResults: { CI01: '符合', CI02: s.category === 'no_problem' ? '符合' : '不符合', CI03: '不涉及' },
    itemNotes: s.category === 'no_problem' ? {} : { CI02: '内部记录的不符合说明' },
    hazards:
      s.category === 'no_problem'
        ? []
        : [
            {
              no: 1,
              description: '内部记录的隐患描述',
              location: '一号车间',
              itemCode: 'CI02',
              level: 'general',
              rectification: s.category === 'pending' ? 'deadline' : 'immediate',
              due: s.category === 'pending' ? '2026-03-20' : null,
            },
          ],
    majorHazard: false,
    measures: [],
    rectification: s.category === 'pending' ? 'deadline' : s.category === 'corrected' ? 'immediate' : 'none',
    rectificationDue: s.category === 'pending' ? '2026-03-20' : null,
    resultCategory: s.category,
    caseFiled: false,
    caseNo: null,
    responsiblePerson: '王经理',
    refusedToSign: false,
    refusalNote: null,
    notes: '内部备注，不公开',
  };
}

/** The bureau's draw with the five results; returns the task ids in SPECS order. */
async function fiveResults(r: Repos, b: Bureau): Promise<{ drawId: number; ids: number[] }> {
  const { drawId } = await insertDraw(r, b, `局${b.t}抽〔2026〕1号`);
  const ids = await r.tasks.insertMany(
    drawId,
    b.agencyId,
    SPECS.map((s, ordinal) => ({
      ordinal,
      uscc: uscc(b.t, ordinal + 10),
      enterpriseName: s.name,
      industry: s.industry,
      township: s.township,
      windowFrom: '2026-03-02',
      windowTo: '2026-03-31',
      officers: [{ personId: b.officerA, certificateNo: `A${b.t}` }],
    })),
  );
  for (const [i, s] of SPECS.entries()) {
    const id = ids[i]!;
    await r.tasks.insertFindings(findings(id, b.officerA, s));
    await r.tasks.transition(id, ['assigned'], 'inspected', { resultDate: s.date, at: AT });
    if (s.published) await r.tasks.transition(id, ['inspected'], 'published', { publishedAt: new Date(s.published), publicationRef: `R-${i}`, at: AT });
  }
  return { drawId, ids };
}

/** Repos.publicRecord: published results by filter and keyset page, counts, choices, draw announcements. */
export function publicRecordCases(h: () => Harness): void {
  describe('public record', () => {
    it('lists only published results, newest first, with only their published fields', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { ids } = await fiveResults(r, b);
        const { rows, more } = await r.publicRecord.results({ agencyId: b.agencyId }, { limit: 10 });
        expect(more).toBe(false);
        // Same instant: the larger id first.
        expect(rows.map((x) => x.id)).toEqual([ids[3], ids[2], ids[1], ids[0]]);
        for (const row of rows) expect(Object.keys(row).sort()).toEqual(PUBLIC_FIELDS);
        expect(rows[3]).toEqual({
          id: ids[0],
          agencyId: b.agencyId,
          agencyName: `局${b.t}`,
          drawNo: `局${b.t}抽〔2026〕1号`,
          enterpriseName: '偃师Alpha机械厂',
          uscc: uscc(b.t, 10),
          industry: '机械',
          township: '岳滩镇',
          inspectionDate: '2025-11-20',
          itemResults: { CI01: '符合', CI02: '符合', CI03: '不涉及' },
          resultCategory: 'no_problem',
          rectification: 'none',
          rectificationDue: null,
          recheckResult: null,
          publicationRef: 'R-0',
          publicationLateWorkdays: null,
          publishedAt: '2026-03-05T02:00:00.001000Z',
        });
        expect(rows[2]).toMatchObject({ rectification: 'deadline', rectificationDue: '2026-03-20', resultCategory: 'pending' });
        expect(JSON.stringify(rows)).not.toMatch(/内部|王经理|未公示/);
      });
    });

    it('pages by keyset in both directions', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { ids } = await fiveResults(r, b);
        const filter = { agencyId: b.agencyId };
        const first = await r.publicRecord.results(filter, { limit: 2 });
        expect([first.rows.map((x) => x.id), first.more]).toEqual([[ids[3], ids[2]], true]);
        const last = first.rows.at(-1)!;
        const second = await r.publicRecord.results(filter, { limit: 2, after: { publishedAt: last.publishedAt, id: last.id } });
        expect([second.rows.map((x) => x.id), second.more]).toEqual([[ids[1], ids[0]], false]);
        const top = second.rows[0]!;
        const back = await r.publicRecord.results(filter, { limit: 2, before: { publishedAt: top.publishedAt, id: top.id } });
        expect([back.rows.map((x) => x.id), back.more]).toEqual([[ids[3], ids[2]], false]);
        const oneBack = await r.publicRecord.results(filter, { limit: 1, before: { publishedAt: top.publishedAt, id: top.id } });
        expect([oneBack.rows.map((x) => x.id), oneBack.more]).toEqual([[ids[2]], true]);
      });
    });

    it('filters by industry, township, year, result and by part of the name or USCC', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { ids } = await fiveResults(r, b);
        const find = async (f: Omit<PublicResultFilter, 'agencyId'>) =>
          (await r.publicRecord.results({ agencyId: b.agencyId, ...f }, { limit: 10 })).rows.map((x) => ids.indexOf(x.id));
        expect(await find({ industry: '机械' })).toEqual([2, 0]);
        expect(await find({ township: '顾县镇' })).toEqual([1]);
        expect(await find({ year: 2025 })).toEqual([0]);
        expect(await find({ year: 2026 })).toEqual([3, 2, 1]);
        expect(await find({ result: 'no_problem' })).toEqual([3, 0]);
        expect(await find({ q: '机械' })).toEqual([2, 0]);
        expect(await find({ q: '械' })).toEqual([2, 0]);
        expect(await find({ q: 'alpha' })).toEqual([0]);
        expect(await find({ q: uscc(b.t, 11).slice(-6) })).toEqual([1]);
        expect(await find({ q: uscc(b.t, 12) })).toEqual([2]);
        expect(await find({ q: '机械厂Alpha' })).toEqual([]);
        expect(await find({ q: '%' })).toEqual([]);
        expect(await find({ industry: '机械', year: 2026, result: 'corrected', q: '岳滩' })).toEqual([2]);
        expect(await find({ industry: '冶金' })).toEqual([]);
        expect(await r.publicRecord.countResults({ agencyId: b.agencyId }, 100)).toBe(4);
        expect(await r.publicRecord.countResults({ agencyId: b.agencyId }, 2)).toBe(3);
        expect(await r.publicRecord.countResults({ agencyId: b.agencyId, industry: '机械' }, 100)).toBe(2);
        const facets = await r.publicRecord.resultFacets(b.agencyId);
        expect({ ...facets, industries: facets.industries.sort(), townships: facets.townships.sort() }).toEqual({
          industries: ['建材', '机械', '纺织'].sort(),
          townships: ['岳滩镇', '顾县镇', '首阳山街道'].sort(),
          years: [2026, 2025],
        });
        expect(await r.publicRecord.resultFacets(b.agencyId + 100_000)).toEqual({ industries: [], townships: [], years: [] });
      });
    });

    it('announces every draw from its preparation, ended ones with their reason, and no secret before it is revealed', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const { drawId } = await fiveResults(r, b);
        const tasks = SPECS.map((_, i) => ({ uscc: uscc(b.t, i + 10), officers: [`A${b.t}`] }));
        expect(
          await r.draws.transition(drawId, ['prepared'], 'executed', { seed: 'ab'.repeat(32), result: { seed: 'ab'.repeat(32), tasks, strata: [] }, at: AT }),
        ).toBe(true);
        const abandoned = await insertDraw(r, b, `局${b.t}抽〔2026〕2号`);
        await r.draws.transition(abandoned.drawId, ['prepared'], 'abandoned', { endedReason: '由局长放弃（未揭示秘密值，未产生结果）', at: AT });
        const pending = await insertDraw(r, b, `局${b.t}抽〔2026〕3号`);

        const { rows, more } = await r.publicRecord.draws({ agencyId: b.agencyId }, { limit: 10, enterprisesEach: 2 });
        expect(more).toBe(false);
        expect(rows.map((d) => [d.drawNo, d.status])).toEqual([
          [`局${b.t}抽〔2026〕3号`, 'prepared'],
          [`局${b.t}抽〔2026〕2号`, 'abandoned'],
          [`局${b.t}抽〔2026〕1号`, 'executed'],
        ]);
        const [announced, ended, executed] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
        expect(announced).toMatchObject({ id: pending.drawId, status: 'prepared', seed: null, secret: null, drawnCount: 0 });
        expect(announced.commitment).toMatch(/^[0-9a-f]{64}$/);
        expect(executed).toMatchObject({
          id: drawId,
          agencyId: b.agencyId,
          agencyName: `局${b.t}`,
          year: 2026,
          planTitle: null,
          directed: false,
          filtersText: SUMMARY.filtersText,
          quotaText: SUMMARY.quotaText,
          windowFrom: '2026-03-02',
          windowTo: '2026-03-31',
          groupSize: 2,
          enterprisePoolSize: SUMMARY.enterprisePoolSize,
          officerPoolSize: SUMMARY.officerPoolSize,
          drawnCount: 5,
          seed: 'ab'.repeat(32),
          executedAt: AT,
          endedReason: null,
        });
        expect(executed.enterprises).toEqual([
          { ordinal: 0, name: SPECS[0]!.name, uscc: uscc(b.t, 10), industry: '机械', township: '岳滩镇' },
          { ordinal: 1, name: SPECS[1]!.name, uscc: uscc(b.t, 11), industry: '建材', township: '顾县镇' },
        ]);
        expect(executed.commitment).toMatch(/^[0-9a-f]{64}$/);
        expect(executed.enterprisePoolHash).toMatch(/^[0-9a-f]{64}$/);
        expect(executed.preparedAt).toBeInstanceOf(Date);
        expect(ended).toMatchObject({
          status: 'abandoned',
          seed: null,
          drawnCount: 0,
          enterprises: [],
          endedReason: '由局长放弃（未揭示秘密值，未产生结果）',
          endedAt: AT,
        });
        expect(JSON.stringify(rows)).not.toMatch(/不在岗|丙/);

        expect((await r.publicRecord.draw(drawId))!.enterprises.map((e) => e.ordinal)).toEqual([0, 1, 2, 3, 4]);
        expect((await r.publicRecord.draw(pending.drawId))?.status).toBe('prepared');
        const older = await r.publicRecord.draws({ agencyId: b.agencyId }, { limit: 1, beforeId: abandoned.drawId, enterprisesEach: 0 });
        expect([older.rows.map((d) => [d.id, d.enterprises.length]), older.more]).toEqual([[[drawId, 0]], false]);
        expect((await r.publicRecord.draws({ agencyId: b.agencyId, year: 2025 }, { limit: 10, enterprisesEach: 0 })).rows).toEqual([]);
      });
    });

    it('keeps agencies apart', async () => {
      const [b1, b2] = [await seedBureau(h()), await seedBureau(h(), tag())];
      await h().store.transaction(async (r) => {
        await fiveResults(r, b1);
        await fiveResults(r, b2);
        const of = async (agencyId: number) => (await r.publicRecord.results({ agencyId }, { limit: 10 })).rows.map((x) => x.agencyName);
        expect(await of(b1.agencyId)).toEqual(Array(4).fill(`局${b1.t}`));
        expect(await of(b2.agencyId)).toEqual(Array(4).fill(`局${b2.t}`));
        const all = (await r.publicRecord.results({ q: '首阳山纺织' }, { limit: 100 })).rows.map((x) => x.agencyId);
        expect(all).toEqual(expect.arrayContaining([b1.agencyId, b2.agencyId]));
      });
    });
  });
}
