import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Platform } from '../../app/ports/messenger';
import type { ReminderRepo, ReminderTaskRow } from '../../app/ports/store';
import type { ReminderOfficer } from '../../domain/reminders';
import { rowsOf, type DbOrTx } from '../database';
import { accounts, draws, people, tasks } from '../schema';

interface OpenTaskRaw {
  id: number;
  agency_id: number;
  draw_id: number;
  ordinal: number;
  enterprise_name: string;
  status: ReminderTaskRow['status'];
  window_from: string;
  window_to: string;
  result_date: string | null;
  publication_due: string | null;
  publication_due_provisional: boolean;
  rectification: NonNullable<ReminderTaskRow['findings']>['rectification'] | null;
  rectification_due: string | null;
  recheck_result: string | null;
}

/** Open tasks (assigned, inspected) and published ones whose 限期整改 still awaits its 复查. */
function openWhere(filter: { agencyId?: number; personId?: number }): SQL {
  const conds = [sql`(t.status in ('assigned', 'inspected') or (t.status = 'published' and f.rectification = 'deadline' and f.recheck_result is null))`];
  if (filter.agencyId !== undefined) conds.push(sql`t.agency_id = ${filter.agencyId}`);
  if (filter.personId !== undefined) {
    conds.push(
      sql`exists (select 1 from task_officers m where m.task_id = t.id and m.person_id = ${filter.personId} and m.status in ('pending', 'confirmed', 'awaiting_recusal'))`,
    );
  }
  return sql.join(conds, sql` and `);
}

/** The one letter of each active status in the packed string of {@link officersOf}. */
const STATUS_LETTERS = { c: 'confirmed', p: 'pending', a: 'awaiting_recusal' } as const;

/**
 * The active officers of the open tasks as ONE string `task:person:c|p|a,…` (c = confirmed,
 * p = pending, a = awaiting the head's decision on a 回避): the daily run reads every open task (100 000 in the benchmark), and one value
 * parses far faster than 200 000 rows; names come from one query on people.
 */
async function officersOf(tx: DbOrTx, where: SQL): Promise<Map<number, ReminderOfficer[]>> {
  const result = await tx.execute(sql`
    select string_agg(o.task_id::text || ':' || o.person_id::text || ':' || left(o.status, 1), ',' order by o.id) as packed
    from task_officers o join tasks t on t.id = o.task_id left join findings f on f.task_id = t.id
    where o.status in ('pending', 'confirmed', 'awaiting_recusal') and ${where}`);
  const packed = rowsOf<{ packed: string | null }>(result)[0]?.packed ?? '';
  const byTask = new Map<number, ReminderOfficer[]>();
  const ids = new Set<number>();
  for (let start = 0; start < packed.length; ) {
    const end = packed.indexOf(',', start) === -1 ? packed.length : packed.indexOf(',', start);
    const c1 = packed.indexOf(':', start);
    const c2 = packed.indexOf(':', c1 + 1);
    const taskId = Number(packed.slice(start, c1));
    const personId = Number(packed.slice(c1 + 1, c2));
    const officer: ReminderOfficer = { personId, status: STATUS_LETTERS[packed[c2 + 1] as keyof typeof STATUS_LETTERS], name: '' };
    ids.add(personId);
    const list = byTask.get(taskId);
    if (list) list.push(officer);
    else byTask.set(taskId, [officer]);
    start = end + 1;
  }
  const names = new Map<number, string>();
  const list = [...ids];
  for (let i = 0; i < list.length; i += 5000) {
    for (const p of await tx
      .select({ id: people.id, name: people.name })
      .from(people)
      .where(inArray(people.id, list.slice(i, i + 5000))))
      names.set(p.id, p.name);
  }
  for (const officers of byTask.values()) for (const o of officers) o.name = names.get(o.personId) ?? '';
  return byTask;
}

