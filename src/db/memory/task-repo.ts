import type { Clock } from '../../app/ports/clock';
import type { FindingsRow, Repos, TaskOfficerRow, TaskRow } from '../../app/ports/store';
import { readHazards } from '../../domain/findings/types';
import type { MemoryTx } from './memory-database';
import type { FindingsRecord, TaskRecord } from './rows';
import { ensureUnique, ForeignKeyViolation, jsonb, readDate, readJson, sortedBy } from './values';

/** Tasks with their draw's number and their officers (names from the roster), as `withOfficers` reads them. */
export function toTaskRows(tx: MemoryTx, tasks: readonly TaskRecord[]): TaskRow[] {
  const ids = new Set(tasks.map((t) => t.id));
  const officers = new Map<number, TaskOfficerRow[]>();
  for (const o of sortedBy(tx.read('taskOfficers').values(), (x) => x.id)) {
    if (!ids.has(o.taskId)) continue;
    const person = tx.read('people').get(o.personId)!;
    const { respondedAt: _at, ...row } = o;
    officers.set(o.taskId, [...(officers.get(o.taskId) ?? []), { ...row, name: person.name, unit: person.unit }]);
  }
  return tasks.map((t) => {
    const { createdAt: _c, updatedAt: _u, ...row } = t;
    return { ...row, drawNo: tx.read('draws').get(t.drawId)!.drawNo, publishedAt: readDate(t.publishedAt), officers: officers.get(t.id) ?? [] };
  });
}

/** Every column of the findings row, as the SQL repository's `select()` returns them. */
export function toFindingsRow(f: FindingsRecord): FindingsRow {
  const { id: _id, itemResults, itemNotes, measures, hazards, recheckedAt, createdAt, ...rest } = f;
  return {
    ...rest,
    itemResults: readJson(itemResults),
    itemNotes: readJson(itemNotes),
    measures: readJson(measures),
    hazards: readHazards(readJson(hazards), rest),
    recheckedAt: readDate(recheckedAt),
    createdAt: readDate(createdAt),
  };
}

