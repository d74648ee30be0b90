import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import type { Clock } from '../app/ports/clock';
import type { PublicResultCursor, PublicResultFilter } from '../app/ports/public-record';
import type { Repos, Store } from '../app/ports/store';
import { publicDrawRecord, publicResultsPage } from '../app/public-record';
import { PUBLIC_RESULT_COLUMNS, publicResultJson } from '../app/views/public-columns';
import { shanghaiDate } from '../domain/workdays';
import { writeCsv } from '../import/write-csv';
import { drawArticle, publicErrorPage, publicLayout, publicPage, type PublicPlans } from './public-html';
import { DEFAULT_PAGE_SIZE, formatCursor, parsePublicQuery, PublicQueryError, queryString, type PublicQuery } from './public-query';

export interface PublicRoutesDeps {
  store: Store;
  clock: Clock;
}

/**
 * Results are counted up to this many; beyond it a page says “超过 1000 条”. A count reads every
 * row it counts, so a search matched by every name (“有限公司”) would cost a page ten times more
 * at 10 000 (the figures are in docs/benchmarks.md).
 */
export const COUNT_CAP = 1000;
/** Draw announcements per page, and enterprises listed under each. */
const DRAWS_PER_PAGE = 10;
const ENTERPRISES_EACH = 10;
/** Rows the CSV reads per query while it streams. */
const CSV_BATCH = 1000;
const MAX_ID = 2_147_483_647;

type Format = 'html' | 'json' | 'csv';

function refuse(c: Context, format: Format, message: string) {
  if (format === 'json') return c.json({ error: message }, 400);
  if (format === 'csv') return c.text(message, 400);
  return c.html(publicErrorPage(message), 400);
}

/**
 * The “一公开” pages, no login: `/public` (results with search, filters and pages; draw
 * announcements; each agency's plans of the year with their check items; the check items), `/public/results.csv` and `/public/results.json` with the same
 * query, `/public/draws/<id>` and its record `/public/draws/<id>.json`. A result shows the moment
 * it is marked published (nothing is cached). A bad query is a Chinese 400, never a 500.
 */
