import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Platform } from '../../app/ports/messenger';
import type { ReminderRepo, ReminderTaskRow } from '../../app/ports/store';
import type { ReminderOfficer } from '../../domain/reminders';
import { rowsOf, type DbOrTx } from '../client';
import { accounts, draws, findings, people, taskOfficers, tasks } from '../schema';

const ACTIVE = ['pending', 'confirmed'] as const;

/** Open tasks, plus published ones whose 限期整改 still awaits its 复查. */
function openCondition(filter: { agencyId?: number; personId?: number }): SQL {
  const conds: Array<SQL | undefined> = [
    or(
      inArray(tasks.status, ['assigned', 'inspected']),
      and(eq(tasks.status, 'published'), eq(findings.rectification, 'deadline'), isNull(findings.recheckResult)),
    ),
  ];
  if (filter.agencyId !== undefined) conds.push(eq(tasks.agencyId, filter.agencyId));
  if (filter.personId !== undefined) {
    conds.push(sql`exists (select 1 from ${taskOfficers} where ${taskOfficers.taskId} = ${tasks.id} and ${taskOfficers.personId} = ${filter.personId} and ${taskOfficers.status} in ('pending', 'confirmed'))`);
  }
  return and(...conds)!;
}

export function reminderRepo(tx: DbOrTx): ReminderRepo {
  return {
    async openTasks(filter) {
      const where = openCondition(filter);
      const rows = await tx
        .select({
          id: tasks.id,
          agencyId: tasks.agencyId,
          drawNo: draws.drawNo,
          platform: draws.platform,
          ordinal: tasks.ordinal,
          enterpriseName: tasks.enterpriseName,
          status: tasks.status,
          windowFrom: tasks.windowFrom,
          windowTo: tasks.windowTo,
          resultDate: tasks.resultDate,
          publicationDue: tasks.publicationDue,
          publicationDueProvisional: tasks.publicationDueProvisional,
          rectification: findings.rectification,
          rectificationDue: findings.rectificationDue,
          recheckResult: findings.recheckResult,
        })
        .from(tasks)
        .innerJoin(draws, eq(draws.id, tasks.drawId))
        .leftJoin(findings, eq(findings.taskId, tasks.id))
        .where(where)
        .orderBy(asc(tasks.id));
      if (rows.length === 0) return [];
      const officerRows = await tx
        .select({ taskId: taskOfficers.taskId, personId: taskOfficers.personId, name: people.name, status: taskOfficers.status })
        .from(taskOfficers)
        .innerJoin(people, eq(people.id, taskOfficers.personId))
        .innerJoin(tasks, eq(tasks.id, taskOfficers.taskId))
        .leftJoin(findings, eq(findings.taskId, tasks.id))
        .where(and(where, inArray(taskOfficers.status, [...ACTIVE])))
        .orderBy(asc(taskOfficers.id));
      const byTask = new Map<number, ReminderOfficer[]>();
      for (const o of officerRows) {
        const list = byTask.get(o.taskId);
        const officer: ReminderOfficer = { personId: o.personId, name: o.name, status: o.status };
        if (list) list.push(officer);
        else byTask.set(o.taskId, [officer]);
      }
      return rows.map(
        (r): ReminderTaskRow => ({
          id: r.id,
          agencyId: r.agencyId,
          drawNo: r.drawNo,
          platform: r.platform as Platform,
          ordinal: r.ordinal,
          enterpriseName: r.enterpriseName,
          status: r.status,
          windowFrom: r.windowFrom,
          windowTo: r.windowTo,
          resultDate: r.resultDate,
          publicationDue: r.publicationDue,
          publicationDueProvisional: r.publicationDueProvisional,
          officers: byTask.get(r.id) ?? [],
          findings: r.rectification
            ? { rectification: r.rectification as 'none' | 'immediate' | 'deadline', rectificationDue: r.rectificationDue, recheckResult: r.recheckResult }
            : null,
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
      for (let i = 0; i < sorted.length; i += 5000) {
        const json = JSON.stringify(sorted.slice(i, i + 5000));
        const result = await tx.execute(sql`
          insert into reminders (key, day, recipient)
          select x.key, x.day::date, x.recipient
          from json_to_recordset(${json}::json) as x(key text, day text, recipient text)
          order by x.key
          on conflict (key) do nothing
          returning id, key`);
        for (const r of rowsOf<{ id: string | number; key: string }>(result)) claimed.set(r.key, Number(r.id));
      }
      return claimed;
    },

    async recordRecheck(taskId, result, at) {
      const rows = await tx
        .update(findings)
        .set({ recheckResult: result, recheckedAt: at })
        .where(and(eq(findings.taskId, taskId), eq(findings.rectification, 'deadline'), isNull(findings.recheckResult)))
        .returning({ id: findings.id });
      return rows.length === 1;
    },

    async provisionalPublications() {
      const rows = await tx
        .select({ taskId: tasks.id, agencyId: tasks.agencyId, resultDate: tasks.resultDate, publicationDue: tasks.publicationDue })
        .from(tasks)
        .where(and(eq(tasks.status, 'inspected'), eq(tasks.publicationDueProvisional, true)))
        .orderBy(asc(tasks.id));
      return rows.filter((r) => r.resultDate && r.publicationDue).map((r) => ({ taskId: r.taskId, agencyId: r.agencyId, resultDate: r.resultDate!, publicationDue: r.publicationDue! }));
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
