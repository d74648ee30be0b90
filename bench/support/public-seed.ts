/**
 * A bureau's public record at scale, loaded with `insert … select generate_series(…)`, for the
 * public results benchmark and the EXPLAIN test (test/db/public-explain.test.ts). Result i:
 * - published (nine in ten) or inspected and waiting (one in ten: never shown);
 * - one of the six industries and fourteen townships, inspected over 2023–2026 in order;
 * - a result category weighted as in practice (55 % 未发现问题, 20 % 已责令改正, 15 % 待后续处理,
 *   5 % 未发现生产经营活动, 5 % 不配合), and one in a thousand 无法联系 (a rare filter);
 * - named like `偃师区宏达机械123号有限公司`, with a USCC `91410381` + i.
 * 1000 tasks per executed draw.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/db/client';
import { ensureCatalog } from '../../src/db/seed/catalog';

export interface PublicSeed {
  agencyId: number;
  /** Tasks loaded (published and not). */
  tasks: number;
  published: number;
}

export const SEED_INDUSTRIES = ['冶金', '有色', '建材', '机械', '轻工', '纺织'];
export const SEED_TOWNSHIPS = [
  '首阳山街道',
  '槐新街道',
  '伊洛街道',
  '商城街道',
  '城关镇',
  '岳滩镇',
  '顾县镇',
  '翟镇镇',
  '佃庄镇',
  '李村镇',
  '庞村镇',
  '缑氏镇',
  '府店镇',
  '高龙镇',
];
const WORDS = ['宏达', '兴业', '中原', '伊河', '商都', '豫丰', '金鼎', '正信', '利民', '瑞丰'];
const KINDS = ['机械', '建材', '冶金', '铝业', '纺织', '食品', '陶瓷', '铸造'];

const array = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]`;

async function one<T>(db: Db, query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await db.execute(query))[0] as T;
}

export async function seedPublicRecord(db: Db, taskCount: number): Promise<PublicSeed> {
  await ensureCatalog(db);
  const { id: agencyId } = await one<{ id: number }>(db, sql`insert into agencies (name, short_name) values ('偃师区应急管理局', '偃应急') returning id`);
  const leader = await one<{ id: number }>(
    db,
    sql`insert into people (agency_id, name, role, unit) values (${agencyId}, '局领导', 'leader', '局机关') returning id`,
  );
  const officer = await one<{ id: number }>(
    db,
    sql`insert into people (agency_id, name, role, unit, certificate_no, certificate_valid_until) values (${agencyId}, '执法人员', 'officer', '法规科', '41030001', '2030-12-31') returning id`,
  );
  const draws = Math.ceil(taskCount / 1000);
  const summary = JSON.stringify({
    filtersText: '全部工贸行业企业',
    quotaText: '1000 家',
    windowFrom: '2026-03-02',
    windowTo: '2026-03-31',
    groupSize: 2,
    enterprisePoolSize: 5000,
    officerPoolSize: 60,
    excludedEnterprises: [],
    excludedOfficers: [],
  });
  await db.execute(
    sql.raw(`insert into draws (agency_id, year, seq, draw_no, status, params, enterprise_pool_hash, officer_pool_hash, commitment, secret, seed, frozen, summary, result, platform, chat_id, prepared_by, executed_at)
    select ${agencyId}, 2023 + (d - 1) * 4 / ${draws}, d, '偃应急抽〔' || (2023 + (d - 1) * 4 / ${draws}) || '〕' || d || '号', 'executed', '{"filters":{}}',
      repeat('a', 64), repeat('b', 64), repeat('c', 64), repeat('d', 64), repeat('e', 64), '\\x00'::bytea, '${summary}', '{"tasks":[],"seed":"","strata":[]}',
      'local', 'bench-group', ${leader.id}, now()
    from generate_series(1, ${draws}) as d`),
  );
  const { first: firstDraw } = await one<{ first: number }>(db, sql`select min(id)::int as first from draws where agency_id = ${agencyId}`);
  // A bulk load: the indexes of the results are dropped and made again afterwards, each from its
  // own definition as the migrations left it (building one is far quicker than 100 000 inserts into it).
  const indexes = rowsOf<{ name: string; definition: string }>(
    await db.execute(sql`select indexname as name, indexdef as definition from pg_indexes
      where schemaname = current_schema() and tablename in ('tasks', 'findings') and indexname not in (select conname from pg_constraint)`),
  );
  for (const index of indexes) await db.execute(sql.raw(`drop index "${index.name}"`));
  // The inspection day runs through 2023-01-02 … 2026-12-30 in task order; published three days later.
  const day = `(date '2023-01-02' + ((i - 1)::bigint * 1458 / ${taskCount})::int)`;
  await db.execute(
    sql.raw(`insert into tasks (agency_id, draw_id, ordinal, uscc, enterprise_name, industry, township, status, window_from, window_to, result_date, published_at)
    select ${agencyId}, ${firstDraw} + (i - 1) / 1000, (i - 1) % 1000, '91410381' || lpad(i::text, 10, '0'),
      '偃师区' || (${array(WORDS)})[i % 10 + 1] || (${array(KINDS)})[(i / 10) % 8 + 1] || i || '号有限公司',
      (${array(SEED_INDUSTRIES)})[i % 6 + 1], (${array(SEED_TOWNSHIPS)})[(i / 6) % 14 + 1],
      case when i % 10 = 9 then 'inspected' else 'published' end,
      ${day}, ${day}, ${day},
      case when i % 10 = 9 then null else (${day} + 3)::timestamp at time zone 'Asia/Shanghai' + make_interval(secs => 3600 + i % 30000) end
    from generate_series(1, ${taskCount}) as i`),
  );
  await db.execute(
    sql.raw(`insert into findings (task_id, submitted_by, inspection_date, item_results, hazards, rectification, rectification_due, result_category, responsible_person, notes)
    select t.id, ${officer.id}, t.result_date,
      '{"CI01":"符合","CI02":"符合","CI03":"不涉及","CI04":"符合","CI05":"符合","CI06":"符合","CI07":"符合","CI08":"符合","CI09":"符合","CI10":"符合"}', '[]',
      case c.category when 'corrected' then 'immediate' when 'pending' then 'deadline' else 'none' end,
      case c.category when 'pending' then t.result_date + 30 end,
      c.category, '王经理', '内部备注'
    from tasks t, lateral (select case
      when t.id % 1000 = 0 then 'unreachable'
      when t.id % 20 < 11 then 'no_problem' when t.id % 20 < 15 then 'corrected' when t.id % 20 < 18 then 'pending'
      when t.id % 20 = 18 then 'not_operating' else 'refused' end as category) c
    where t.agency_id = ${agencyId}`),
  );
  for (const index of indexes) await db.execute(sql.raw(index.definition));
  await db.execute(sql.raw('vacuum analyze tasks'));
  await db.execute(sql.raw('vacuum analyze findings'));
  await db.execute(sql.raw('analyze draws'));
  const { n } = await one<{ n: number }>(db, sql`select count(*)::int as n from tasks where agency_id = ${agencyId} and status = 'published'`);
  return { agencyId, tasks: taskCount, published: n };
}
