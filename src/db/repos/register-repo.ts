import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { PendingImportRow, Repos } from '../../app/ports/store';
import { DELISTED_STATUS, type Officer } from '../../domain/model';
import type { DbOrTx } from '../client';
import { toEnterprise } from '../enterprise-row';
import { enterprises, pendingImports, people } from '../schema';
import { fromExcluded } from './from-excluded';

/** Rows per multi-row statement: well under PostgreSQL's 65 535 parameters at 11 columns a row. */
const CHUNK = 500;

const pendingColumns = {
  id: pendingImports.id,
  agencyId: pendingImports.agencyId,
  key: pendingImports.key,
  register: pendingImports.register,
  fileName: pendingImports.fileName,
  preview: pendingImports.preview,
  baseline: pendingImports.baseline,
  full: pendingImports.full,
  status: pendingImports.status,
  createdBy: pendingImports.createdBy,
  createdAt: pendingImports.createdAt,
  expiresAt: pendingImports.expiresAt,
  endedAt: pendingImports.endedAt,
};

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The registers as imports read and write them, in the database; and the imports waiting for 确认导入. */
export function registerRepo(tx: DbOrTx): Repos['registers'] {
  return {
    async enterprises(agencyId) {
      const rows = await tx.select().from(enterprises).where(eq(enterprises.agencyId, agencyId)).orderBy(sql`${enterprises.uscc} collate "C"`);
      return rows.map(toEnterprise);
    },
    async officers(agencyId) {
      const rows = await tx
        .select()
        .from(people)
        .where(and(eq(people.agencyId, agencyId), eq(people.role, 'officer'), isNotNull(people.certificateNo)))
        .orderBy(sql`${people.certificateNo} collate "C"`);
      return rows.map(
        (p): Officer => ({
          certificateNo: p.certificateNo!,
          name: p.name,
          unit: p.unit,
          certificateValidUntil: p.certificateValidUntil ?? '',
          expertise: p.expertise,
          onDuty: p.onDuty,
          conflicts: p.conflicts,
        }),
      );
    },
    async applyEnterprises(agencyId, change, at) {
      for (const part of chunks(change.upsert)) {
        await tx
          .insert(enterprises)
          .values(
            part.map((e) => ({ ...e, address: e.address ?? null, contactPerson: e.contactPerson ?? null, phone: e.phone ?? null, agencyId, updatedAt: at })),
          )
          .onConflictDoUpdate({
            target: [enterprises.agencyId, enterprises.uscc],
            set: fromExcluded(['name', 'industry', 'township', 'address', 'contactPerson', 'phone', 'riskLevel', 'status', 'keySupervision', 'updatedAt']),
          });
      }
      for (const part of chunks(change.delist, 5000)) {
        await tx
          .update(enterprises)
          .set({ status: DELISTED_STATUS, updatedAt: at })
          .where(and(eq(enterprises.agencyId, agencyId), inArray(enterprises.uscc, part)));
      }
    },
    async applyOfficers(agencyId, change) {
      for (const part of chunks(change.upsert)) {
        await tx
          .insert(people)
          .values(
            part.map((o) => ({
              agencyId,
              role: 'officer' as const,
              name: o.name,
              unit: o.unit,
              certificateNo: o.certificateNo,
              certificateValidUntil: o.certificateValidUntil || null,
              expertise: [...o.expertise],
              onDuty: o.onDuty,
              conflicts: [...o.conflicts],
            })),
          )
          .onConflictDoUpdate({
            target: [people.agencyId, people.certificateNo],
            set: fromExcluded(['name', 'unit', 'certificateValidUntil', 'expertise', 'onDuty', 'conflicts']),
          });
      }
      for (const part of chunks(change.delist, 5000)) {
        await tx
          .update(people)
          .set({ onDuty: false })
          .where(and(eq(people.agencyId, agencyId), inArray(people.certificateNo, part)));
      }
    },
    async insertPending(row) {
      const [r] = await tx.insert(pendingImports).values(row).returning(pendingColumns);
      return r as PendingImportRow;
    },
    async pending(agencyId, id) {
      const [r] = await tx
        .select(pendingColumns)
        .from(pendingImports)
        .where(and(eq(pendingImports.agencyId, agencyId), eq(pendingImports.id, id)));
      return r as PendingImportRow | undefined;
    },
    async lockPending(agencyId, id) {
      const [r] = await tx
        .select({ ...pendingColumns, rows: pendingImports.rows })
        .from(pendingImports)
        .where(and(eq(pendingImports.agencyId, agencyId), eq(pendingImports.id, id)))
        .for('update');
      return r as (PendingImportRow & { rows: unknown[] }) | undefined;
    },
    async endPending(id, to, by, at) {
      const done = await tx
        .update(pendingImports)
        .set({ status: to, endedBy: by, endedAt: at, rows: [] })
        .where(and(eq(pendingImports.id, id), eq(pendingImports.status, 'pending')))
        .returning({ id: pendingImports.id });
      return done.length === 1;
    },
  };
}