/** Tasks, their officers and findings; every state change is conditional on the current state. */
export function taskRepo(tx: MemoryTx, clock: Clock): Repos['tasks'] {
  const all = () => sortedBy(tx.read('tasks').values(), (t) => t.id);
  const findingsOf = (taskId: number) => [...tx.read('findings').values()].find((f) => f.taskId === taskId);
  const addOfficer = (taskId: number, personId: number, certificateNo: string, replacementNo: number) => {
    if (!tx.read('tasks').has(taskId)) throw new ForeignKeyViolation('task_officers_task_id_tasks_id_fk');
    if (!tx.read('people').has(personId)) throw new ForeignKeyViolation('task_officers_person_id_people_id_fk');
    ensureUnique(tx.read('taskOfficers').values(), (o) => o.taskId === taskId && o.personId === personId, 'task_officers_uq');
    const id = tx.nextId('taskOfficers');
    tx.put('taskOfficers', id, { id, taskId, personId, certificateNo, status: 'pending', replacementNo, recusalReason: null, respondedAt: null });
  };
  return {
    async insertMany(drawId, agencyId, list) {
      if (list.length > 0 && !tx.read('draws').has(drawId)) throw new ForeignKeyViolation('tasks_draw_id_draws_id_fk');
      const ids = list.map((t) => {
        ensureUnique(tx.read('tasks').values(), (x) => x.drawId === drawId && x.ordinal === t.ordinal, 'tasks_draw_ordinal_uq');
        const id = tx.nextId('tasks');
        const at = clock.now();
        tx.put('tasks', id, {
          id,
          agencyId,
          drawId,
          ordinal: t.ordinal,
          uscc: t.uscc,
          enterpriseName: t.enterpriseName,
          industry: t.industry,
          township: t.township ?? '',
          status: 'assigned',
          windowFrom: t.windowFrom,
          windowTo: t.windowTo,
          resultDate: null,
          publicationDue: null,
          publicationDueProvisional: false,
          publishedAt: null,
          publishedBy: null,
          publicationRef: null,
          publicationLateWorkdays: null,
          createdAt: at,
          updatedAt: at,
        });
        return id;
      });
      list.forEach((t, i) => {
        for (const o of t.officers) addOfficer(ids[i]!, o.personId, o.certificateNo, 0);
      });
      return ids;
    },
    // Units of work run one at a time on the memory store: nothing to lock.
    async lock() {},
    async byId(id) {
      const t = tx.read('tasks').get(id);
      return t ? toTaskRows(tx, [t])[0] : undefined;
    },
    async ofDraw(drawId) {
      return toTaskRows(
        tx,
        all()
          .filter((t) => t.drawId === drawId)
          .sort((a, b) => a.ordinal - b.ordinal),
      );
    },
    async ofPerson(personId, statuses) {
      const mine = new Set(
        [...tx.read('taskOfficers').values()]
          .filter((o) => o.personId === personId && (o.status === 'pending' || o.status === 'confirmed' || o.status === 'awaiting_recusal'))
          .map((o) => o.taskId),
      );
      return toTaskRows(
        tx,
        all().filter((t) => mine.has(t.id) && statuses.includes(t.status)),
      );
    },
    async ofAgency(agencyId, statuses) {
      return toTaskRows(
        tx,
        all().filter((t) => t.agencyId === agencyId && statuses.includes(t.status)),
      );
    },
    async transition(id, from, to, f) {
      const t = tx.read('tasks').get(id);
      if (!t || !from.includes(t.status)) return false;
      const next: TaskRecord = { ...t, status: to, updatedAt: f.at };
      if (f.resultDate !== undefined) next.resultDate = f.resultDate;
      if (f.publicationDue !== undefined) next.publicationDue = f.publicationDue;
      if (f.publicationDueProvisional !== undefined) next.publicationDueProvisional = f.publicationDueProvisional;
      if (f.publishedBy !== undefined) next.publishedBy = f.publishedBy;
      if (f.publishedAt !== undefined) next.publishedAt = f.publishedAt;
      if (f.publicationRef !== undefined) next.publicationRef = f.publicationRef;
      if (f.publicationLateWorkdays !== undefined) next.publicationLateWorkdays = f.publicationLateWorkdays;
      tx.put('tasks', id, next);
      return true;
    },
    async cancelOfDraw(drawId, at) {
      const open = all().filter((t) => t.drawId === drawId && (t.status === 'assigned' || t.status === 'inspected'));
      for (const t of open) tx.put('tasks', t.id, { ...t, status: 'cancelled', updatedAt: at });
      return open.length;
    },
    async setOfficerStatus(taskOfficerId, from, to, f) {
      const o = tx.read('taskOfficers').get(taskOfficerId);
      if (!o || !from.includes(o.status)) return false;
      tx.put('taskOfficers', o.id, { ...o, status: to, respondedAt: f.at, ...(f.recusalReason !== undefined ? { recusalReason: f.recusalReason } : {}) });
      return true;
    },
    async addOfficer(taskId, personId, certificateNo, replacementNo) {
      addOfficer(taskId, personId, certificateNo, replacementNo);
    },
    async insertFindings(input) {
      if (findingsOf(input.taskId)) return false;
      if (!tx.read('tasks').has(input.taskId)) throw new ForeignKeyViolation('findings_task_id_tasks_id_fk');
      const id = tx.nextId('findings');
      tx.put('findings', id, {
        id,
        taskId: input.taskId,
        submittedBy: input.submittedBy,
        inspectionDate: input.inspectionDate,
        itemResults: jsonb(input.itemResults),
        itemNotes: jsonb(input.itemNotes),
        hazards: jsonb(input.hazards),
        measures: jsonb(input.measures),
        majorHazard: input.majorHazard,
        rectification: input.rectification,
        rectificationDue: input.rectificationDue ?? null,
        resultCategory: input.resultCategory,
        responsiblePerson: input.responsiblePerson ?? null,
        refusedToSign: input.refusedToSign,
        refusalNote: input.refusalNote ?? null,
        caseFiled: input.caseFiled,
        caseNo: input.caseNo ?? null,
        notes: input.notes ?? null,
        recheckResult: null,
        recheckedAt: null,
        createdAt: clock.now(),
      });
      return true;
    },
    async findings(taskId) {
      const f = findingsOf(taskId);
      return f ? toFindingsRow(f) : undefined;
    },
  };
}
