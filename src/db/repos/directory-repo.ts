import { toEnterprise } from '../enterprise-row';
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Repos } from '../../app/ports/store';
import { matchesAll, OPERATING_STATUS, type PlainGroup } from '../../domain/draw';
import type { Enterprise, InspectionRecord, Officer } from '../../domain/model';
import { rowsOf, type DbOrTx } from '../database';
import { directorySizeQuery, plainGroupsQuery, specialsQuery } from './draw-lot-sql';
import { accounts, agencies, chats, checkItems, enterprises, externalInspections, people, taskOfficers, tasks } from '../schema';

/** The columns of a `Person` (the port's view of a row of `people`). */
export const personColumns = {
  id: people.id,
  agencyId: people.agencyId,
  name: people.name,
  role: people.role,
  unit: people.unit,
  certificateNo: people.certificateNo,
};

/**
 * The directory as the draw reads it: only the fields the lot depends on, as plain rows, in
 * canonical order. At a million enterprises the unused columns (address, phone, timestamps) and
 * the ORM's per-row mapping cost seconds (`npm run bench -- draw`). `collate "C"` is byte order,
 * i.e. the canonical order of the pool (docs/draw-algorithm.md §1; the same as the database
 * order for the ASCII USCC), and lets the server sort by bytes instead of walking the index
 * through a heap in no particular order (about half the time; docs/benchmarks.md).
 */
