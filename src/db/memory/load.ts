/**
 * Rows written outside the use cases (the demo data, the catalog, an import, a test's
 * fixture), with the schema's defaults: what `insert` into the SQL tables does.
 */
import type { Platform } from '../../app/ports/messenger';
import type { Role } from '../../app/ports/store';
import type { Enterprise, IsoDate } from '../../domain/model';
import { storedEnterprise } from '../enterprise-row';
import type { MemoryTx } from './memory-database';
import type { AgencyRecord, CheckItemRecord } from './rows';
import { ensureUnique, ForeignKeyViolation } from './values';

export type NewAgency = Pick<AgencyRecord, 'name' | 'shortName'> & Partial<Omit<AgencyRecord, 'id' | 'name' | 'shortName' | 'createdAt'>>;

export function addAgency(tx: MemoryTx, input: NewAgency, at: Date): number {
  const id = tx.nextId('agencies');
  tx.put('agencies', id, {
    id,
    timezone: 'Asia/Shanghai',
    publicationWorkdays: 5,
    countStartDay: false,
    yearlyCap: 1,
    cooldownMonths: 0,
    excludeLastInspector: true,
    groupSize: 2,
    requireExpertise: false,
    requireUnit: null,
    isDemo: false,
    ...input,
    createdAt: at,
  });
  return id;
}

export interface NewPerson {
  agencyId: number;
  name: string;
  role: Role;
  unit?: string;
  certificateNo?: string | null;
  certificateValidUntil?: IsoDate | null;
  expertise?: readonly string[];
  onDuty?: boolean;
  conflicts?: readonly string[];
  localId?: string | null;
}

export function addPerson(tx: MemoryTx, p: NewPerson, at: Date): number {
  if (!tx.read('agencies').has(p.agencyId)) throw new ForeignKeyViolation('people_agency_id_agencies_id_fk');
  const people = [...tx.read('people').values()].filter((x) => x.agencyId === p.agencyId);
  if (p.certificateNo) ensureUnique(people, (x) => x.certificateNo === p.certificateNo, 'people_certificate_uq');
  if (p.localId) ensureUnique(people, (x) => x.localId === p.localId, 'people_local_id_uq');
  const id = tx.nextId('people');
  tx.put('people', id, {
    id,
    agencyId: p.agencyId,
    name: p.name,
    role: p.role,
    unit: p.unit ?? '',
    certificateNo: p.certificateNo ?? null,
    certificateValidUntil: p.certificateValidUntil ?? null,
    expertise: Object.freeze([...(p.expertise ?? [])]),
    onDuty: p.onDuty ?? true,
    conflicts: Object.freeze([...(p.conflicts ?? [])]),
    localId: p.localId ?? null,
    createdAt: at,
  });
  return id;
}

export function addAccount(tx: MemoryTx, a: { personId: number; platform: Platform; accountId: string; linkedBy: string }, at: Date): number {
  if (!tx.read('people').has(a.personId)) throw new ForeignKeyViolation('accounts_person_id_people_id_fk');
  ensureUnique(tx.read('accounts').values(), (x) => x.platform === a.platform && x.accountId === a.accountId, 'accounts_platform_account_uq');
  const id = tx.nextId('accounts');
  tx.put('accounts', id, { id, ...a, linkedAt: at });
  return id;
}

export function addChat(tx: MemoryTx, c: { agencyId: number; platform: Platform; chatId: string; boundBy: string }, at: Date): number {
  ensureUnique(tx.read('chats').values(), (x) => x.platform === c.platform && x.chatId === c.chatId, 'chats_platform_chat_uq');
  const id = tx.nextId('chats');
  tx.put('chats', id, { id, ...c, boundAt: at });
  return id;
}

export function addEnterprise(tx: MemoryTx, agencyId: number, e: Enterprise, at: Date): number {
  if (!tx.read('agencies').has(agencyId)) throw new ForeignKeyViolation('enterprises_agency_id_agencies_id_fk');
  ensureUnique(tx.read('enterprises').values(), (x) => x.agencyId === agencyId && x.uscc === e.uscc, 'enterprises_uscc_uq');
  const id = tx.nextId('enterprises');
  tx.put('enterprises', id, { id, agencyId, ...storedEnterprise(e), updatedAt: at });
  return id;
}

export function addExternalInspection(tx: MemoryTx, x: { agencyId: number; uscc: string; date: IsoDate; department: string; random?: boolean }): number {
  const id = tx.nextId('externalInspections');
  tx.put('externalInspections', id, { id, random: true, ...x });
  return id;
}

/** Writes a check item, or its new wording over the old (`on conflict (code) do update`). */
export function putCheckItem(tx: MemoryTx, item: CheckItemRecord): void {
  tx.put('checkItems', item.code, { ...item });
}
