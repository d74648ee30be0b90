/**
 * One implementation of the store ports under the contract (test/db/contract/*.case.ts), with
 * what the ports cannot do themselves: write a directory (imports and seeds do that outside the
 * ports) and read back what is only ever written through them (the outbox, the audit log, a
 * frozen lot's text).
 */
import { asc, eq, like } from 'drizzle-orm';
import { fixedClock } from '../../../src/app/ports/clock';
import type { Platform } from '../../../src/app/ports/messenger';
import type { OutboxDelivery } from '../../../src/app/ports/outbox';
import type { Role, Store } from '../../../src/app/ports/store';
import { CHECK_ITEMS, legalBasisText } from '../../../src/domain/catalog/check-items';
import type { ChainCheck } from '../../../src/domain/audit/audit-chain';
import type { Enterprise } from '../../../src/domain/model';
import type { Database } from '../../../src/db/client';
import { createMemoryStore, MemoryDatabase, memoryLoad, memoryOutboxDelivery, verifyMemoryAuditChain } from '../../../src/db/memory';
import { ensureMemoryCatalog } from '../../../src/db/memory/seed';
import { verifyAuditChain } from '../../../src/db/repos/audit-repo';
import { outboxDeliveryRepo } from '../../../src/db/repos/outbox-delivery-repo';
import { accounts, agencies, auditLog, chats, drawLots, enterprises, externalInspections, outbox, people } from '../../../src/db/schema';
import { ensureCatalog } from '../../../src/db/seed/catalog';
import { createDrizzleStore } from '../../../src/db/store';
import { openTestDatabase, type DbKind } from '../../support/test-db';

export type ImplementationKind = 'memory' | DbKind;

export interface FixturePerson {
  name: string;
  role: Role;
  unit?: string;
  certificateNo?: string;
  certificateValidUntil?: string;
  expertise?: string[];
  onDuty?: boolean;
  conflicts?: string[];
  localId?: string;
}

/** A directory to write: one agency, its people (with their accounts), enterprises, others' inspections, bound chats. */
export interface Fixture {
  agency: { name: string; shortName: string; yearlyCap?: number; cooldownMonths?: number; groupSize?: number };
  people?: FixturePerson[];
  enterprises?: Enterprise[];
  inspections?: Array<{ uscc: string; date: string; department: string; random: boolean }>;
  accounts?: Array<{ person: number; platform: Platform; accountId: string }>;
  chats?: Array<{ platform: Platform; chatId: string }>;
}

export interface OutboxProbeRow {
  id: number;
  idempotencyKey: string;
  recipientId: string;
  cardKey: string | null;
  status: string;
  message: unknown;
}

