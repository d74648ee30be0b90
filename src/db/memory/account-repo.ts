import type { Clock } from '../../app/ports/clock';
import type { Repos } from '../../app/ports/store';
import type { MemoryTx } from './memory-database';
import { ensureUnique, ForeignKeyViolation, sortedBy, toPerson } from './values';

/** Accounts and chats, written only on an administrator's command (chat or CLI). */
export function accountRepo(tx: MemoryTx, clock: Clock): Repos['accounts'] {
  const accounts = () => sortedBy(tx.read('accounts').values(), (a) => a.id);
  const removeAccounts = (personId: number, platform: string) => {
    const gone = accounts().filter((a) => a.personId === personId && a.platform === platform);
    for (const a of gone) tx.delete('accounts', a.id);
    return gone.map((a) => a.accountId);
  };
  return {
    async findPeople(key, agencyId) {
      return sortedBy(tx.read('people').values(), (p) => p.id)
        .filter((p) => (agencyId === undefined || p.agencyId === agencyId) && (p.localId === key || p.certificateNo === key || p.name === key))
        .map(toPerson);
    },
    async ownerOf(platform, accountId) {
      return accounts().find((a) => a.platform === platform && a.accountId === accountId)?.personId;
    },
    async link(personId, platform, accountId, linkedBy) {
      if (!tx.read('people').has(personId)) throw new ForeignKeyViolation('accounts_person_id_people_id_fk');
      const replaced = removeAccounts(personId, platform);
      ensureUnique(tx.read('accounts').values(), (a) => a.platform === platform && a.accountId === accountId, 'accounts_platform_account_uq');
      const id = tx.nextId('accounts');
      tx.put('accounts', id, { id, personId, platform, accountId, linkedBy, linkedAt: clock.now() });
      return replaced.filter((id) => id !== accountId);
    },
    async unlink(personId, platform) {
      return removeAccounts(personId, platform);
    },
    async roster(agencyId, platform) {
      const people = sortedBy(tx.read('people').values(), (p) => p.id).filter((p) => p.agencyId === agencyId);
      return people.flatMap((p) => {
        const mine: Array<string | null> = accounts()
          .filter((a) => a.personId === p.id && a.platform === platform)
          .map((a) => a.accountId);
        return (mine.length === 0 ? [null] : mine).map((accountId) => ({ ...toPerson(p), accountId }));
      });
    },
    async bindChat(agencyId, platform, chatId, boundBy) {
      if ([...tx.read('chats').values()].some((c) => c.platform === platform && c.chatId === chatId)) return false;
      if (!tx.read('agencies').has(agencyId)) throw new ForeignKeyViolation('chats_agency_id_agencies_id_fk');
      const id = tx.nextId('chats');
      tx.put('chats', id, { id, agencyId, platform, chatId, boundBy, boundAt: clock.now() });
      return true;
    },
    async chatsOf(agencyId, platform) {
      return sortedBy(tx.read('chats').values(), (c) => c.id)
        .filter((c) => c.agencyId === agencyId && c.platform === platform)
        .map((c) => c.chatId);
    },
  };
}
