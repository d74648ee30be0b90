import { and, asc, eq, or } from 'drizzle-orm';
import type { Repos } from '../../app/ports/store';
import type { DbOrTx } from '../database';
import { accounts, chats, people } from '../schema';
import { personColumns } from './directory-repo';

/** Accounts and chats, written only on an administrator's command (chat or CLI). */
export function accountRepo(tx: DbOrTx): Repos['accounts'] {
  return {
    async findPeople(key, agencyId) {
      const match = or(eq(people.localId, key), eq(people.certificateNo, key), eq(people.name, key));
      return tx
        .select(personColumns)
        .from(people)
        .where(agencyId === undefined ? match : and(eq(people.agencyId, agencyId), match))
        .orderBy(asc(people.id));
    },
    async ownerOf(platform, accountId) {
      const [row] = await tx
        .select({ personId: accounts.personId })
        .from(accounts)
        .where(and(eq(accounts.platform, platform), eq(accounts.accountId, accountId)));
      return row?.personId;
    },
    async link(personId, platform, accountId, linkedBy) {
      const replaced = await tx
        .delete(accounts)
        .where(and(eq(accounts.personId, personId), eq(accounts.platform, platform)))
        .returning({ accountId: accounts.accountId });
      await tx.insert(accounts).values({ personId, platform, accountId, linkedBy });
      return replaced.map((r) => r.accountId).filter((id) => id !== accountId);
    },
    async unlink(personId, platform) {
      const removed = await tx
        .delete(accounts)
        .where(and(eq(accounts.personId, personId), eq(accounts.platform, platform)))
        .returning({ accountId: accounts.accountId });
      return removed.map((r) => r.accountId);
    },
    async roster(agencyId, platform) {
      return tx
        .select({ ...personColumns, accountId: accounts.accountId })
        .from(people)
        .leftJoin(accounts, and(eq(accounts.personId, people.id), eq(accounts.platform, platform)))
        .where(eq(people.agencyId, agencyId))
        .orderBy(asc(people.id));
    },
    async bindChat(agencyId, platform, chatId, boundBy) {
      const rows = await tx.insert(chats).values({ agencyId, platform, chatId, boundBy }).onConflictDoNothing().returning({ id: chats.id });
      return rows.length === 1;
    },
    async chatsOf(agencyId, platform) {
      const rows = await tx
        .select({ chatId: chats.chatId })
        .from(chats)
        .where(and(eq(chats.agencyId, agencyId), eq(chats.platform, platform)))
        .orderBy(asc(chats.id));
      return rows.map((r) => r.chatId);
    },
  };
}
