/**
 * What a transcript test looks up behind the chat (which officers a task got, how many findings
 * were saved), read from wherever the runtime keeps its data: SQL on a database, the committed
 * tables of the in-memory store. The same questions, the same answers.
 */
import { inArray, sql } from 'drizzle-orm';
import type { ChainCheck } from '../../src/domain/audit/audit-chain';
import type { Backend } from '../../src/db/backend';
import { rowsOf, type Db } from '../../src/db/client';
import { verifyAuditChain } from '../../src/db/repos/audit-repo';
import { enterprises } from '../../src/db/schema';
import { type MemoryDatabase, memoryLoad, verifyMemoryAuditChain } from '../../src/db/memory';
import { addStaff } from '../../src/db/repos/directory-import';

export interface TaskOfficerFact {
  officerId: number;
  taskId: number;
  drawId: number;
  ordinal: number;
  localId: string | null;
  replacementNo: number;
}

export interface TaskFact {
  id: number;
  drawId: number;
  ordinal: number;
  uscc: string;
  enterpriseName: string;
  industry: string;
  status: string;
  publicationDue: string | null;
  publicationDueProvisional: boolean;
}

export interface TestData {
  /** Rows of a table. */
  count(table: 'tasks' | 'findings' | 'draws' | 'draw_lots' | 'outbox'): Promise<number>;
  /** Every officer of every task, by officer row id. */
  taskOfficers(): Promise<TaskOfficerFact[]>;
  /** Tasks by id (of one draw when given). */
  tasks(drawId?: number): Promise<TaskFact[]>;
  /** Draws by id. */
  draws(): Promise<Array<{ drawNo: string; status: string }>>;
  /** Every enterprise of the directory (any agency), by USCC: what the draw and the plans count from. */
  directory(): Promise<Array<{ uscc: string; name: string; industry: string; status: string; keySupervision: boolean }>>;
  /** Names of the enterprises with these USCCs (any agency). */
  enterpriseNames(usccs: readonly string[]): Promise<Map<string, string>>;
  personName(localId: string): Promise<string | undefined>;
  /** Audit entries with this action. */
  auditCount(action: string): Promise<number>;
  /** Adds a leader of the demo agency who chats in the local simulator as `localId`. */
  addLeader(localId: string, name: string): Promise<number>;
  /** Every recusal, by id. */
  recusals(): Promise<Array<{ id: number; taskId: number; kind: string; status: string; replacementNo: number | null }>>;
  verifyAudit(): Promise<ChainCheck>;
}

function sqlData(db: Db): TestData {
  const rows = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(query));
  return {
    count: async (table) => (await rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n,
    taskOfficers: () =>
      rows(sql`select o.id as "officerId", t.id as "taskId", t.draw_id as "drawId", t.ordinal, p.local_id as "localId", o.replacement_no as "replacementNo"
        from task_officers o join tasks t on t.id = o.task_id join people p on p.id = o.person_id order by o.id`),
    tasks: (drawId) =>
      rows(sql`select id, draw_id as "drawId", ordinal, uscc, enterprise_name as "enterpriseName", industry, status,
        publication_due::text as "publicationDue", publication_due_provisional as "publicationDueProvisional"
        from tasks where ${drawId === undefined ? sql`true` : sql`draw_id = ${drawId}`} order by id`),
    draws: () => rows(sql`select draw_no as "drawNo", status from draws order by id`),
    directory: () => rows(sql`select uscc, name, industry, status, key_supervision as "keySupervision" from enterprises order by uscc`),
    enterpriseNames: async (usccs) =>
      new Map(
        usccs.length === 0
          ? []
          : (
              await db
                .select({ uscc: enterprises.uscc, name: enterprises.name })
                .from(enterprises)
                .where(inArray(enterprises.uscc, [...usccs]))
            ).map((r) => [r.uscc, r.name]),
      ),
    personName: async (localId) => (await rows<{ name: string }>(sql`select name from people where local_id = ${localId}`))[0]?.name,
    auditCount: async (action) => (await rows<{ n: number }>(sql`select count(*)::int as n from audit_log where action = ${action}`))[0]!.n,
    addLeader: async (localId, name) => {
      const [leader] = await rows<{ agencyId: number }>(sql`select agency_id as "agencyId" from people where local_id = 'leader'`);
      const id = await addStaff(db, leader!.agencyId, { name, role: 'leader', unit: '局领导' }, new Date());
      await db.execute(sql`insert into accounts (person_id, platform, account_id, linked_by) values (${id}, 'local', ${localId}, 'test')`);
      return id;
    },
    recusals: () => rows(sql`select id, task_id as "taskId", kind, status, replacement_no as "replacementNo" from recusals order by id`),
    verifyAudit: () => verifyAuditChain(db),
  };
}

