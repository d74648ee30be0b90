/**
 * The outbox claim with 4 000 messages pending in one chat (every reply of a busy group goes to
 * the same recipient), and with 5 000 chats waiting one message each (every sender of a burst
 * answered in his direct chat): indexed lookups per chat head, whose work grows neither with the
 * rows queued behind each head nor with the chats waiting. The earlier claim compared every pending row with every earlier one
 * (about 8 million rows discarded at 4 000 on PostgreSQL). Checked on the plan the database runs
 * (`EXPLAIN ANALYZE`, rolled back), by the rows it reads, never by time: the time is
 * `npm run bench -- outbox-claim`.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../src/db/client';
import { CLAIM_WINDOW, outboxDeliveryRepo } from '../../src/db/repos/outbox-delivery-repo';
import { describeEachDb, openTestDatabase } from '../support/test-db';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

const PENDING = 4000;
const OTHER_CHATS = 7;
const MANY_CHATS = 5000;

/** Rows the plan read from the outbox, and rows it read only to throw away. */
function work(plan: PlanNode) {
  const onOutbox = nodes(plan).filter((n) => n['Relation Name'] === 'outbox' && n['Node Type'].endsWith('Scan'));
  return {
    scans: onOutbox,
    read: onOutbox.reduce((sum, n) => sum + (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1), 0),
    removed: nodes(plan).reduce((sum, n) => sum + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Join Filter'] ?? 0), 0),
  };
}

/**
 * The claim's statements' plans as run (inside a transaction rolled back, so the rows stay
 * pending). The first statement's answer is made to say its window was full and found nothing,
 * so that the second, the loose index scan, runs and is planned too.
 */
async function claimPlans(database: Database): Promise<PlanNode[]> {
  const plans: PlanNode[] = [];
  const rollback = new Error('rollback');
  await database.db
    .transaction(async (tx) => {
      const repo = outboxDeliveryRepo({
        ...tx,
        execute: async (query: Parameters<typeof tx.execute>[0]) => {
          const [row] = rowsOf<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> | string }>(await tx.execute(sql`explain (analyze, format json) ${query}`));
          const json = row!['QUERY PLAN'];
          plans.push((typeof json === 'string' ? (JSON.parse(json) as Array<{ Plan: PlanNode }>) : json)[0]!.Plan);
          return (plans.length === 1 ? [{ id: null, window_rows: CLAIM_WINDOW }] : []) as never;
        },
      } as unknown as typeof tx);
      const now = new Date();
      await repo.claimDue(now, new Date(now.getTime() + 60_000), 20, 'plan-test');
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return plans;
}

describeEachDb('outbox claim at 4 000 pending in one chat', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await database.db.execute(sql`insert into outbox (platform, recipient_kind, recipient_id, message, idempotency_key, next_attempt_at)
      select 'feishu', 'chat', case when g % 50 = 0 then 'oc_other_' || (g % ${OTHER_CHATS}) else 'oc_busy' end, '{"type":"text","text":"x"}'::jsonb,
        'plan:' || g, now() - interval '1 minute'
      from generate_series(1, ${PENDING}) g`);
    await database.db.execute(sql`analyze outbox`);
  });
  afterAll(() => database?.close());

  it('reads each chat head by index, not the rows queued behind it', async () => {
    const [inWindow, loose] = await claimPlans(database);
    for (const plan of [inWindow!, loose!]) {
      const { scans } = work(plan);
      expect(scans.length).toBeGreaterThan(0);
      expect(scans.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
      expect(scans.every((n) => n['Index Name'] !== undefined)).toBe(true);
    }
    // The window: its rows and one probe each, however many wait (the old claim: millions); what
    // it drops are the window's rows queued behind their head.
    expect(work(inWindow!).read).toBeLessThan(3 * CLAIM_WINDOW);
    expect(work(inWindow!).removed).toBeLessThanOrEqual(CLAIM_WINDOW);
    // The loose scan over eight chats: a few probes per head, whatever waits behind it.
    expect(work(loose!).removed).toBeLessThan(50);
    expect(work(loose!).read).toBeLessThan(20 * (OTHER_CHATS + 1));
    // And it claims every chat's head: six in the window, the other two by the loose scan.
    const claimed = await outboxDeliveryRepo(database.db).claimDue(new Date(), new Date(Date.now() + 60_000), 20, 'plan-test');
    expect(claimed.map((c) => c.to.id).sort()).toEqual(['oc_busy', ...Array.from({ length: OTHER_CHATS }, (_, i) => `oc_other_${i}`)].sort());
  });
});

describeEachDb('outbox claim with 5 000 chats waiting', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await database.db.execute(sql`insert into outbox (platform, recipient_kind, recipient_id, message, idempotency_key, next_attempt_at)
      select 'feishu', 'user', 'ou_' || g, '{"type":"text","text":"x"}'::jsonb, 'many:' || g, now() - interval '1 minute'
      from generate_series(1, ${MANY_CHATS}) g`);
    await database.db.execute(sql`analyze outbox`);
  });
  afterAll(() => database?.close());

  it('finds the heads in the window, at a cost that does not grow with the chats', async () => {
    const [inWindow] = await claimPlans(database);
    expect(work(inWindow!).scans.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(work(inWindow!).read).toBeLessThan(3 * CLAIM_WINDOW);
    // For real: one statement, the twenty oldest heads.
    let statements = 0;
    const counted = new Proxy(database.db, {
      get: (target, name, receiver) =>
        name === 'execute'
          ? (...args: Parameters<typeof target.execute>) => {
              statements++;
              return target.execute(...args);
            }
          : Reflect.get(target, name, receiver),
    });
    const claimed = await outboxDeliveryRepo(counted).claimDue(new Date(), new Date(Date.now() + 60_000), 20, 'plan-test');
    expect(statements).toBe(1);
    expect(claimed.map((c) => c.to.id)).toEqual(Array.from({ length: 20 }, (_, i) => `ou_${i + 1}`));
  });
});
