import type { Db } from '../database';
import { agencies, people } from '../schema';
import { appendAudit } from './audit-repo';

/** Creates an agency (the bureau) with the default rules (5 working days, 1 random inspection a year). */
export async function createAgency(db: Db, input: { name: string; shortName: string }, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(agencies).values(input).returning({ id: agencies.id });
    await appendAudit(tx, { agencyId: row!.id, at, actor: 'cli', action: 'agency.created', subject: `agency:${row!.id}`, data: input });
    return row!.id;
  });
}

/** Adds a leader or an administrator (they hold no certificate and are never drawn). */
export async function addStaff(db: Db, agencyId: number, input: { name: string; role: 'leader' | 'admin'; unit: string }, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(people)
      .values({ ...input, agencyId })
      .returning({ id: people.id });
    await appendAudit(tx, { agencyId, at, actor: 'cli', action: 'people.added', subject: `person:${row!.id}`, data: input });
    return row!.id;
  });
}