function memoryData(memory: MemoryDatabase): TestData {
  const t = () => memory.committed;
  const sizes = { tasks: 'tasks', findings: 'findings', draws: 'draws', draw_lots: 'drawLots', outbox: 'outbox' } as const;
  return {
    count: async (table) => t()[sizes[table]].size,
    taskOfficers: async () =>
      [...t().taskOfficers.values()]
        .sort((a, b) => a.id - b.id)
        .map((o) => {
          const task = t().tasks.get(o.taskId)!;
          const localId = t().people.get(o.personId)!.localId;
          return { officerId: o.id, taskId: task.id, drawId: task.drawId, ordinal: task.ordinal, localId, replacementNo: o.replacementNo };
        }),
    tasks: async (drawId) =>
      [...t().tasks.values()]
        .filter((x) => drawId === undefined || x.drawId === drawId)
        .sort((a, b) => a.id - b.id)
        .map(({ id, drawId, ordinal, uscc, enterpriseName, industry, status, publicationDue, publicationDueProvisional }) => ({
          id,
          drawId,
          ordinal,
          uscc,
          enterpriseName,
          industry,
          status,
          publicationDue,
          publicationDueProvisional,
        })),
    draws: async () => [...t().draws.values()].sort((a, b) => a.id - b.id).map((d) => ({ drawNo: d.drawNo, status: d.status })),
    directory: async () =>
      [...t().enterprises.values()]
        .map(({ uscc, name, industry, status, keySupervision }) => ({ uscc, name, industry, status, keySupervision }))
        .sort((a, b) => (a.uscc < b.uscc ? -1 : a.uscc > b.uscc ? 1 : 0)),
    enterpriseNames: async (usccs) => new Map([...t().enterprises.values()].filter((e) => usccs.includes(e.uscc)).map((e) => [e.uscc, e.name])),
    personName: async (localId) => [...t().people.values()].find((p) => p.localId === localId)?.name,
    auditCount: async (action) => [...t().auditLog.values()].filter((e) => e.action === action).length,
    addLeader: (localId, name) =>
      memory.transaction(async (tx) => {
        const agencyId = [...tx.read('people').values()].find((p) => p.localId === 'leader')!.agencyId;
        const id = memoryLoad.addPerson(tx, { agencyId, name, role: 'leader', unit: '局领导', localId }, new Date());
        memoryLoad.addAccount(tx, { personId: id, platform: 'local', accountId: localId, linkedBy: 'test' }, new Date());
        return id;
      }),
    recusals: async () =>
      [...t().recusals.values()]
        .sort((a, b) => a.id - b.id)
        .map(({ id, taskId, kind, status, replacementNo }) => ({ id, taskId, kind, status, replacementNo })),
    verifyAudit: async () => verifyMemoryAuditChain(t()),
  };
}

/** The TestData of a backend: the in-memory store's tables or the database's SQL. */
export function testData(backend: Backend & { memory?: MemoryDatabase }): TestData {
  if (backend.memory) return memoryData(backend.memory);
  if (!backend.database) throw new Error(`no test data for a ${backend.driver} backend`);
  return sqlData(backend.database.db);
}
