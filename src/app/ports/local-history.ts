import type { CardView } from '../views/card-view';
import type { OutgoingFile } from './messenger';

/** A file the bot sent, as the page lists it (its bytes are fetched by {@link LocalHistory.file}). */
export interface LocalFileInfo {
  name: string;
  mediaType: string;
  /** Bytes. */
  size: number;
}

/** The byte length of base64 text. */
export function base64Size(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
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
  file?: LocalFileInfo;
  at: string;
  /** Bumped on every card update, so the page re-renders only what changed. */
  version: number;
}

/** A message to store: a file with its bytes. */
export type NewLocalMessage = Omit<LocalMessage, 'id' | 'version' | 'file'> & { file?: OutgoingFile };

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
  /** The file a message carries, with its bytes; undefined when there is no such message or it has no file. */
  file(id: string): Promise<OutgoingFile | undefined>;
}

/** What the page shows of a stored message's file. */
export function fileInfo(file: OutgoingFile): LocalFileInfo {
  return { name: file.name, mediaType: file.mediaType, size: base64Size(file.base64) };
}

/** A history kept in memory only (for tests of the messenger on its own). */
export function memoryLocalHistory(): LocalHistory {
  const rows: LocalMessage[] = [];
  const byKey = new Map<string, LocalMessage>();
  const files = new Map<string, OutgoingFile>();
  return {
    recent: async (limit) => rows.slice(-limit).map((m) => ({ ...m })),
    async append(message, key) {
      const known = key ? byKey.get(key) : undefined;
      if (known) return { ...known };
      const { file, ...rest } = message;
      const row: LocalMessage = { ...rest, ...(file ? { file: fileInfo(file) } : {}), id: `m${rows.length + 1}`, version: 1 };
      if (file) files.set(row.id, { ...file });
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
    file: async (id) => {
      const f = files.get(id);
      return f && { ...f };
    },
  };
}
