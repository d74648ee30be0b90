/**
 * The public results page's queries at 100 000 published results on PostgreSQL: every search,
 * filter, page and count the page runs is planned from an index, never a sequential scan of the
 * results (tasks, findings). The queries are the repository's own: it runs here on a handle
 * that asks PostgreSQL to EXPLAIN each statement instead of running it. How fast they are is
 * measured by `npm run bench -- public` (docs/benchmarks.md), never asserted here.
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicResultCursor, PublicResultFilter } from '../../src/app/ports/public-record';
import { rowsOf, type Database, type DbOrTx } from '../../src/db/client';
import { publicRecordRepo } from '../../src/db/repos/public-record-repo';
import { COUNT_CAP } from '../../src/web/public-page';
import { seedPublicRecord, type PublicSeed } from '../../bench/support/public-seed';
import { databaseKinds, openTestDatabase } from '../support/test-db';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan, depth first. */
function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * A handle on which the repository's statements are explained; not run (it reads back no rows),
 * or with `run` also run, so that statements that depend on earlier rows are reached.
 */
function explaining(database: Database, plans: PlanNode[], options: { run?: boolean } = {}): DbOrTx {
  return {
    execute: async (query: SQL) => {
      const [row] = rowsOf<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(await database.db.execute(sql`explain (format json) ${query}`));
      plans.push(row!['QUERY PLAN'][0]!.Plan);
      return options.run ? database.db.execute(query) : [];
    },
  } as unknown as DbOrTx;
}

const RESULTS = new Set(['tasks', 'findings']);
const onPostgres = databaseKinds().includes('postgres');

(onPostgres ? describe : describe.skip)('public results at 100 000 on PostgreSQL: plans', () => {
  let database: Database;
  let seed: PublicSeed;
  let middle: PublicResultCursor;
  let oldest: PublicResultCursor;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    seed = await seedPublicRecord(database.db, 111_111);
    const at = (offset: number) =>
      database.db.execute(sql`select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "publishedAt", id
        from tasks where status = 'published' order by published_at desc, id desc offset ${offset} limit 1`);
    middle = rowsOf<PublicResultCursor>(await at(50_000))[0]!;
    oldest = rowsOf<PublicResultCursor>(await at(99_990))[0]!;
  }, 300_000);
  afterAll(() => database?.close());

  /** The plans of one call of the repository. */
  async function plansOf(call: (repo: ReturnType<typeof publicRecordRepo>) => Promise<unknown>): Promise<PlanNode[]> {
    const plans: PlanNode[] = [];
    await call(publicRecordRepo(explaining(database, plans)));
    return plans;
  }

  /** The scans of the results tables in a call's plans (with the bitmap index scans beneath them), e.g. `Index Scan tasks tasks_published_idx`. */
  async function scans(call: (repo: ReturnType<typeof publicRecordRepo>) => Promise<unknown>): Promise<string[]> {
    const found = (await plansOf(call))
      .flatMap(nodes)
      .filter((n) => (n['Relation Name'] && RESULTS.has(n['Relation Name'])) || n['Node Type'] === 'Bitmap Index Scan');
    return found.map((n) => [n['Node Type'], n['Relation Name'], n['Index Name']].filter(Boolean).join(' '));
  }

  it('holds 100 000 published results', () => {
    expect(seed.published).toBe(100_000);
  });

  /** Each filter, and an index its statements must use (one of two where the planner has two good choices). */
  const filters: Array<[string, PublicResultFilter, string | RegExp]> = [
    ['no filter', {}, 'tasks_published_idx'],
    ['agency', { agencyId: 1 }, 'tasks_published_agency_idx'],
    ['industry', { industry: '机械' }, 'tasks_published_industry_idx'],
    ['township', { township: '岳滩镇' }, 'tasks_published_township_idx'],
    ['year', { year: 2024 }, /tasks_published_(result_date_)?idx/],
    ['a common result', { result: 'no_problem' }, 'tasks_published_idx'],
    ['a rare result', { result: 'unreachable' }, 'findings_result_category_idx'],
    ['two characters of a name', { q: '机械' }, 'tasks_published_idx'],
    ['one character', { q: '械' }, 'tasks_published_idx'],
    ['most of a name', { q: '宏达机械1230' }, 'tasks_search_idx'],
    ['what every name has', { q: '有限公司' }, 'tasks_published_idx'],
    ['part of a USCC', { q: '9141038100000' }, 'tasks_published_idx'],
    ['a whole USCC', { q: '914103810000012345' }, 'tasks_search_idx'],
    ['nothing found', { q: '不存在的企业' }, 'tasks_search_idx'],
    ['industry, year and result', { industry: '建材', year: 2025, result: 'pending' }, 'tasks_published_industry_idx'],
    ['township and a search', { township: '顾县镇', q: '宏达' }, 'tasks_published_township_idx'],
    ['everything at once', { agencyId: 1, industry: '机械', township: '岳滩镇', year: 2026, result: 'no_problem', q: '机械' }, 'tasks_search_idx'],
  ];

  for (const [name, filter, index] of filters) {
    it(`reads a page, the next pages and the count by index: ${name}`, async () => {
      const f = { ...filter, ...(filter.agencyId ? { agencyId: seed.agencyId } : {}) };
      const all = [
        ...(await scans((repo) => repo.results(f, { limit: 20 }))),
        ...(await scans((repo) => repo.results(f, { limit: 20, after: middle }))),
        ...(await scans((repo) => repo.results(f, { limit: 20, before: middle }))),
        ...(await scans((repo) => repo.results(f, { limit: 20, after: oldest }))),
        ...(await scans((repo) => repo.countResults(f, COUNT_CAP))),
      ];
      expect(all.filter((s) => s.startsWith('Seq Scan'))).toEqual([]);
      expect(all.join('\n')).toMatch(index);
    });
  }

  it('reads the filter choices and the draws’ enterprises by index', async () => {
    const all = [...(await scans((repo) => repo.resultFacets(seed.agencyId))), ...(await scans((repo) => repo.resultFacets()))];
    expect(all.filter((s) => s.startsWith('Seq Scan'))).toEqual([]);
    const plans: PlanNode[] = [];
    const repo = publicRecordRepo(explaining(database, plans, { run: true }));
    const { rows } = await repo.draws({}, { limit: 10, enterprisesEach: 10 });
    expect(rows).toHaveLength(10);
    // The newest draw holds the last 111 tasks; the one before it a thousand.
    expect((await repo.draw(rows[1]!.id))!.enterprises).toHaveLength(1000);
    const taskScans = plans.flatMap(nodes).filter((n) => n['Relation Name'] === 'tasks');
    expect(taskScans.length).toBeGreaterThan(0);
    expect(taskScans.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
  });
});