export interface Harness {
  kind: ImplementationKind;
  clock: ReturnType<typeof fixedClock>;
  store: Store;
  outboxQueue: OutboxDelivery;
  /** Writes the fixture; the agency's id and the people's ids in fixture order. */
  seed(fixture: Fixture): Promise<{ agencyId: number; people: number[] }>;
  /** Outbox rows whose idempotency key starts with `prefix`, in id order. */
  outbox(prefix: string): Promise<OutboxProbeRow[]>;
  /** Audit entries (action, subject, data) whose subject starts with `prefix`, in id order. */
  audit(prefix: string): Promise<Array<{ action: string; subject: string; data: unknown; at: Date }>>;
  verifyAudit(): Promise<ChainCheck>;
  lotBody(lotId: number): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The clock of every case at its start. */
export const START = '2026-03-02T01:30:00Z';

async function memoryHarness(): Promise<Harness> {
  const memory = new MemoryDatabase();
  const clock = fixedClock(START);
  await ensureMemoryCatalog(memory);
  const t = () => memory.committed;
  return {
    kind: 'memory',
    clock,
    store: createMemoryStore(memory, clock),
    outboxQueue: memoryOutboxDelivery(memory),
    seed: (f) =>
      memory.transaction(async (tx) => {
        const at = clock.now();
        const agencyId = memoryLoad.addAgency(tx, f.agency, at);
        const ids = (f.people ?? []).map((p) => memoryLoad.addPerson(tx, { ...p, agencyId }, at));
        for (const e of f.enterprises ?? []) memoryLoad.addEnterprise(tx, agencyId, e, at);
        for (const x of f.inspections ?? []) memoryLoad.addExternalInspection(tx, { ...x, agencyId });
        for (const a of f.accounts ?? [])
          memoryLoad.addAccount(tx, { personId: ids[a.person]!, platform: a.platform, accountId: a.accountId, linkedBy: 'test' }, at);
        for (const c of f.chats ?? []) memoryLoad.addChat(tx, { agencyId, ...c, boundBy: 'test' }, at);
        return { agencyId, people: ids };
      }),
    outbox: async (prefix) =>
      [...t().outbox.values()]
        .filter((o) => o.idempotencyKey.startsWith(prefix))
        .sort((a, b) => a.id - b.id)
        .map((o) => ({ id: o.id, idempotencyKey: o.idempotencyKey, recipientId: o.recipientId, cardKey: o.cardKey, status: o.status, message: o.message })),
    audit: async (prefix) =>
      [...t().auditLog.values()]
        .filter((e) => e.subject.startsWith(prefix))
        .sort((a, b) => a.id - b.id)
        .map((e) => ({ action: e.action, subject: e.subject, data: e.data, at: e.at })),
    verifyAudit: async () => verifyMemoryAuditChain(t()),
    lotBody: async (lotId) => t().drawLots.get(lotId)?.body,
    close: async () => {},
  };
}

async function sqlHarness(kind: DbKind): Promise<Harness> {
  const database: Database = await openTestDatabase(kind);
  const { db } = database;
  const clock = fixedClock(START);
  await ensureCatalog(db);
  return {
    kind,
    clock,
    store: createDrizzleStore(db, clock),
    outboxQueue: outboxDeliveryRepo(db),
    seed: (f) =>
      db.transaction(async (tx) => {
        const [agency] = await tx.insert(agencies).values(f.agency).returning({ id: agencies.id });
        const agencyId = agency!.id;
        const ids: number[] = [];
        // One at a time: ids in fixture order.
        for (const p of f.people ?? [])
          ids.push(
            (
              await tx
                .insert(people)
                .values({ ...p, agencyId })
                .returning({ id: people.id })
            )[0]!.id,
          );
        if (f.enterprises?.length) await tx.insert(enterprises).values(f.enterprises.map((e) => ({ ...e, agencyId })));
        if (f.inspections?.length) await tx.insert(externalInspections).values(f.inspections.map((x) => ({ ...x, agencyId })));
        for (const a of f.accounts ?? [])
          await tx.insert(accounts).values({ personId: ids[a.person]!, platform: a.platform, accountId: a.accountId, linkedBy: 'test' });
        for (const c of f.chats ?? []) await tx.insert(chats).values({ agencyId, ...c, boundBy: 'test' });
        return { agencyId, people: ids };
      }),
    outbox: async (prefix) =>
      db
        .select({
          id: outbox.id,
          idempotencyKey: outbox.idempotencyKey,
          recipientId: outbox.recipientId,
          cardKey: outbox.cardKey,
          status: outbox.status,
          message: outbox.message,
        })
        .from(outbox)
        .where(like(outbox.idempotencyKey, `${prefix}%`))
        .orderBy(asc(outbox.id)),
    audit: async (prefix) =>
      db
        .select({ action: auditLog.action, subject: auditLog.subject, data: auditLog.data, at: auditLog.at })
        .from(auditLog)
        .where(like(auditLog.subject, `${prefix}%`))
        .orderBy(asc(auditLog.id)),
    verifyAudit: () => verifyAuditChain(db),
    lotBody: async (lotId) => (await db.select({ body: drawLots.body }).from(drawLots).where(eq(drawLots.id, lotId)))[0]?.body,
    close: () => database.close(),
  };
}

export function openHarness(kind: ImplementationKind): Promise<Harness> {
  return kind === 'memory' ? memoryHarness() : sqlHarness(kind);
}

/** The plan's check items in their order (what ensureCatalog writes). */
export const CATALOG = CHECK_ITEMS.map((c) => ({ code: c.code, title: c.title, content: c.text, legalBasis: legalBasisText(c) }));