export function publicRoutes(deps: PublicRoutesDeps): Hono {
  const app = new Hono();
  const parse = (c: Context): PublicQuery | PublicQueryError => {
    try {
      return parsePublicQuery(c.req.url, { thisYear: Number(shanghaiDate(deps.clock.now()).slice(0, 4)) });
    } catch (error) {
      if (error instanceof PublicQueryError) return error;
      throw error;
    }
  };
  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-cache');
  });

  app.get('/', async (c) => {
    const query = parse(c);
    if (query instanceof PublicQueryError) return refuse(c, 'html', query.message);
    const pageSize = query.limit ?? DEFAULT_PAGE_SIZE;
    const planYear = query.filter.year ?? Number(shanghaiDate(deps.clock.now()).slice(0, 4));
    const view = await deps.store.transaction(async (repos) => ({
      agencies: (await repos.directory.agencies()).map((a) => ({ id: a.id, name: a.name })),
      plans: await publicPlans(repos, query.filter.agencyId, planYear),
      facets: await repos.publicRecord.resultFacets(query.filter.agencyId),
      page: await publicResultsPage(repos, query.filter, { limit: pageSize, after: query.after, before: query.before }),
      count: await repos.publicRecord.countResults(query.filter, COUNT_CAP),
      draws: await repos.publicRecord.draws(
        { agencyId: query.filter.agencyId, year: query.filter.year },
        { limit: DRAWS_PER_PAGE, beforeId: query.drawsBefore, enterprisesEach: ENTERPRISES_EACH },
      ),
      checkItems: await repos.directory.checkItems(),
    }));
    return c.html(publicPage({ ...view, query, pageSize, countCap: COUNT_CAP }));
  });

  app.get('/results.json', async (c) => {
    const query = parse(c);
    if (query instanceof PublicQueryError) return refuse(c, 'json', query.message);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { page, count } = await deps.store.transaction(async (repos) => ({
      page: await publicResultsPage(repos, query.filter, { limit, after: query.after, before: query.before }),
      count: await repos.publicRecord.countResults(query.filter, COUNT_CAP),
    }));
    const link = (key: 'after' | 'before', cursor: PublicResultCursor | null) =>
      cursor ? `/public/results.json${queryString(query.filter, { [key]: formatCursor(cursor), limit: query.limit })}` : null;
    return c.json({
      filters: query.filter,
      count: Math.min(count, COUNT_CAP),
      countCapped: count > COUNT_CAP,
      columns: Object.fromEntries(PUBLIC_RESULT_COLUMNS.map((col) => [col.key, col.header])),
      results: page.rows.map(publicResultJson),
      newer: link('before', page.newer),
      older: link('after', page.older),
    });
  });

  app.get('/results.csv', async (c) => {
    const query = parse(c);
    if (query instanceof PublicQueryError) return refuse(c, 'csv', query.message);
    const encoder = new TextEncoder();
    const body = csvStream(deps.store, query, (s) => encoder.encode(s));
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="results.csv"; filename*=UTF-8''${encodeURIComponent('抽查结果.csv')}`);
    return c.body(body);
  });

  app.get('/draws/:file', async (c) => {
    const m = /^(\d{1,10})(\.json)?$/.exec(c.req.param('file'));
    const id = m ? Number(m[1]) : 0;
    const json = m?.[2] !== undefined;
    if (!m || id < 1 || id > MAX_ID) return c.json({ error: '地址应为 /public/draws/<编号> 或 /public/draws/<编号>.json' }, 404);
    if (json) {
      const doc = await deps.store.transaction((repos) => publicDrawRecord(repos, id));
      if (!doc) return c.json({ error: `该抽取尚未执行（或已放弃、不存在），没有可复核的抽取记录；其承诺值见 /public/draws/${id}` }, 404);
      c.header('content-disposition', `attachment; filename="draw-${id}.json"`);
      return c.json(doc);
    }
    const draw = await deps.store.transaction((repos) => repos.publicRecord.draw(id));
    if (!draw) return c.html(publicErrorPage('没有这次抽取的公告：编号不存在，或抽取尚待确认。'), 404);
    return c.html(
      publicLayout(
        `抽查任务公告 ${draw.drawNo}`,
        html`<main id="main"><p><a href="/public#draws">返回公示页</a></p><h1>抽查任务公告</h1>${drawArticle(draw, true)}</main>`,
      ),
    );
  });
  return app;
}

/** Each agency's plans of the year (all agencies, or the one filtered), as the page lists them. */
async function publicPlans(repos: Repos, agencyId: number | undefined, year: number): Promise<PublicPlans> {
  const agencies = (await repos.directory.agencies()).filter((a) => agencyId === undefined || a.id === agencyId);
  return {
    year,
    agencies: await Promise.all(
      agencies.map(async (a) => ({
        name: a.name,
        plans: (await repos.plans.list(a.id))
          .filter((p) => p.year === year)
          .map((p) => ({ docNo: p.docNo, title: p.title, isDefault: p.isDefault, batches: p.batches, checkItems: p.checkItems })),
      })),
    ),
  };
}

/**
 * The CSV of every result matching the query from its cursor on (or one page with `limit`),
 * read a batch at a time by keyset so that 100 000 rows never sit in memory at once.
 */
function csvStream(store: Store, query: PublicQuery, encode: (s: string) => Uint8Array): ReadableStream<Uint8Array> {
  const filter: PublicResultFilter = query.filter;
  let cursor: PublicResultCursor | undefined = query.after;
  let left = query.limit ?? Number.POSITIVE_INFINITY;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encode(writeCsv([PUBLIC_RESULT_COLUMNS.map((col) => col.header)])));
        if (query.before) {
          // One page before a cursor, as the page shows it.
          const page = await store.transaction((repos) => publicResultsPage(repos, filter, { limit: query.limit ?? DEFAULT_PAGE_SIZE, before: query.before }));
          if (page.rows.length)
            controller.enqueue(
              encode(
                writeCsv(
                  page.rows.map((r) => PUBLIC_RESULT_COLUMNS.map((col) => col.value(r))),
                  { bom: false },
                ),
              ),
            );
          controller.close();
          return;
        }
      }
      if (left <= 0) return controller.close();
      const batch = await store.transaction((repos) => repos.publicRecord.results(filter, { limit: Math.min(CSV_BATCH, left), after: cursor }));
      if (batch.rows.length)
        controller.enqueue(
          encode(
            writeCsv(
              batch.rows.map((r) => PUBLIC_RESULT_COLUMNS.map((col) => col.value(r))),
              { bom: false },
            ),
          ),
        );
      left -= batch.rows.length;
      const last = batch.rows.at(-1);
      if (!batch.more || !last) return controller.close();
      cursor = { publishedAt: last.publishedAt, id: last.id };
    },
  });
}
