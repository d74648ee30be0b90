import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../database';

/**
 * This installation's id: made once (12 hex digits) in the `installation` table, then read back.
 * Two instances starting together on a new database agree on one (the insert is a no-op when a
 * row is there). A reset database gets a new id, so its idempotency keys differ from the old ones.
 */
export async function installationId(db: DbOrTx): Promise<string> {
  await db.execute(sql`insert into installation (singleton, id) values (true, ${randomBytes(6).toString('hex')}) on conflict (singleton) do nothing`);
  const [row] = rowsOf<{ id: string }>(await db.execute(sql`select id from installation where singleton`));
  if (!row) throw new Error('installation id missing after insert');
  return row.id;
}
