import { and, asc, eq } from 'drizzle-orm';
import type { RecusalRepo, RecusalRow } from '../../app/ports/store';
import type { DbOrTx } from '../client';
import { people, recusals, taskOfficers } from '../schema';

const columns = {
  id: recusals.id,
  agencyId: recusals.agencyId,
  taskId: recusals.taskId,
  taskOfficerId: recusals.taskOfficerId,
  personId: taskOfficers.personId,
  officerName: people.name,
  certificateNo: taskOfficers.certificateNo,
  kind: recusals.kind,
  ground: recusals.ground,
  reason: recusals.reason,
  requestedBy: recusals.requestedBy,
  requestedAt: recusals.requestedAt,
  previousStatus: recusals.previousStatus,
  status: recusals.status,
  decidedBy: recusals.decidedBy,
  decidedAt: recusals.decidedAt,
  decisionReason: recusals.decisionReason,
  replacementNo: recusals.replacementNo,
};

/** 回避 applications and orders: the officer's row and name joined in. */
export function recusalRepo(tx: DbOrTx): RecusalRepo {
  const select = () =>
    tx
      .select(columns)
      .from(recusals)
      .innerJoin(taskOfficers, eq(taskOfficers.id, recusals.taskOfficerId))
      .innerJoin(people, eq(people.id, taskOfficers.personId));
  return {
    async insert(r) {
      const { decided, ...fields } = r;
      const [row] = await tx
        .insert(recusals)
        .values({ ...fields, status: decided ? 'approved' : 'pending', decidedBy: decided?.by, decidedAt: decided?.at })
        .returning({ id: recusals.id });
      return row!.id;
    },
    async byId(id) {
      const [row] = await select().where(eq(recusals.id, id));
      return row as RecusalRow | undefined;
    },
    async decide(id, d) {
      const rows = await tx
        .update(recusals)
        .set({ status: d.status, decidedBy: d.by, decidedAt: d.at, decisionReason: d.reason ?? null })
        .where(and(eq(recusals.id, id), eq(recusals.status, 'pending')))
        .returning({ id: recusals.id });
      return rows.length === 1;
    },
    async setReplacement(id, replacementNo) {
      await tx.update(recusals).set({ replacementNo }).where(eq(recusals.id, id));
    },
    async ofTask(taskId) {
      return (await select().where(eq(recusals.taskId, taskId)).orderBy(asc(recusals.id))) as RecusalRow[];
    },
  };
}
