/**
 * Synthetic directory for the draw benchmark, loaded with `insert … select generate_series(…)`
 * so that a million rows take seconds, not minutes. USCCs are 18 characters
 * (`91410381` + 10 digits), unique, and sort the same in SQL and in JavaScript; their check
 * digit is not valid (the draw does not look at it). Rows are inserted in a shuffled order, as
 * an import would leave them, so `order by uscc` is not helped by the physical order.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../src/db/client';
import { ensureCatalog } from '../../src/db/seed/catalog';
import type { Person } from '../../src/app/ports/store';

export const INDUSTRIES = ['冶金', '有色', '建材', '机械', '轻工', '纺织'] as const;
const TOWNSHIPS = [
  '岳滩镇',
  '首阳山街道',
  '顾县镇',
  '翟镇镇',
  '李村镇',
  '府店镇',
  '缑氏镇',
  '高龙镇',
  '大口镇',
  '山化镇',
  '邙岭镇',
  '城关街道',
  '商城街道',
  '伊洛街道',
];
const UNITS = ['法规科', '综合行政执法大队', '安全生产监督管理股', '危险化学品监管股'];

export const BENCH_CHAT = { platform: 'local' as const, chatId: 'bench-group' };

export interface Seeded {
  agencyId: number;
  leader: Person;
  enterprises: number;
  officers: number;
}

const textArray = (items: readonly string[]) => `array[${items.map((s) => `'${s}'`).join(',')}]::text[]`;

async function one<T>(db: Db, query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await db.execute(query))[0] as T;
}

/**
 * Enterprises: six industries in turn; risk 高 5 %, 较高 15 %, 一般 50 %, 低 30 %; 2 % 停产 and
 * 1 % 重点监管 (both excluded from the lot, as in a real directory).
 */
function enterpriseInsert(agencyId: number, count: number): string {
  return `insert into enterprises (agency_id, uscc, name, industry, township, address, contact_person, phone, risk_level, status, key_supervision)
    select ${agencyId}, '91410381' || lpad(i::text, 10, '0'),
      '偃师区' || i || '号' || (${textArray(INDUSTRIES)})[1 + i % 6] || '有限公司',
      (${textArray(INDUSTRIES)})[1 + i % 6],
      (${textArray(TOWNSHIPS)})[1 + (i / 7) % ${TOWNSHIPS.length}],
      '河南省洛阳市偃师区' || (${textArray(TOWNSHIPS)})[1 + (i / 7) % ${TOWNSHIPS.length}] || '工业路' || i || '号',
      '负责人' || i, '1380379' || lpad((i % 10000)::text, 4, '0'),
      case when i % 20 = 0 then '高' when i % 20 < 4 then '较高' when i % 20 < 14 then '一般' else '低' end,
      case when i % 50 = 7 then '停产' else '在营' end,
      i % 100 = 3
    from generate_series(1, ${count}) as i
    order by md5(i::text)`;
}

/**
 * Officers: certificates valid through 2030, two industries of expertise each, on duty; one in
 * ten has a standing conflict (回避) with one enterprise.
 */
function officerInsert(agencyId: number, count: number, enterprises: number): string {
  return `insert into people (agency_id, name, role, unit, certificate_no, certificate_valid_until, expertise, on_duty, conflicts, local_id)
    select ${agencyId}, '执法人员' || i, 'officer', (${textArray(UNITS)})[1 + i % ${UNITS.length}],
      '4103' || lpad(i::text, 6, '0'), '2030-12-31',
      array[(${textArray(INDUSTRIES)})[1 + i % 6], (${textArray(INDUSTRIES)})[1 + (i + 2) % 6]],
      true,
      case when i % 10 = 0 then array['91410381' || lpad((1 + (i * 7919) % ${enterprises})::text, 10, '0')] else '{}'::text[] end,
      'officer-' || i
    from generate_series(1, ${count}) as i`;
}

/** Agency, a leader, the bound group chat, officers with accounts, enterprises; then ANALYZE. */
export async function seedDirectory(db: Db, enterprises: number, officers: number): Promise<Seeded> {
  await ensureCatalog(db);
  const { id: agencyId } = await one<{ id: number }>(db, sql`insert into agencies (name, short_name) values ('偃师区应急管理局', '偃应急') returning id`);
  const leader = await one<{ id: number }>(
    db,
    sql`insert into people (agency_id, name, role, unit, local_id) values (${agencyId}, '局领导', 'leader', '局机关', 'leader') returning id`,
  );
  await db.execute(sql`insert into chats (agency_id, platform, chat_id, bound_by) values (${agencyId}, ${BENCH_CHAT.platform}, ${BENCH_CHAT.chatId}, 'bench')`);
  await db.execute(sql.raw(officerInsert(agencyId, officers, enterprises)));
  await db.execute(
    sql`insert into accounts (person_id, platform, account_id, linked_by) select id, 'local', local_id, 'bench' from people where agency_id = ${agencyId} and role = 'officer'`,
  );
  await db.execute(sql.raw(enterpriseInsert(agencyId, enterprises)));
  await db.execute(sql.raw('vacuum analyze'));
  return {
    agencyId,
    leader: { id: leader.id, agencyId, name: '局领导', role: 'leader', unit: '局机关', certificateNo: null },
    enterprises,
    officers,
  };
}

/** Removes what a draw created (tasks, their officers, queued messages) so every repetition starts alike. */
export async function resetDraws(db: Db, agencyId: number): Promise<void> {
  await db.execute(sql`delete from task_officers where task_id in (select id from tasks where agency_id = ${agencyId})`);
  await db.execute(sql`delete from tasks where agency_id = ${agencyId}`);
  await db.execute(sql`delete from outbox where agency_id = ${agencyId}`);
}
