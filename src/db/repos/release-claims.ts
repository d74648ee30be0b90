import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../database';

/**
 * Gives back the claims of a stopping worker on one of the leased queues (the inbox, the
 * outbox): due again at once, and the attempt it had counted is not held against the row.
 */
export async function releaseClaims(
  db: DbOrTx,
  queue: { table: 'inbox_events' | 'outbox'; busy: 'processing' | 'sending' },
  claimedBy: string,
): Promise<number> {
  const result = await db.execute(sql`
    with r as (
      update ${sql.identifier(queue.table)} set status = 'pending', locked_until = null, claimed_by = null, attempts = greatest(attempts - 1, 0)
      where status = ${queue.busy} and claimed_by = ${claimedBy} returning 1
    ) select count(*)::int as n from r`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}
