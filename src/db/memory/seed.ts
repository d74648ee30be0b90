import { CHECK_ITEMS, legalBasisText } from '../../domain/catalog/check-items';
import { buildDemoDataset, demoPeopleRows, demoSeededEntry, LOCAL_GROUP_CHAT_ID } from '../../domain/demo/demo-dataset';
import type { IsoDate } from '../../domain/model';
import { appendAudit } from './audit-repo';
import { addAccount, addAgency, addChat, addEnterprise, addPerson, putCheckItem } from './load';
import type { MemoryDatabase } from './memory-database';

/** The plan's ten check items (as `ensureCatalog` writes them). */
export function ensureMemoryCatalog(memory: MemoryDatabase): Promise<void> {
  return memory.transaction(async (tx) => {
    for (const c of CHECK_ITEMS) putCheckItem(tx, { code: c.code, title: c.title, content: c.text, legalBasis: legalBasisText(c), sort: c.no });
  });
}

/** The fictional 偃师区 demo data, only into an empty store (as `seedDemoIfEmpty` loads it into a database). */
export function seedMemoryDemoIfEmpty(memory: MemoryDatabase, referenceDate: IsoDate, at: Date): Promise<{ seeded: boolean; reason?: string }> {
  return memory.transaction(async (tx) => {
    if (tx.read('agencies').size > 0) return { seeded: false, reason: 'the store already holds an agency' };
    const data = buildDemoDataset({ referenceDate });
    const agencyId = addAgency(tx, { ...data.agency, isDemo: true }, at);
    for (const e of data.enterprises) addEnterprise(tx, agencyId, e, at);
    for (const p of demoPeopleRows(data, agencyId)) {
      const personId = addPerson(tx, p, at);
      addAccount(tx, { personId, platform: 'local', accountId: p.localId, linkedBy: 'demo-seed' }, at);
    }
    addChat(tx, { agencyId, platform: 'local', chatId: LOCAL_GROUP_CHAT_ID, boundBy: 'demo-seed' }, at);
    appendAudit(tx, demoSeededEntry(data, agencyId, referenceDate, at));
    return { seeded: true };
  });
}
