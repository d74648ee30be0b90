import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { FindingsRow, Repos, TaskOfficerRow, TaskRow } from '../../app/ports/store';
import { readHazards } from '../../domain/findings/types';
import { rowsOf, type DbOrTx } from '../database';
import { draws, findings, people, taskOfficers, tasks } from '../schema';

export const taskColumns = {
  id: tasks.id,
  agencyId: tasks.agencyId,
  drawId: tasks.drawId,
  drawNo: draws.drawNo,
  ordinal: tasks.ordinal,
  uscc: tasks.uscc,
  enterpriseName: tasks.enterpriseName,
  industry: tasks.industry,
  township: tasks.township,
  status: tasks.status,
  windowFrom: tasks.windowFrom,
  windowTo: tasks.windowTo,
  resultDate: tasks.resultDate,
  publicationDue: tasks.publicationDue,
  publicationDueProvisional: tasks.publicationDueProvisional,
  publishedAt: tasks.publishedAt,
  publishedBy: tasks.publishedBy,
  publicationRef: tasks.publicationRef,
  publicationLateWorkdays: tasks.publicationLateWorkdays,
};

export async function withOfficers(tx: DbOrTx, rows: Array<Omit<TaskRow, 'officers'>>): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  const officerRows = await tx
    .select({
      id: taskOfficers.id,
      taskId: taskOfficers.taskId,
      personId: taskOfficers.personId,
      name: people.name,
      unit: people.unit,
      certificateNo: taskOfficers.certificateNo,
      status: taskOfficers.status,
      replacementNo: taskOfficers.replacementNo,
      recusalReason: taskOfficers.recusalReason,
    })
    .from(taskOfficers)
    .innerJoin(people, eq(people.id, taskOfficers.personId))
    .where(
      inArray(
        taskOfficers.taskId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(taskOfficers.id));
  const byTask = new Map<number, TaskOfficerRow[]>();
  for (const o of officerRows) byTask.set(o.taskId, [...(byTask.get(o.taskId) ?? []), o]);
  return rows.map((r) => ({ ...r, officers: byTask.get(r.id) ?? [] }));
}

type StoredFindings = typeof findings.$inferSelect;

/** The findings as the port reads them: without the row id, hazards in the current shape. */
export function toFindingsRow(row: StoredFindings): FindingsRow {
  const { id: _id, hazards, ...rest } = row;
  return { ...rest, hazards: readHazards(hazards, rest) };
}

function selectTasks(tx: DbOrTx) {
  return tx.select(taskColumns).from(tasks).innerJoin(draws, eq(draws.id, tasks.drawId));
}

export function taskRepo(tx: DbOrTx): Repos['tasks'] {
  return {
    /**
     * One statement per table whatever the number of tasks: the rows travel as one JSON
     * parameter (a draw of a thousand tasks bound 14 000 parameters one by one before).
     */
    async insertMany(drawId, agencyId, list) {
      if (list.length === 0) return [];
      const taskRows = list.map((t) => ({
        ordinal: t.ordinal,
        uscc: t.uscc,
        name: t.enterpriseName,
        industry: t.industry,
        township: t.township ?? '',
        from: t.windowFrom,
        to: t.windowTo,
      }));
      const inserted = rowsOf<{ id: number; ordinal: number }>(
        await tx.execute(sql`insert into tasks (draw_id, agency_id, ordinal, uscc, enterprise_name, industry, township, window_from, window_to)
          select ${drawId}, ${agencyId}, t.ordinal, t.uscc, t.name, t.industry, t.township, t.from, t.to
          from jsonb_to_recordset(${JSON.stringify(taskRows)}::jsonb) as t(ordinal int, uscc text, name text, industry text, township text, "from" date, "to" date)
          returning id, ordinal`),
      );
      const idByOrdinal = new Map(inserted.map((r) => [Number(r.ordinal), Number(r.id)]));
      const officerRows = list.flatMap((t) => t.officers.map((o) => ({ task: idByOrdinal.get(t.ordinal)!, person: o.personId, cert: o.certificateNo })));
      await tx.execute(sql`insert into task_officers (task_id, person_id, certificate_no)
        select o.task, o.person, o.cert from jsonb_to_recordset(${JSON.stringify(officerRows)}::jsonb) as o(task int, person int, cert text)`);
      return list.map((t) => idByOrdinal.get(t.ordinal)!);
    },
    async byId(id) {
      const rows = await selectTasks(tx).where(eq(tasks.id, id));
      return (await withOfficers(tx, rows))[0];
    },
    async lock(id) {
      await tx.select({ id: tasks.id }).from(tasks).where(eq(tasks.id, id)).for('update');
    },
    async ofDraw(drawId) {
      return withOfficers(tx, await selectTasks(tx).where(eq(tasks.drawId, drawId)).orderBy(asc(tasks.ordinal)));
    },
    async ofPerson(personId, statuses) {
      const ids = tx
        .select({ id: taskOfficers.taskId })
        .from(taskOfficers)
        .where(and(eq(taskOfficers.personId, personId), inArray(taskOfficers.status, ['pending', 'confirmed', 'awaiting_recusal'])));
      return withOfficers(
        tx,
        await selectTasks(tx)
          .where(and(inArray(tasks.id, ids), inArray(tasks.status, statuses)))
          .orderBy(asc(tasks.id)),
      );
    },
    async ofAgency(agencyId, statuses) {
      return withOfficers(
        tx,
        await selectTasks(tx)
          .where(and(eq(tasks.agencyId, agencyId), inArray(tasks.status, statuses)))
          .orderBy(asc(tasks.id)),
      );
    },
    async transition(id, from, to, f) {
      const rows = await tx
        .update(tasks)
        .set({
          status: to,
          updatedAt: f.at,
          resultDate: f.resultDate,
          publicationDue: f.publicationDue,
          publicationDueProvisional: f.publicationDueProvisional,
          publishedBy: f.publishedBy,
          publishedAt: f.publishedAt,
          publicationRef: f.publicationRef,
          publicationLateWorkdays: f.publicationLateWorkdays,
        })
        .where(and(eq(tasks.id, id), inArray(tasks.status, from)))
        .returning({ id: tasks.id });
      return rows.length === 1;
    },
    async cancelOfDraw(drawId, at) {
      const rows = await tx
        .update(tasks)
        .set({ status: 'cancelled', updatedAt: at })
        .where(and(eq(tasks.drawId, drawId), inArray(tasks.status, ['assigned', 'inspected'])))
        .returning({ id: tasks.id });
      return rows.length;
    },
    async setOfficerStatus(taskOfficerId, from, to, f) {
      const rows = await tx
        .update(taskOfficers)
        .set({ status: to, respondedAt: f.at, recusalReason: f.recusalReason })
        .where(and(eq(taskOfficers.id, taskOfficerId), inArray(taskOfficers.status, from)))
        .returning({ id: taskOfficers.id });
      return rows.length === 1;
    },
    async addOfficer(taskId, personId, certificateNo, replacementNo) {
      await tx.insert(taskOfficers).values({ taskId, personId, certificateNo, replacementNo });
    },
    async insertFindings(input) {
      const rows = await tx.insert(findings).values(input).onConflictDoNothing({ target: findings.taskId }).returning({ id: findings.id });
      return rows.length === 1;
    },
    async findings(taskId) {
      const [row] = await tx.select().from(findings).where(eq(findings.taskId, taskId));
      return row ? toFindingsRow(row) : undefined;
    },
  };
}
