import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { ReportFindings, ReportRepo } from '../../app/ports/reports';
import { toEnterprise } from '../enterprise-row';
import type { DbOrTx } from '../database';
import { draws, enterprises, evidence, findings, rechecks, tasks } from '../schema';
import { taskColumns, toFindingsRow, withOfficers } from './task-repo';

/** The reports' reads on PostgreSQL and PGlite: a year's tasks in five statements (tasks, officers, findings, 复查, evidence counts). */
export function reportRepo(tx: DbOrTx): ReportRepo {
  return {
    async tasksOfYear(agencyId, year) {
      const ofYear = and(eq(draws.agencyId, agencyId), eq(draws.year, year));
      const rows = await withOfficers(
        tx,
        await tx.select(taskColumns).from(tasks).innerJoin(draws, eq(draws.id, tasks.drawId)).where(ofYear).orderBy(asc(draws.id), asc(tasks.ordinal)),
      );
      const ids = tx.select({ id: tasks.id }).from(tasks).innerJoin(draws, eq(draws.id, tasks.drawId)).where(ofYear);
      const found = await tx.select().from(findings).where(inArray(findings.taskId, ids));
      const byTask = new Map<number, ReportFindings>(found.map((f) => [f.taskId, toFindingsRow(f)]));
      const rounds = await tx.select().from(rechecks).where(inArray(rechecks.taskId, ids)).orderBy(asc(rechecks.taskId), asc(rechecks.round));
      const counts = await tx.select({ taskId: evidence.taskId, n: count() }).from(evidence).where(inArray(evidence.taskId, ids)).groupBy(evidence.taskId);
      const evidenceOf = new Map(counts.map((c) => [c.taskId, c.n]));
      return rows.map((t) => ({
        ...t,
        findings: byTask.get(t.id) ?? null,
        rechecks: rounds.filter((r) => r.taskId === t.id),
        evidenceCount: evidenceOf.get(t.id) ?? 0,
      }));
    },
    async enterprises(agencyId) {
      const rows = await tx.select().from(enterprises).where(eq(enterprises.agencyId, agencyId)).orderBy(asc(enterprises.uscc));
      return rows.map(toEnterprise);
    },
    async years(agencyId) {
      const rows = await tx.selectDistinct({ year: draws.year }).from(draws).where(eq(draws.agencyId, agencyId)).orderBy(desc(draws.year));
      return rows.map((r) => r.year);
    },
  };
}
