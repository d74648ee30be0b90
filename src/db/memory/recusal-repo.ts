import type { RecusalRepo, RecusalRow } from '../../app/ports/store';
import type { MemoryTx } from './memory-database';
import type { RecusalRecord } from './rows';
import { ensureUnique, ForeignKeyViolation, readDate, sortedBy } from './values';

/** 回避 applications and orders on the in-memory tables (the SQL of recusal-repo.ts). */
export function recusalRepo(tx: MemoryTx): RecusalRepo {
  const toRow = (r: RecusalRecord): RecusalRow => {
    const officer = tx.read('taskOfficers').get(r.taskOfficerId)!;
    const person = tx.read('people').get(officer.personId)!;
    return {
      ...r,
      personId: officer.personId,
      officerName: person.name,
      certificateNo: officer.certificateNo,
      requestedAt: readDate(r.requestedAt),
      decidedAt: readDate(r.decidedAt),
    };
  };
  return {
    async insert(r) {
      if (!tx.read('tasks').has(r.taskId)) throw new ForeignKeyViolation('recusals_task_id_tasks_id_fk');
      if (!tx.read('taskOfficers').has(r.taskOfficerId)) throw new ForeignKeyViolation('recusals_task_officer_id_task_officers_id_fk');
      if (!tx.read('people').has(r.requestedBy)) throw new ForeignKeyViolation('recusals_requested_by_people_id_fk');
      const status = r.decided ? 'approved' : 'pending';
      if (status === 'pending') {
        ensureUnique(tx.read('recusals').values(), (x) => x.taskOfficerId === r.taskOfficerId && x.status === 'pending', 'recusals_one_open_uq');
      }
      const id = tx.nextId('recusals');
      const { decided, ...fields } = r;
      tx.put('recusals', id, {
        id,
        ...fields,
        status,
        decidedBy: decided?.by ?? null,
        decidedAt: decided?.at ?? null,
        decisionReason: null,
        replacementNo: null,
      });
      return id;
    },
    async byId(id) {
      const r = tx.read('recusals').get(id);
      return r ? toRow(r) : undefined;
    },
    async decide(id, d) {
      const r = tx.read('recusals').get(id);
      if (r?.status !== 'pending') return false;
      tx.put('recusals', id, { ...r, status: d.status, decidedBy: d.by, decidedAt: d.at, decisionReason: d.reason ?? null });
      return true;
    },
    async setReplacement(id, replacementNo) {
      const r = tx.read('recusals').get(id);
      if (r) tx.put('recusals', id, { ...r, replacementNo });
    },
    async ofTask(taskId) {
      return sortedBy(tx.read('recusals').values(), (r) => r.id)
        .filter((r) => r.taskId === taskId)
        .map(toRow);
    },
  };
}
