import { sql, type SQL } from 'drizzle-orm';
import {
  PUBLIC_DRAW_STATUSES,
  type PublicDraw,
  type PublicDrawnEnterprise,
  type PublicRecordRepo,
  type PublicResult,
  type PublicResultFilter,
} from '../../app/ports/public-record';
import { rowsOf, type DbOrTx } from '../database';

/**
 * The published columns of a result: a published field is one line here (and its field in
 * PublicResult). `publishedAt` keeps its microseconds: it is the keyset cursor.
 */
const RESULT_COLUMNS = sql`t.id, t.agency_id as "agencyId", a.name as "agencyName", d.draw_no as "drawNo",
  t.enterprise_name as "enterpriseName", t.uscc, t.industry, t.township,
  f.inspection_date::text as "inspectionDate", f.item_results as "itemResults", f.result_category as "resultCategory",
  f.rectification, f.rectification_due::text as "rectificationDue", f.recheck_result as "recheckResult",
  t.publication_ref as "publicationRef", t.publication_late_workdays as "publicationLateWorkdays",
  to_char(t.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "publishedAt"`;

const RESULT_FROM = sql`tasks t join findings f on f.task_id = t.id`;

/** The public order, exactly that of tasks_published_idx (published_at desc nulls last, id desc nulls last). */
const NEWEST_FIRST = sql`t.published_at desc nulls last, t.id desc nulls last`;

/** The name and USCC searched, exactly the expression of the GIN index tasks_search_idx (drizzle/0009). */
const SEARCHED = sql`(t.enterprise_name || ' ' || t.uscc)`;

/** The WHERE of a filter: each condition one an index serves (see the indexes on tasks in src/db/schema). */
function resultWhere(f: PublicResultFilter): SQL {
  const parts: SQL[] = [sql`t.status = 'published'`];
  if (f.agencyId !== undefined) parts.push(sql`t.agency_id = ${f.agencyId}`);
  if (f.industry !== undefined) parts.push(sql`t.industry = ${f.industry}`);
  if (f.township !== undefined) parts.push(sql`t.township = ${f.township}`);
  if (f.year !== undefined) parts.push(sql`t.result_date >= ${`${f.year}-01-01`}::date and t.result_date < ${`${f.year + 1}-01-01`}::date`);
  if (f.result !== undefined) parts.push(sql`f.result_category = ${f.result}`);
  if (f.q !== undefined) {
    parts.push(sql`public_search_grams(${SEARCHED}) @> public_search_needle(${f.q}::text)`);
    parts.push(sql`strpos(lower(${SEARCHED}), lower(${f.q}::text)) > 0`);
  }
  return sql.join(parts, sql` and `);
}

/** A draw as DRAW_COLUMNS selects it: numbers may come back as text, times as text, a summary's texts may be missing. */
type DrawSqlRow = Omit<
  PublicDraw,
  | 'enterprises'
  | 'filtersText'
  | 'quotaText'
  | 'groupSize'
  | 'enterprisePoolSize'
  | 'officerPoolSize'
  | 'drawnCount'
  | 'beaconRound'
  | 'preparedAt'
  | 'executedAt'
  | 'endedAt'
> & {
  filtersText: string | null;
  quotaText: string | null;
  groupSize: number | string;
  enterprisePoolSize: number | string;
  officerPoolSize: number | string;
  drawnCount: number | string;
  beaconRound: number | string | null;
  preparedAt: string | Date;
  executedAt: string | Date | null;
  endedAt: string | Date | null;
};

