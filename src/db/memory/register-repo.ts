import type { Clock } from '../../app/ports/clock';
import type { PendingImportRow, Repos } from '../../app/ports/store';
import { DELISTED_STATUS, type Officer } from '../../domain/model';
import { addEnterprise, addPerson } from './load';
import type { MemoryTx } from './memory-database';
import type { PendingImportRecord } from './rows';
import { ForeignKeyViolation, jsonb, readDate, readJson, toEnterprise } from './values';

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function toPendingRow(r: PendingImportRecord): PendingImportRow {
  const { rows: _rows, endedBy: _endedBy, ...row } = r;
  return { ...row, preview: readJson(r.preview), createdAt: readDate(r.createdAt), expiresAt: readDate(r.expiresAt), endedAt: readDate(r.endedAt) };
}

/** The registers and pending imports in memory, held to the SQL repository's contract. */
export function registerRepo(tx: MemoryTx, clock: Clock): Repos['registers'] {
  const enterprisesOf = (agencyId: number) => [...tx.read('enterprises').values()].filter((e) => e.agencyId === agencyId);
  const officersOf = (agencyId: number) =>
    [...tx.read('people').values()].filter((p) => p.agencyId === agencyId && p.role === 'officer' && p.certificateNo !== null);
  return {
    async enterprises(agencyId) {
      return enterprisesOf(agencyId)
        .sort((a, b) => byteOrder(a.uscc, b.uscc))
        .map(toEnterprise);
    },
    async officers(agencyId) {
      return officersOf(agencyId)
        .sort((a, b) => byteOrder(a.certificateNo!, b.certificateNo!))
        .map(
          (p): Officer => ({
            certificateNo: p.certificateNo!,
            name: p.name,
            unit: p.unit,
            certificateValidUntil: p.certificateValidUntil ?? '',
            expertise: [...p.expertise],
            onDuty: p.onDuty,
            conflicts: [...p.conflicts],
          }),
        );
    },
    async applyEnterprises(agencyId, change, at) {
      const byUscc = new Map(enterprisesOf(agencyId).map((e) => [e.uscc, e]));
      for (const e of change.upsert) {
        const old = byUscc.get(e.uscc);
        if (!old) {
          addEnterprise(tx, agencyId, e, at);
          continue;
        }
        tx.put('enterprises', old.id, {
          ...old,
          ...e,
          address: e.address ?? null,
          contactPerson: e.contactPerson ?? null,
          phone: e.phone ?? null,
          updatedAt: at,
        });
      }
      for (const uscc of change.delist) {
        const old = byUscc.get(uscc);
        if (old) tx.put('enterprises', old.id, { ...old, status: DELISTED_STATUS, updatedAt: at });
      }
    },
    async applyOfficers(agencyId, change, at) {
      const byCert = new Map(officersOf(agencyId).map((p) => [p.certificateNo!, p]));
      // A certificate held by a leader or an administrator row is the same person: updated, as the unique index would.
      for (const p of tx.read('people').values()) if (p.agencyId === agencyId && p.certificateNo !== null) byCert.set(p.certificateNo, p);
      for (const o of change.upsert) {
        const old = byCert.get(o.certificateNo);
        const fields = {
          name: o.name,
          unit: o.unit,
          certificateValidUntil: o.certificateValidUntil || null,
          expertise: Object.freeze([...o.expertise]),
          onDuty: o.onDuty,
          conflicts: Object.freeze([...o.conflicts]),
        };
        if (old) tx.put('people', old.id, { ...old, ...fields });
        else addPerson(tx, { agencyId, role: 'officer', certificateNo: o.certificateNo, ...fields }, at);
      }
      for (const cert of change.delist) {
        const old = byCert.get(cert);
        if (old) tx.put('people', old.id, { ...old, onDuty: false });
      }
    },
    async insertPending(row) {
      if (!tx.read('agencies').has(row.agencyId)) throw new ForeignKeyViolation('pending_imports_agency_id_agencies_id_fk');
      if (!tx.read('people').has(row.createdBy)) throw new ForeignKeyViolation('pending_imports_created_by_people_id_fk');
      const id = tx.nextId('pendingImports');
      const record: PendingImportRecord = {
        ...row,
        id,
        rows: jsonb(row.rows),
        preview: jsonb(row.preview),
        status: 'pending',
        createdAt: clock.now(),
        endedAt: null,
        endedBy: null,
      };
      tx.put('pendingImports', id, record);
      return toPendingRow(record);
    },
    async pending(agencyId, id) {
      const r = tx.read('pendingImports').get(id);
      return r && r.agencyId === agencyId ? toPendingRow(r) : undefined;
    },
    async lockPending(agencyId, id) {
      // Transactions run one at a time: the whole store is locked already.
      const r = tx.read('pendingImports').get(id);
      return r && r.agencyId === agencyId ? { ...toPendingRow(r), rows: readJson(r.rows) } : undefined;
    },
    async endPending(id, to, by, at) {
      const r = tx.read('pendingImports').get(id);
      if (r?.status !== 'pending') return false;
      tx.put('pendingImports', id, { ...r, status: to, endedBy: by, endedAt: at, rows: [] });
      return true;
    },
  };
}
