import { desc, eq, sql } from 'drizzle-orm';
import type { LocalHistory, LocalMessage } from '../../app/ports/local-history';
import type { Db } from '../client';
import { localMessages } from '../schema';

type Row = typeof localMessages.$inferSelect;

function toMessage(r: Row): LocalMessage {
  return {
    id: `m${r.id}`,
    conversation: r.conversation,
    from: r.sender,
    ...(r.text !== null ? { text: r.text } : {}),
    ...(r.card !== null ? { card: r.card } : {}),
    ...(r.file !== null ? { file: r.file } : {}),
    at: r.at.toISOString(),
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
      const rows = await db.select().from(localMessages).orderBy(desc(localMessages.id)).limit(limit);
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
      const [row] = await db.insert(localMessages).values(values).onConflictDoNothing().returning();
      if (row) return toMessage(row);
      const [known] = await db.select().from(localMessages).where(eq(localMessages.idempotencyKey, idempotencyKey!));
      if (!known) throw new Error(`local message with key ${idempotencyKey} neither inserted nor found`);
      return toMessage(known);
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
