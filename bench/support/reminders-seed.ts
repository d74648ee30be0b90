/**
 * Synthetic open tasks for the reminders benchmark, loaded with `insert … select
 * generate_series(…)`. Relative to the benchmark day, task i is:
 * - 40 % assigned (检查期 ending from 10 days ago to 29 days ahead; one in five with an officer
 *   who has not confirmed),
 * - 40 % inspected (publication due from 8 days ago to 11 days ahead),
 * - 20 % published with a 限期整改 deadline from 15 days ago to 14 days ahead and no 复查 yet,
 * so every task is open; two officers each, spread evenly over the officers, 1000 tasks per draw.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/db/client';
import { ensureCatalog } from '../../src/db/seed/catalog';

export interface ReminderSeed {
  agencyId: number;
  tasks: number;
  officers: number;
}

async function one<T>(db: Db, query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await db.execute(query))[0] as T;
}

export async function seedOpenTasks(db: Db, day: string, taskCount: number, officerCount: number): Promise<ReminderSeed> {
  await ensureCatalog(db);
  const { id: agencyId } = await one<{ id: number }>(db, sql`insert into agencies (name, short_name) values ('偃师区应急管理局', '偃应急') returning id`);
  const leader = await one<{ id: number }>(
    db,
    sql`insert into people (agency_id, name, role, unit, local_id) values (${agencyId}, '局领导', 'leader', '局机关', 'leader') returning id`,
  );
  await db.execute(sql`insert into people (agency_id, name, role, unit, local_id) values (${agencyId}, '管理员', 'admin', '法规科', 'admin')`);
  await db.execute(
    sql.raw(`insert into people (agency_id, name, role, unit, certificate_no, certificate_valid_until, local_id)
    select ${agencyId}, '执法人员' || i, 'officer', '法规科', '4103' || lpad(i::text, 6, '0'), '2030-12-31', 'officer-' || i
    from generate_series(1, ${officerCount}) as i`),
  );
  const { first: firstOfficer } = await one<{ first: number }>(
    db,
    sql`select min(id)::int as first from people where agency_id = ${agencyId} and role = 'officer'`,
  );
  await db.execute(
    sql`insert into accounts (person_id, platform, account_id, linked_by) select id, 'local', local_id, 'bench' from people where agency_id = ${agencyId}`,
  );
  await db.execute(sql`insert into chats (agency_id, platform, chat_id, bound_by) values (${agencyId}, 'local', 'bench-group', 'bench')`);
  const draws = Math.ceil(taskCount / 1000);
  await db.execute(
    sql.raw(`insert into draws (agency_id, year, seq, draw_no, status, params, enterprise_pool_hash, officer_pool_hash, commitment, secret, frozen, summary, platform, chat_id, prepared_by)
    select ${agencyId}, 2026, d, '偃应急抽〔2026〕' || d || '号', 'executed', '{}', 'x', 'x', 'x', 'x', '\\x00'::bytea, '{}', 'local', 'bench-group', ${leader.id}
    from generate_series(1, ${draws}) as d`),
  );
  const { first: firstDraw } = await one<{ first: number }>(db, sql`select min(id)::int as first from draws where agency_id = ${agencyId}`);
  const d = `date '${day}'`;
  await db.execute(
    sql.raw(`insert into tasks (agency_id, draw_id, ordinal, uscc, enterprise_name, industry, status, window_from, window_to, result_date, publication_due)
    select ${agencyId}, ${firstDraw} + (i - 1) / 1000, (i - 1) % 1000, '91410381' || lpad(i::text, 10, '0'), '偃师区' || i || '号机械有限公司', '机械',
      case when i % 10 < 4 then 'assigned' when i % 10 < 8 then 'inspected' else 'published' end,
      ${d} + (i % 40 - 30), ${d} + (i % 40 - 10),
      case when i % 10 >= 4 then ${d} + (i % 20 - 15) end,
      case when i % 10 >= 4 then ${d} + (i % 20 - 8) end
    from generate_series(1, ${taskCount}) as i`),
  );
  const { first: firstTask } = await one<{ first: number }>(db, sql`select min(id)::int as first from tasks where agency_id = ${agencyId}`);
  await db.execute(
    sql.raw(`insert into task_officers (task_id, person_id, certificate_no, status)
    select t.id, p.id, p.certificate_no, case when t.status = 'assigned' and s = 1 and t.id % 5 = 0 then 'pending' else 'confirmed' end
    from tasks t cross join generate_series(0, 1) as s
    join people p on p.id = ${firstOfficer} + ((2 * (t.id - ${firstTask}) + s) % ${officerCount})
    where t.agency_id = ${agencyId}`),
  );
  await db.execute(
    sql.raw(`insert into findings (task_id, submitted_by, inspection_date, item_results, hazards, rectification, rectification_due, result_category, responsible_person)
    select t.id, ${firstOfficer}, t.result_date, '{}', '[]',
      case when t.status = 'published' then 'deadline' else 'none' end,
      case when t.status = 'published' then ${d} + (t.id % 30 - 15) end,
      'no_problem', '王经理'
    from tasks t where t.agency_id = ${agencyId} and t.status in ('inspected', 'published')`),
  );
  await db.execute(sql.raw('vacuum analyze'));
  return { agencyId, tasks: taskCount, officers: officerCount };
}