export function reminderRepo(tx: DbOrTx): ReminderRepo {
  return {
    async openTasks(filter) {
      const where = openWhere(filter);
      const result = await tx.execute(sql`
        select t.id, t.agency_id, t.draw_id, t.ordinal, t.enterprise_name, t.status,
          t.window_from::text as window_from, t.window_to::text as window_to, t.result_date::text as result_date,
          t.publication_due::text as publication_due, t.publication_due_provisional,
          f.rectification, f.rectification_due::text as rectification_due, f.recheck_result
        from tasks t left join findings f on f.task_id = t.id
        where ${where}
        order by t.id`);
      const rows = rowsOf<OpenTaskRaw>(result);
      if (rows.length === 0) return [];
      const officers = await officersOf(tx, where);
      // Draws are few (one per 摇号): read them once instead of joining them to every task.
      const drawIds = [...new Set(rows.map((r) => r.draw_id))];
      const drawById = new Map<number, { drawNo: string; platform: Platform }>();
      for (let i = 0; i < drawIds.length; i += 5000) {
        for (const d of await tx
          .select({ id: draws.id, drawNo: draws.drawNo, platform: draws.platform })
          .from(draws)
          .where(inArray(draws.id, drawIds.slice(i, i + 5000))))
          drawById.set(d.id, d);
      }
      return rows.map(
        (r): ReminderTaskRow => ({
          id: r.id,
          agencyId: r.agency_id,
          drawNo: drawById.get(r.draw_id)!.drawNo,
          platform: drawById.get(r.draw_id)!.platform,
          ordinal: r.ordinal,
          enterpriseName: r.enterprise_name,
          status: r.status,
          windowFrom: r.window_from,
          windowTo: r.window_to,
          resultDate: r.result_date,
          publicationDue: r.publication_due,
          publicationDueProvisional: r.publication_due_provisional,
          officers: officers.get(r.id) ?? [],
          findings: r.rectification ? { rectification: r.rectification, rectificationDue: r.rectification_due, recheckResult: r.recheck_result } : null,
        }),
      );
    },

    async staff(roles, agencyId) {
      const cond = agencyId === undefined ? inArray(people.role, roles) : and(inArray(people.role, roles), eq(people.agencyId, agencyId));
      return tx
        .select({ id: people.id, agencyId: people.agencyId, name: people.name, role: people.role, unit: people.unit, certificateNo: people.certificateNo })
        .from(people)
        .where(cond)
        .orderBy(asc(people.id));
    },

    async accounts(personIds) {
      const out = new Map<number, Array<{ platform: Platform; accountId: string }>>();
      for (let i = 0; i < personIds.length; i += 5000) {
        const rows = await tx
          .select({ personId: accounts.personId, platform: accounts.platform, accountId: accounts.accountId })
          .from(accounts)
          .where(inArray(accounts.personId, personIds.slice(i, i + 5000)))
          .orderBy(asc(accounts.id));
        for (const r of rows) {
          const list = out.get(r.personId) ?? [];
          list.push({ platform: r.platform as Platform, accountId: r.accountId });
          out.set(r.personId, list);
        }
      }
      return out;
    },

    async claim(rows) {
      const claimed = new Map<string, number>();
      // Sorted keys: concurrent claimers lock the same keys in the same order.
      const sorted = [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      for (let i = 0; i < sorted.length; i += 20_000) {
        const part = sorted.slice(i, i + 20_000);
        // Newline-joined lists (keys never contain a newline) instead of one parameter per value.
        const keys = part.map((r) => r.key).join('\n');
        const days = part.map((r) => r.day).join('\n');
        const recipients = part.map((r) => r.recipient).join('\n');
        const result = await tx.execute(sql`
          with input as (
            select x.key, x.day::date as day, x.recipient
            from unnest(string_to_array(${keys}, E'\n'), string_to_array(${days}, E'\n'), string_to_array(${recipients}, E'\n')) as x(key, day, recipient)
          ), inserted as (
            insert into reminders (key, day, recipient)
            select key, day, recipient from input order by key
            on conflict (key) do nothing
            returning id, key
          )
          select coalesce(string_agg(id::text || ' ' || key, E'\n'), '') as claimed from inserted`);
        const packed = rowsOf<{ claimed: string }>(result)[0]?.claimed ?? '';
        if (packed === '') continue;
        for (const line of packed.split('\n')) {
          const space = line.indexOf(' ');
          claimed.set(line.slice(space + 1), Number(line.slice(0, space)));
        }
      }
      return claimed;
    },

    async provisionalPublications() {
      const rows = await tx
        .select({ taskId: tasks.id, agencyId: tasks.agencyId, resultDate: tasks.resultDate, publicationDue: tasks.publicationDue })
        .from(tasks)
        .where(and(eq(tasks.status, 'inspected'), eq(tasks.publicationDueProvisional, true)))
        .orderBy(asc(tasks.id));
      return rows
        .filter((r) => r.resultDate && r.publicationDue)
        .map((r) => ({ taskId: r.taskId, agencyId: r.agencyId, resultDate: r.resultDate!, publicationDue: r.publicationDue! }));
    },

    async updatePublicationDue(taskId, due, provisional, at) {
      const rows = await tx
        .update(tasks)
        .set({ publicationDue: due, publicationDueProvisional: provisional, updatedAt: at })
        .where(and(eq(tasks.id, taskId), eq(tasks.status, 'inspected'), eq(tasks.publicationDueProvisional, true)))
        .returning({ id: tasks.id });
      return rows.length === 1;
    },
  };
}
