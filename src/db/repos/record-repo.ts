import { and, asc, eq, gt } from 'drizzle-orm';
import type { RecordRepo } from '../../app/ports/records';
import type { DbOrTx } from '../client';
import { evidence, evidenceFocus, findings, findingsDrafts, rechecks } from '../schema';

/** Findings drafts, 复查 rounds, evidence and the evidence focus, in SQL (the memory twin: memory/record-repo.ts). */
export function recordRepo(tx: DbOrTx): RecordRepo {
  return {
    async draft(taskId) {
      const [row] = await tx.select({ draft: findingsDrafts.draft }).from(findingsDrafts).where(eq(findingsDrafts.taskId, taskId));
      return row?.draft;
    },
    async saveDraft(taskId, draft, by, at) {
      await tx
        .insert(findingsDrafts)
        .values({ taskId, draft, updatedBy: by, updatedAt: at })
        .onConflictDoUpdate({ target: findingsDrafts.taskId, set: { draft, updatedBy: by, updatedAt: at } });
    },
    async dropDraft(taskId) {
      await tx.delete(findingsDrafts).where(eq(findingsDrafts.taskId, taskId));
    },
    async rechecks(taskId) {
      return tx.select().from(rechecks).where(eq(rechecks.taskId, taskId)).orderBy(asc(rechecks.round));
    },
    async insertRecheck(input) {
      const rows = await tx
        .insert(rechecks)
        .values(input)
        .onConflictDoNothing({ target: [rechecks.taskId, rechecks.round] })
        .returning({ id: rechecks.id });
      return rows.length === 1;
    },
    async setRectificationState(taskId, state) {
      await tx.update(findings).set(state).where(eq(findings.taskId, taskId));
    },
    async addEvidence(input, at) {
      const rows = await tx
        .insert(evidence)
        .values({ ...input, createdAt: at })
        .onConflictDoNothing({ target: [evidence.taskId, evidence.sha256] })
        .returning({ id: evidence.id });
      return rows.length === 1;
    },
    async evidenceOf(taskId) {
      return tx.select().from(evidence).where(eq(evidence.taskId, taskId)).orderBy(asc(evidence.id));
    },
    async setFocus(personId, { taskId, round }, until) {
      await tx
        .insert(evidenceFocus)
        .values({ personId, taskId, round, until })
        .onConflictDoUpdate({ target: evidenceFocus.personId, set: { taskId, round, until } });
    },
    async focusOf(personId, now) {
      const [row] = await tx
        .select({ taskId: evidenceFocus.taskId, round: evidenceFocus.round })
        .from(evidenceFocus)
        .where(and(eq(evidenceFocus.personId, personId), gt(evidenceFocus.until, now)));
      return row;
    },
  };
}