/** Only the announcement's fields of the stored summary leave the database (not its excluded officers). */
const DRAW_COLUMNS = sql`d.id, d.agency_id as "agencyId", a.name as "agencyName", d.draw_no as "drawNo", d.year,
  coalesce(d.summary ->> 'planText', p.title) as "planTitle", d.status, (d.params -> 'filters' -> 'usccs') is not null as directed,
  d.summary ->> 'filtersText' as "filtersText", d.summary ->> 'quotaText' as "quotaText",
  d.summary ->> 'windowFrom' as "windowFrom", d.summary ->> 'windowTo' as "windowTo",
  (d.summary ->> 'groupSize')::int as "groupSize", (d.summary ->> 'enterprisePoolSize')::int as "enterprisePoolSize",
  (d.summary ->> 'officerPoolSize')::int as "officerPoolSize",
  coalesce(jsonb_array_length(d.result -> 'tasks'), 0) as "drawnCount",
  d.enterprise_pool_hash as "enterprisePoolHash", d.officer_pool_hash as "officerPoolHash", d.commitment,
  d.seed, case when d.status = 'prepared' then null else d.secret end as secret,
  (d.beacon ->> 'round')::bigint as "beaconRound", d.beacon ->> 'publishAt' as "beaconPublishAt",
  (select name from people where id = d.ended_by) as "endedBy",
  (select name from people where id = d.cancel_confirmed_by) as "confirmedBy",
  (select draw_no from draws s where s.id = d.supersedes_id) as "supersedesNo",
  d.created_at as "preparedAt", d.executed_at as "executedAt", d.ended_at as "endedAt", d.ended_reason as "endedReason"`;

const DRAW_FROM = sql`draws d join agencies a on a.id = d.agency_id left join plans p on p.id = d.plan_id`;
const PUBLIC_STATUS = sql`d.status in (${sql.join(
  PUBLIC_DRAW_STATUSES.map((s) => sql`${s}`),
  sql`, `,
)})`;

const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

function toDraw(r: DrawSqlRow, enterprises: PublicDrawnEnterprise[]): PublicDraw {
  return {
    ...r,
    filtersText: r.filtersText ?? '',
    quotaText: r.quotaText ?? '',
    groupSize: Number(r.groupSize),
    enterprisePoolSize: Number(r.enterprisePoolSize),
    officerPoolSize: Number(r.officerPoolSize),
    drawnCount: Number(r.drawnCount),
    beaconRound: r.beaconRound === null ? null : Number(r.beaconRound),
    enterprises,
    preparedAt: new Date(r.preparedAt),
    executedAt: date(r.executedAt),
    endedAt: date(r.endedAt),
  };
}

