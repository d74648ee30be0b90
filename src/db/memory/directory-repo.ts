import type { Repos } from '../../app/ports/store';
import { compareCodeUnits } from '../../domain/draw/canonical-order';
import { matchesAll, OPERATING_STATUS, sliceDirectory } from '../../domain/draw';
import type { Enterprise, InspectionRecord, Officer } from '../../domain/model';
import type { MemoryTx } from './memory-database';
import { readJson, sortedBy, toEnterprise, toPerson } from './values';

/** An agency's directory as the draw reads it: the columns the lot depends on (as `specialsQuery` selects them), in id order. */
export function drawColumns(tx: MemoryTx, agencyId: number): Enterprise[] {
  const rows = sortedBy(
    [...tx.read('enterprises').values()].filter((e) => e.agencyId === agencyId),
    (e) => e.id,
  );
  return rows.map((e) => {
    const { uscc, name, industry, township, riskLevel, status, keySupervision } = toEnterprise(e);
    return { uscc, name, industry, township, riskLevel, status, keySupervision };
  });
}

/** The history a draw looks at: the agency's tasks not cancelled (with their active officers) and other departments' inspections. */
function drawHistory(tx: MemoryTx, agencyId: number): InspectionRecord[] {
  const tasks = sortedBy(
    [...tx.read('tasks').values()].filter((t) => t.agencyId === agencyId && t.status !== 'cancelled'),
    (t) => t.id,
  );
  const officers = sortedBy(tx.read('taskOfficers').values(), (o) => o.id);
  const ours = tasks.map(
    (t): InspectionRecord => ({
      uscc: t.uscc,
      date: t.resultDate ?? t.windowFrom,
      officers: officers.filter((o) => o.taskId === t.id && o.status !== 'recused' && o.status !== 'released').map((o) => o.certificateNo),
      open: t.status === 'assigned',
      random: true,
    }),
  );
  const external = sortedBy(
    [...tx.read('externalInspections').values()].filter((e) => e.agencyId === agencyId),
    (e) => e.id,
  );
  return [...ours, ...external.map((e) => ({ uscc: e.uscc, date: e.date, officers: [], open: false, random: e.random }))];
}

/** The directory port on the in-memory tables; the draw's slice is the domain's own `sliceDirectory`. */
export function directoryRepo(tx: MemoryTx): Repos['directory'] {
  const people = () => sortedBy(tx.read('people').values(), (p) => p.id);
  const ownerOf = (platform: string, accountId: string) =>
    [...tx.read('accounts').values()].find((a) => a.platform === platform && a.accountId === accountId)?.personId;
  const personByAccount = (platform: string, accountId: string) => {
    const personId = ownerOf(platform, accountId);
    const person = personId === undefined ? undefined : tx.read('people').get(personId);
    return person ? toPerson(person) : undefined;
  };
  const agencyOfChat = (platform: string, chatId: string) =>
    [...tx.read('chats').values()].find((c) => c.platform === platform && c.chatId === chatId)?.agencyId;
  return {
    async agency(id) {
      const row = tx.read('agencies').get(id);
      return row ? { ...row, createdAt: new Date(row.createdAt) } : undefined;
    },
    async agencies() {
      return sortedBy(tx.read('agencies').values(), (a) => a.id).map((a) => ({ id: a.id, name: a.name, shortName: a.shortName }));
    },
    personByAccount: async (platform, accountId) => personByAccount(platform, accountId),
    agencyOfChat: async (platform, chatId) => agencyOfChat(platform, chatId),
    peopleByAccounts: async (keys) => keys.map((k) => personByAccount(k.platform, k.accountId)),
    agenciesOfChats: async (keys) => keys.map((k) => agencyOfChat(k.platform, k.chatId)),
    async accountsOf(personIds, platform) {
      const wanted = new Set(personIds);
      const rows = sortedBy(tx.read('accounts').values(), (a) => a.id).filter((a) => wanted.has(a.personId) && a.platform === platform);
      return new Map(rows.map((a) => [a.personId, a.accountId]));
    },
    async peopleWithRole(agencyId, roles) {
      return people()
        .filter((p) => p.agencyId === agencyId && roles.includes(p.role))
        .map(toPerson);
    },
    async person(id) {
      const row = tx.read('people').get(id);
      return row ? toPerson(row) : undefined;
    },
    async personByCertificate(agencyId, certificateNo) {
      const row = people().find((p) => p.agencyId === agencyId && p.certificateNo === certificateNo);
      return row ? toPerson(row) : undefined;
    },
    async enterprise(agencyId, uscc) {
      const row = [...tx.read('enterprises').values()].find((e) => e.agencyId === agencyId && e.uscc === uscc);
      return row ? toEnterprise(row) : undefined;
    },
    async enterprisesByUscc(agencyId, usccs) {
      const wanted = new Set(usccs);
      const rows = [...tx.read('enterprises').values()].filter((e) => e.agencyId === agencyId && wanted.has(e.uscc));
      return new Map(rows.map((e) => [e.uscc, toEnterprise(e)]));
    },
    async drawSlice(agencyId, spec, { countPlain }) {
      const directory = drawColumns(tx, agencyId);
      const { slice } = sliceDirectory(directory, spec);
      return {
        directorySize: matchesAll(spec.filters) ? null : directory.length,
        specials: slice.specials,
        plainGroups: countPlain ? slice.plainGroups : null,
      };
    },
    async drawRoster(agencyId) {
      const officers: Officer[] = people()
        .filter((p) => p.agencyId === agencyId && p.role === 'officer' && p.certificateNo && p.certificateValidUntil)
        .sort((a, b) => compareCodeUnits(a.certificateNo!, b.certificateNo!))
        .map((p) => ({
          certificateNo: p.certificateNo!,
          name: p.name,
          unit: p.unit,
          certificateValidUntil: p.certificateValidUntil!,
          expertise: [...p.expertise],
          onDuty: p.onDuty,
          conflicts: [...p.conflicts],
        }));
      return { officers, history: drawHistory(tx, agencyId) };
    },
    async eligibleByIndustry(agencyId) {
      const out: Record<string, number> = {};
      for (const e of tx.read('enterprises').values()) {
        if (e.agencyId === agencyId && e.status === OPERATING_STATUS && !e.keySupervision) out[e.industry] = (out[e.industry] ?? 0) + 1;
      }
      return out;
    },
    async checkItems() {
      return sortedBy(tx.read('checkItems').values(), (c) => c.sort).map((c) =>
        readJson({ code: c.code, title: c.title, content: c.content, legalBasis: c.legalBasis }),
      );
    },
  };
}
