/**
 * The outbox claim with 4 000 messages pending in one chat (every reply of a busy group goes to
 * the same recipient): an indexed lookup per chat head, whose work does not grow with the rows
 * queued behind each head. The earlier claim compared every pending row with every earlier one
 * (about 8 million rows discarded at 4 000 on PostgreSQL). Checked on the plan the database runs
 * (`EXPLAIN ANALYZE`, rolled back), by the rows it reads, never by time: the time is
 * `npm run bench -- outbox-claim`.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../src/db/client';
import { outboxDeliveryRepo } from '../../src/db/repos/outbox-delivery-repo';
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

  /** The claim's plan as run (inside a transaction rolled back, so the rows stay pending). */
  async function claimPlan(): Promise<PlanNode> {
    let plan: PlanNode | undefined;
    const rollback = new Error('rollback');
    await database.db
      .transaction(async (tx) => {
        const repo = outboxDeliveryRepo({
          ...tx,
          execute: async (query: Parameters<typeof tx.execute>[0]) => {
            const [row] = rowsOf<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> | string }>(await tx.execute(sql`explain (analyze, format json) ${query}`));
            const json = row!['QUERY PLAN'];
            plan = (typeof json === 'string' ? (JSON.parse(json) as Array<{ Plan: PlanNode }>) : json)[0]!.Plan;
            return [] as never;
          },
        } as unknown as typeof tx);
        const now = new Date();
        await repo.claimDue(now, new Date(now.getTime() + 60_000), 20, 'plan-test');
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    return plan!;
  }

  it('reads each chat head by index, not the rows queued behind it', async () => {
    const plan = await claimPlan();
    // The scans of the table (the update itself is a ModifyTable node over the rows they found).
    const onOutbox = nodes(plan).filter((n) => n['Relation Name'] === 'outbox' && n['Node Type'].endsWith('Scan'));
    expect(onOutbox.length).toBeGreaterThan(0);
    expect(onOutbox.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(onOutbox.every((n) => n['Index Name'] !== undefined)).toBe(true);
    const removed = nodes(plan).reduce((sum, n) => sum + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Join Filter'] ?? 0), 0);
    const read = onOutbox.reduce((sum, n) => sum + (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 1), 0);
    // Eight chats: a few probes per head, whatever waits behind it (the old claim: millions).
    expect(removed).toBeLessThan(50);
    expect(read).toBeLessThan(20 * (OTHER_CHATS + 1));
    // And it claims every chat's head.
    const claimed = await outboxDeliveryRepo(database.db).claimDue(new Date(), new Date(Date.now() + 60_000), 20, 'plan-test');
    expect(claimed.map((c) => c.to.id).sort()).toEqual(['oc_busy', ...Array.from({ length: OTHER_CHATS }, (_, i) => `oc_other_${i}`)].sort());
  });
});
