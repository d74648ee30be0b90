import type { Clock } from '../../app/ports/clock';
import type { RecordRepo } from '../../app/ports/records';
import type { FindingsDraft } from '../../domain/findings/types';
import type { RecheckHazardResult } from '../../domain/findings/recheck';
import type { MemoryTx } from './memory-database';
import { ForeignKeyViolation, jsonb, readDate, readJson, sortedBy } from './values';

/** Findings drafts, 复查 rounds, evidence and the evidence focus on the in-memory tables (the SQL of record-repo.ts). */
export function recordRepo(tx: MemoryTx, clock: Clock): RecordRepo {
  const needTask = (taskId: number, constraint: string) => {
    if (!tx.read('tasks').has(taskId)) throw new ForeignKeyViolation(constraint);
  };
  return {
    async draft(taskId) {
      const row = tx.read('findingsDrafts').get(taskId);
      return row ? (readJson(row.draft) as FindingsDraft) : undefined;
    },
    async saveDraft(taskId, draft, by, at) {
      needTask(taskId, 'findings_drafts_task_id_tasks_id_fk');
      tx.put('findingsDrafts', taskId, { taskId, draft: jsonb(draft), updatedBy: by, updatedAt: at });
    },
    async dropDraft(taskId) {
      tx.delete('findingsDrafts', taskId);
    },
    async rechecks(taskId) {
      return sortedBy(tx.read('rechecks').values(), (r) => r.round)
        .filter((r) => r.taskId === taskId)
        .map((r) => ({ ...r, results: readJson(r.results) as RecheckHazardResult[], createdAt: readDate(r.createdAt) }));
    },
    async insertRecheck(input) {
      if ([...tx.read('rechecks').values()].some((r) => r.taskId === input.taskId && r.round === input.round)) return false;
      needTask(input.taskId, 'rechecks_task_id_tasks_id_fk');
      const id = tx.nextId('rechecks');
      tx.put('rechecks', id, { ...input, id, results: jsonb(input.results), createdAt: clock.now() });
      return true;
    },
    async setRectificationState(taskId, state) {
      const f = [...tx.read('findings').values()].find((x) => x.taskId === taskId);
      if (f) tx.put('findings', f.id, { ...f, ...state });
    },
    async addEvidence(input, at) {
      if ([...tx.read('evidence').values()].some((e) => e.taskId === input.taskId && e.sha256 === input.sha256)) return false;
      needTask(input.taskId, 'evidence_task_id_tasks_id_fk');
      const id = tx.nextId('evidence');
      tx.put('evidence', id, { ...input, id, createdAt: at });
      return true;
    },
    async evidenceOf(taskId) {
      return sortedBy(tx.read('evidence').values(), (e) => e.id)
        .filter((e) => e.taskId === taskId)
        .map((e) => ({ ...e, createdAt: readDate(e.createdAt) }));
    },
    async setFocus(personId, { taskId, round }, until) {
      needTask(taskId, 'evidence_focus_task_id_tasks_id_fk');
      tx.put('evidenceFocus', personId, { personId, taskId, round, until });
    },
    async focusOf(personId, now) {
      const f = tx.read('evidenceFocus').get(personId);
      return f && f.until.getTime() > now.getTime() ? { taskId: f.taskId, round: f.round } : undefined;
    },
  };
}
