import { desc, eq, sql } from 'drizzle-orm';
import type { LocalHistory, LocalMessage } from '../../app/ports/local-history';
import type { Db } from '../client';
import { localMessages } from '../schema';

/** A file's name, type and size, not its bytes: the page's list never carries them. */
const columns = {
  id: localMessages.id,
  conversation: localMessages.conversation,
  sender: localMessages.sender,
  text: localMessages.text,
  card: localMessages.card,
  fileName: sql<string | null>`${localMessages.file} ->> 'name'`,
  fileType: sql<string | null>`${localMessages.file} ->> 'mediaType'`,
  fileBase64Length: sql<number | null>`length(${localMessages.file} ->> 'base64')`,
  fileBase64Tail: sql<string | null>`right(${localMessages.file} ->> 'base64', 2)`,
  version: localMessages.version,
  at: localMessages.at,
};

interface Row {
  id: number;
  conversation: string;
  sender: string;
  text: string | null;
  card: LocalMessage['card'] | null;
  fileName: string | null;
  fileType: string | null;
  fileBase64Length: number | string | null;
  fileBase64Tail: string | null;
  version: number;
  at: Date;
}

function toMessage(r: Row): LocalMessage {
  const padding = r.fileBase64Tail === '==' ? 2 : r.fileBase64Tail?.endsWith('=') ? 1 : 0;
  return {
    id: `m${r.id}`,
    conversation: r.conversation,
    from: r.sender,
    ...(r.text !== null ? { text: r.text } : {}),
    ...(r.card !== null ? { card: r.card } : {}),
    ...(r.fileName !== null
      ? { file: { name: r.fileName, mediaType: r.fileType ?? '', size: Math.floor((Number(r.fileBase64Length) * 3) / 4) - padding } }
      : {}),
    at: new Date(r.at).toISOString(),
    version: r.version,
  };
}

/** `m42` → 42; anything else is no id of ours. */
function rowId(id: string): number | undefined {
  const m = /^m(\d{1,15})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** The local chat's history in `local_messages`; ids are the serial, so they never repeat across restarts. */
export function localHistoryRepo(db: Db): LocalHistory {
  return {
    async recent(limit) {
      const rows = await db.select(columns).from(localMessages).orderBy(desc(localMessages.id)).limit(limit);
      return rows.reverse().map(toMessage);
    },
    async append(message, idempotencyKey) {
      const values = {
        conversation: message.conversation,
        sender: message.from,
        text: message.text ?? null,
        card: message.card ?? null,
        file: message.file ?? null,
        at: new Date(message.at),
        idempotencyKey: idempotencyKey ?? null,
      };
      const [row] = await db.insert(localMessages).values(values).onConflictDoNothing().returning(columns);
      if (row) return toMessage(row);
      const [known] = await db.select(columns).from(localMessages).where(eq(localMessages.idempotencyKey, idempotencyKey!));
      if (!known) throw new Error(`local message with key ${idempotencyKey} neither inserted nor found`);
      return toMessage(known);
    },
    async file(id) {
      const n = rowId(id);
      if (n === undefined) return undefined;
      const [row] = await db.select({ file: localMessages.file }).from(localMessages).where(eq(localMessages.id, n));
      return row?.file ?? undefined;
    },
    async updateCard(id, card) {
      const n = rowId(id);
      if (n === undefined) return undefined;
      const [row] = await db
        .update(localMessages)
        .set({ card, version: sql`${localMessages.version} + 1` })
        .where(eq(localMessages.id, n))
        .returning({ version: localMessages.version });
      return row?.version;
    },
  };
}
