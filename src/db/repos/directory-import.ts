import { and, eq, sql } from 'drizzle-orm';
import type { Enterprise, Officer } from '../../domain/model';
import type { Db } from '../database';
import { agencies, enterprises, people } from '../schema';
import { appendAudit } from './audit-repo';

/** Creates an agency (the bureau) with the default rules (5 working days, 1 random inspection a year). */
export async function createAgency(db: Db, input: { name: string; shortName: string }, at: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(agencies).values(input).returning({ id: agencies.id });
    await appendAudit(tx, { agencyId: row!.id, at, actor: 'cli', action: 'agency.created', subject: `agency:${row!.id}`, data: input });
    return row!.id;
  });
}

/**
 * Loads the enterprise directory: new USCCs are added, known ones updated, none removed (an
 * enterprise that closed is marked 注销/吊销/迁出 in the file, so its history stays). One
 * transaction: a failure leaves the directory as it was.
 */
export async function importEnterprises(db: Db, agencyId: number, rows: Enterprise[], at: Date): Promise<{ added: number; updated: number }> {
  return db.transaction(async (tx) => {
    const existing = new Set((await tx.select({ uscc: enterprises.uscc }).from(enterprises).where(eq(enterprises.agencyId, agencyId))).map((r) => r.uscc));
    for (let i = 0; i < rows.length; i += 500) {
      await tx
        .insert(enterprises)
        .values(rows.slice(i, i + 500).map((e) => ({ ...e, agencyId, updatedAt: at })))
        .onConflictDoUpdate({
          target: [enterprises.agencyId, enterprises.uscc],
          set: {
            name: sql`excluded.name`,
            industry: sql`excluded.industry`,
            township: sql`excluded.township`,
            address: sql`excluded.address`,
            contactPerson: sql`excluded.contact_person`,
            phone: sql`excluded.phone`,
            riskLevel: sql`excluded.risk_level`,
            status: sql`excluded.status`,
            keySupervision: sql`excluded.key_supervision`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    }
    const added = rows.filter((r) => !existing.has(r.uscc)).length;
    await appendAudit(tx, {
      agencyId,
      at,
      actor: 'cli',
      action: 'directory.enterprises_imported',
      subject: `agency:${agencyId}`,
      data: { rows: rows.length, added, updated: rows.length - added },
    });
    return { added, updated: rows.length - added };
  });
}

/** Loads the officer roster (执法检查人员名录库) by certificate number, in one transaction. */
export async function importOfficers(db: Db, agencyId: number, rows: Officer[], at: Date): Promise<{ added: number; updated: number }> {
  return db.transaction(async (tx) => {
    let added = 0;
    for (const o of rows) {
      const values = {
        name: o.name,
        unit: o.unit,
        certificateValidUntil: o.certificateValidUntil,
        expertise: o.expertise,
        onDuty: o.onDuty,
        conflicts: o.conflicts,
      };
      const updated = await tx
        .update(people)
        .set(values)
        .where(and(eq(people.agencyId, agencyId), eq(people.certificateNo, o.certificateNo)))
        .returning({ id: people.id });
      if (updated.length === 0) {
        await tx.insert(people).values({ ...values, agencyId, role: 'officer', certificateNo: o.certificateNo });
        added++;
      }
    }
    await appendAudit(tx, {
      agencyId,
      at,
      actor: 'cli',
      action: 'directory.officers_imported',
      subject: `agency:${agencyId}`,
      data: { rows: rows.length, added, updated: rows.length - added },
    });
    return { added, updated: rows.length - added };
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