/** The public record on PostgreSQL and PGlite; every query reads the published rows through an index. */
export function publicRecordRepo(tx: DbOrTx): PublicRecordRepo {
  const rows = async <T>(query: SQL) => rowsOf<T>(await tx.execute(query));

  async function drawnEnterprises(drawIds: number[], each: number | null): Promise<Map<number, PublicDrawnEnterprise[]>> {
    const out = new Map<number, PublicDrawnEnterprise[]>(drawIds.map((id) => [id, []]));
    if (drawIds.length === 0) return out;
    const found = await rows<
      PublicDrawnEnterprise & { drawId: number }
    >(sql`select draw_id as "drawId", ordinal, enterprise_name as name, uscc, industry, township
      from tasks where draw_id in (${sql.join(
        drawIds.map((id) => sql`${id}`),
        sql`, `,
      )}) ${each === null ? sql`` : sql`and ordinal < ${each}`}
      order by draw_id, ordinal`);
    for (const { drawId, ...e } of found) out.get(drawId)?.push(e);
    return out;
  }

  return {
    async results(filter, page) {
      const before = page.before !== undefined;
      const cursor = page.after ?? page.before;
      const where = cursor
        ? sql`${resultWhere(filter)} and (t.published_at, t.id) ${before ? sql`>` : sql`<`} (${cursor.publishedAt}::timestamptz, ${cursor.id})`
        : resultWhere(filter);
      // The index order (published_at desc nulls last, id desc nulls last), or exactly its reverse.
      const order = before ? sql`t.published_at asc nulls first, t.id asc nulls first` : NEWEST_FIRST;
      const found = await rows<PublicResult>(sql`select ${RESULT_COLUMNS}
        from ${RESULT_FROM} join draws d on d.id = t.draw_id join agencies a on a.id = t.agency_id
        where ${where} order by ${order} limit ${page.limit + 1}`);
      const more = found.length > page.limit;
      const list = found.slice(0, page.limit).map((r) => ({ ...r, id: Number(r.id), agencyId: Number(r.agencyId) }));
      return { rows: before ? list.reverse() : list, more };
    },
    async countResults(filter, cap) {
      // Every published task has its findings: they are joined only to filter by result. Without a
      // search the rows are counted in the page's order, so that the planner reads them from the
      // page's index and stops at the cap (unordered, it may read the table itself when most rows
      // match). A search is counted unordered: its GIN index finds the rows, and the count stops
      // reading them at the cap instead of sorting every match (docs/benchmarks.md).
      const from = filter.result === undefined ? sql`tasks t` : RESULT_FROM;
      const order = filter.q === undefined ? sql`order by ${NEWEST_FIRST}` : sql``;
      const [row] = await rows<{ n: number | string }>(
        sql`select count(*) as n from (select 1 from ${from} where ${resultWhere(filter)} ${order} limit ${cap + 1}) s`,
      );
      return Number(row?.n ?? 0);
    },
    async resultFacets(agencyId) {
      const agency = agencyId === undefined ? sql`` : sql`and agency_id = ${agencyId}`;
      // Distinct values by skipping through the index (a loose index scan): one probe per value.
      const distinct = (column: SQL) =>
        rows<{ v: string }>(sql`with recursive r(v) as (
          (select ${column} from tasks where status = 'published' ${agency} order by ${column} limit 1)
          union all
          select (select ${column} from tasks where status = 'published' ${agency} and ${column} > r.v order by ${column} limit 1) from r where r.v is not null)
          select v from r where v is not null and v <> ''`);
      const [industries, townships, span] = [
        await distinct(sql`industry`),
        await distinct(sql`township`),
        await rows<{ lo: string | null; hi: string | null }>(
          sql`select min(result_date)::text as lo, max(result_date)::text as hi from tasks where status = 'published' ${agency}`,
        ),
      ];
      const lo = span[0]?.lo ? Number(span[0].lo.slice(0, 4)) : undefined;
      const hi = span[0]?.hi ? Number(span[0].hi.slice(0, 4)) : undefined;
      const years = lo !== undefined && hi !== undefined ? Array.from({ length: hi - lo + 1 }, (_, i) => hi - i) : [];
      return { industries: industries.map((r) => r.v), townships: townships.map((r) => r.v), years };
    },
    async draws(filter, page) {
      const parts: SQL[] = [PUBLIC_STATUS];
      if (filter.agencyId !== undefined) parts.push(sql`d.agency_id = ${filter.agencyId}`);
      if (filter.year !== undefined) parts.push(sql`d.year = ${filter.year}`);
      if (page.beforeId !== undefined) parts.push(sql`d.id < ${page.beforeId}`);
      const found = await rows<DrawSqlRow>(
        sql`select ${DRAW_COLUMNS} from ${DRAW_FROM} where ${sql.join(parts, sql` and `)} order by d.id desc limit ${page.limit + 1}`,
      );
      const list = found.slice(0, page.limit);
      const enterprises = await drawnEnterprises(
        list.map((d) => Number(d.id)),
        page.enterprisesEach,
      );
      return { rows: list.map((d) => toDraw({ ...d, id: Number(d.id) }, enterprises.get(Number(d.id)) ?? [])), more: found.length > page.limit };
    },
    async draw(id) {
      const [found] = await rows<DrawSqlRow>(sql`select ${DRAW_COLUMNS} from ${DRAW_FROM} where ${PUBLIC_STATUS} and d.id = ${id}`);
      if (!found) return undefined;
      return toDraw({ ...found, id: Number(found.id) }, (await drawnEnterprises([id], null)).get(id) ?? []);
    },
  };
}
