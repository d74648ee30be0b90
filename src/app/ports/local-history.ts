import type { CardView } from '../views/card-view';

/** A file in the local chat: its name and bytes (base64). */
export interface LocalFile {
  name: string;
  size: number;
  base64: string;
}

/** One message of the local chat simulator, as the page shows it. */
export interface LocalMessage {
  id: string;
  /** `group`, or `dm:<localId>` for a person's direct chat with the bot. */
  conversation: string;
  /** `bot`, or the localId of the person who typed it. */
  from: string;
  text?: string;
  card?: CardView;
  file?: LocalFile;
  at: string;
  /** Bumped on every card update, so the page re-renders only what changed. */
  version: number;
}

export type NewLocalMessage = Omit<LocalMessage, 'id' | 'version'>;

/**
 * Where the local chat keeps its conversations, so that a restart on the same data loses
 * nothing a person saw: the same messages come back with the same ids, and the cards' buttons
 * (which name their message id) keep working.
 */
export interface LocalHistory {
  /** The newest `limit` messages, oldest first. */
  recent(limit: number): Promise<LocalMessage[]>;
  /**
   * Stores a new message and returns it with its id. With an `idempotencyKey` already stored
   * (an outbox row sent again after a crash), nothing is added and the earlier message returns.
   */
  append(message: NewLocalMessage, idempotencyKey?: string): Promise<LocalMessage>;
  /** Replaces a message's card; returns the new version, or undefined when there is no such message. */
  updateCard(id: string, card: CardView): Promise<number | undefined>;
}

/** A history kept in memory only (for tests of the messenger on its own). */
export function memoryLocalHistory(): LocalHistory {
  const rows: LocalMessage[] = [];
  const byKey = new Map<string, LocalMessage>();
  return {
    recent: async (limit) => rows.slice(-limit).map((m) => ({ ...m })),
    async append(message, key) {
      const known = key ? byKey.get(key) : undefined;
      if (known) return { ...known };
      const row = { ...message, id: `m${rows.length + 1}`, version: 1 };
      rows.push(row);
      if (key) byKey.set(key, row);
      return { ...row };
    },
    async updateCard(id, card) {
      const row = rows.find((m) => m.id === id);
      if (!row) return undefined;
      row.card = card;
      return ++row.version;
    },
  };
}