export function directoryRepo(tx: DbOrTx): Repos['directory'] {
  /** Rows of `pairs` as they are asked for: `(a, b) in ((…), (…))` over a unique pair of columns. */
  const pairIn = (a: AnyPgColumn, b: AnyPgColumn, pairs: ReadonlyArray<readonly [string, string]>) =>
    sql`(${a}, ${b}) in (${sql.join(
      pairs.map(([x, y]) => sql`(${x}, ${y})`),
      sql`, `,
    )})`;
  const peopleByAccounts: Repos['directory']['peopleByAccounts'] = async (keys) => {
    if (!keys.length) return [];
    const rows = await tx
      .select({ ...personColumns, platform: accounts.platform, accountId: accounts.accountId })
      .from(accounts)
      .innerJoin(people, eq(people.id, accounts.personId))
      .where(
        pairIn(
          accounts.platform,
          accounts.accountId,
          keys.map((k) => [k.platform, k.accountId] as const),
        ),
      );
    const found = new Map(rows.map(({ platform, accountId, ...person }) => [`${platform}\n${accountId}`, person]));
    return keys.map((k) => found.get(`${k.platform}\n${k.accountId}`));
  };
  const agenciesOfChats: Repos['directory']['agenciesOfChats'] = async (keys) => {
    if (!keys.length) return [];
    const rows = await tx
      .select({ platform: chats.platform, chatId: chats.chatId, agencyId: chats.agencyId })
      .from(chats)
      .where(
        pairIn(
          chats.platform,
          chats.chatId,
          keys.map((k) => [k.platform, k.chatId] as const),
        ),
      );
    const found = new Map(rows.map((r) => [`${r.platform}\n${r.chatId}`, r.agencyId]));
    return keys.map((k) => found.get(`${k.platform}\n${k.chatId}`));
  };
  return {
    async agency(id) {
      const [row] = await tx.select().from(agencies).where(eq(agencies.id, id));
      return row;
    },
    agencies() {
      return tx.select({ id: agencies.id, name: agencies.name, shortName: agencies.shortName }).from(agencies).orderBy(asc(agencies.id));
    },
    async personByAccount(platform, accountId) {
      return (await peopleByAccounts([{ platform, accountId }]))[0];
    },
    async agencyOfChat(platform, chatId) {
      return (await agenciesOfChats([{ platform, chatId }]))[0];
    },
    peopleByAccounts,
    agenciesOfChats,
    async accountsOf(personIds, platform) {
      if (personIds.length === 0) return new Map();
      const rows = await tx
        .select({ personId: accounts.personId, accountId: accounts.accountId })
        .from(accounts)
        .where(and(inArray(accounts.personId, personIds), eq(accounts.platform, platform)));
      return new Map(rows.map((r) => [r.personId, r.accountId]));
    },
    async peopleWithRole(agencyId, roles) {
      return tx
        .select(personColumns)
        .from(people)
        .where(and(eq(people.agencyId, agencyId), inArray(people.role, roles)))
        .orderBy(asc(people.id));
    },
    async person(id) {
      const [row] = await tx.select(personColumns).from(people).where(eq(people.id, id));
      return row;
    },
    async personByCertificate(agencyId, certificateNo) {
      const [row] = await tx
        .select(personColumns)
        .from(people)
        .where(and(eq(people.agencyId, agencyId), eq(people.certificateNo, certificateNo)));
      return row;
    },
    async enterprise(agencyId, uscc) {
      const [row] = await tx
        .select()
        .from(enterprises)
        .where(and(eq(enterprises.agencyId, agencyId), eq(enterprises.uscc, uscc)));
      return row ? toEnterprise(row) : undefined;
    },
    async enterprisesByUscc(agencyId, usccs) {
      const out = new Map<string, Enterprise>();
      for (let i = 0; i < usccs.length; i += 1000) {
        const rows = await tx
          .select()
          .from(enterprises)
          .where(and(eq(enterprises.agencyId, agencyId), inArray(enterprises.uscc, usccs.slice(i, i + 1000))));
        for (const r of rows) out.set(r.uscc, toEnterprise(r));
      }
      return out;
    },
    async drawSlice(agencyId, spec, { countPlain }) {
      const rows = rowsOf<Enterprise>(await tx.execute(specialsQuery(agencyId, spec)));
      const specials = [...new Map(rows.map((e) => [e.uscc, e])).values()];
      const plainGroups = !countPlain ? null : spec.filters.usccs ? [] : rowsOf<PlainGroup>(await tx.execute(plainGroupsQuery(agencyId, spec)));
      const size = matchesAll(spec.filters) ? null : (rowsOf<{ n: number }>(await tx.execute(directorySizeQuery(agencyId)))[0]?.n ?? 0);
      return { directorySize: size, specials, plainGroups };
    },
    async drawRoster(agencyId) {
      const officerRows = await tx
        .select()
        .from(people)
        .where(and(eq(people.agencyId, agencyId), eq(people.role, 'officer')))
        .orderBy(asc(people.certificateNo));
      const officers: Officer[] = officerRows
        .filter((p) => p.certificateNo && p.certificateValidUntil)
        .map((p) => ({
          certificateNo: p.certificateNo!,
          name: p.name,
          unit: p.unit,
          certificateValidUntil: p.certificateValidUntil!,
          expertise: p.expertise,
          onDuty: p.onDuty,
          conflicts: p.conflicts,
        }));
      const ours = await tx
        .select({
          uscc: tasks.uscc,
          date: tasks.windowFrom,
          status: tasks.status,
          resultDate: tasks.resultDate,
          taskId: tasks.id,
          certificateNo: taskOfficers.certificateNo,
          officerStatus: taskOfficers.status,
        })
        .from(tasks)
        .leftJoin(taskOfficers, eq(taskOfficers.taskId, tasks.id))
        .where(and(eq(tasks.agencyId, agencyId), ne(tasks.status, 'cancelled')));
      const byTask = new Map<number, InspectionRecord>();
      for (const r of ours) {
        let rec = byTask.get(r.taskId);
        if (!rec) {
          rec = { uscc: r.uscc, date: r.resultDate ?? r.date, officers: [], open: r.status === 'assigned', random: true };
          byTask.set(r.taskId, rec);
        }
        if (r.certificateNo && r.officerStatus !== 'recused' && r.officerStatus !== 'released') rec.officers.push(r.certificateNo);
      }
      const external = await tx.select().from(externalInspections).where(eq(externalInspections.agencyId, agencyId));
      const history: InspectionRecord[] = [
        ...byTask.values(),
        ...external.map((e) => ({ uscc: e.uscc, date: e.date, officers: [], open: false, random: e.random })),
      ];
      return { officers, history };
    },
    async eligibleByIndustry(agencyId) {
      const rows = await tx
        .select({ industry: enterprises.industry, n: count() })
        .from(enterprises)
        .where(and(eq(enterprises.agencyId, agencyId), eq(enterprises.status, OPERATING_STATUS), eq(enterprises.keySupervision, false)))
        .groupBy(enterprises.industry);
      return Object.fromEntries(rows.map((r) => [r.industry, r.n]));
    },
    async checkItems() {
      return tx
        .select({ code: checkItems.code, title: checkItems.title, content: checkItems.content, legalBasis: checkItems.legalBasis })
        .from(checkItems)
        .orderBy(asc(checkItems.sort));
    },
  };
}
