import { count } from 'drizzle-orm';
import { buildDemoDataset, demoPeopleRows, demoSeededEntry, LOCAL_GROUP_CHAT_ID } from '../../domain/demo/demo-dataset';
import type { IsoDate } from '../../domain/model';
import type { Db } from '../database';
import { appendAudit } from '../repos/audit-repo';
import { accounts, agencies, chats, enterprises, people } from '../schema';

/**
 * Loads the fictional 偃师区 demo data, only into an empty database: a database with any agency
 * is left alone, so demo data never lands on real data.
 */
export async function seedDemoIfEmpty(db: Db, referenceDate: IsoDate, at: Date): Promise<{ seeded: boolean; reason?: string }> {
  const [row] = await db.select({ n: count() }).from(agencies);
  if ((row?.n ?? 0) > 0) return { seeded: false, reason: 'the database already holds an agency' };
  const data = buildDemoDataset({ referenceDate });
  await db.transaction(async (tx) => {
    const [agency] = await tx
      .insert(agencies)
      .values({ ...data.agency, isDemo: true })
      .returning({ id: agencies.id });
    const agencyId = agency!.id;
    for (let i = 0; i < data.enterprises.length; i += 500) {
      await tx.insert(enterprises).values(data.enterprises.slice(i, i + 500).map((e) => ({ ...e, agencyId })));
    }
    const inserted = await tx.insert(people).values(demoPeopleRows(data, agencyId)).returning({ id: people.id, localId: people.localId });
    await tx.insert(accounts).values(inserted.map((p) => ({ personId: p.id, platform: 'local', accountId: p.localId!, linkedBy: 'demo-seed' })));
    await tx.insert(chats).values({ agencyId, platform: 'local', chatId: LOCAL_GROUP_CHAT_ID, boundBy: 'demo-seed' });
    await appendAudit(tx, demoSeededEntry(data, agencyId, referenceDate, at));
  });
  return { seeded: true };
}
