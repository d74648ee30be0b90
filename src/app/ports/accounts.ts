import type { Person } from './directory';
import type { Platform } from './messenger';

/** Messenger accounts and bound chats; changed by administrators only (chat commands or CLI). */
export interface AccountRepo {
  /** People whose local id, certificate number or name is `key`, in one agency or in all. */
  findPeople(key: string, agencyId?: number): Promise<Person[]>;
  /** The person an account is linked to. */
  ownerOf(platform: Platform, accountId: string): Promise<number | undefined>;
  /** Links the account, replacing the person's earlier account on that platform; returns the replaced ids. */
  link(personId: number, platform: Platform, accountId: string, linkedBy: string): Promise<string[]>;
  /** Removes the person's accounts on that platform; returns the removed ids. */
  unlink(personId: number, platform: Platform): Promise<string[]>;
  /** The agency's people with their account on that platform (null when none), by id. */
  roster(agencyId: number, platform: Platform): Promise<Array<Person & { accountId: string | null }>>;
  /** Binds a chat to an agency; false when the chat was bound already (to any agency). */
  bindChat(agencyId: number, platform: Platform, chatId: string, boundBy: string): Promise<boolean>;
  chatsOf(agencyId: number, platform: Platform): Promise<string[]>;
}
