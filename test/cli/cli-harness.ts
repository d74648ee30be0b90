/**
 * What the CLI tests share: a command run with its output collected, a test database with the
 * demo data, and the chat's one inbound path (the router) on the same database, so that a test
 * can compare what the CLI does with what the same use case does when typed in the chat.
 */
import { sql } from 'drizzle-orm';
import { fixedClock } from '../../src/app/ports/clock';
import { fixedRandom } from '../../src/app/ports/random';
import type { InboundMention } from '../../src/app/ports/inbound-event';
import { createRouter } from '../../src/bot/router';
import type { CliCommand } from '../../src/cli/command';
import type { CliContext } from '../../src/cli/commands';
import { seedCommand } from '../../src/cli/seed-command';
import { rowsOf, type Database } from '../../src/db/client';
import { createDrizzleStore } from '../../src/db/store';
import { silentLogger } from '../../src/logger';
import { openTestDatabase, type DbKind } from '../support/test-db';
import { TEST_DRAW_KEY } from '../support/draw-key';
import { spreadsheetWriter } from '../../src/export/workbook';

export async function runCli(command: CliCommand<CliContext>, args: string[], ctx: CliContext) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command.run(args, { out: (t) => void out.push(t), err: (t) => void err.push(t) }, ctx);
  return { code, out, err };
}

/** A fresh database with the demo data (one agency, 32 people, nobody linked on Feishu), loaded by `seed demo`. */
export async function demoDatabase(kind: DbKind) {
  const database: Database = await openTestDatabase(kind);
  const ctx: CliContext = { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => database };
  const seeded = await runCli(seedCommand, ['demo'], ctx);
  if (seeded.code !== 0) throw new Error(seeded.err.join('\n'));
  const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));
  const people = await query<{ id: number; local_id: string; name: string; certificate_no: string | null }>(
    sql`select id, local_id, name, certificate_no from people where local_id is not null order by id`,
  );
  const person = (localId: string) => people.find((p) => p.local_id === localId)!;
  const count = async (table: 'accounts' | 'audit_log' | 'chats') =>
    (await query<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
  return { database, ctx, query, person, count };
}

/** A Feishu message typed in a chat, through the router as the webhook would deliver it; returns the reply text. */
export function feishuChat(database: Database) {
  const clock = fixedClock('2026-03-02T01:30:00Z');
  const store = createDrizzleStore(database.db, clock);
  const route = createRouter({ store, env: { clock, random: fixedRandom(3), drawKey: TEST_DRAW_KEY, spreadsheets: spreadsheetWriter }, logger: silentLogger });
  let seq = 0;
  return async (from: string, chat: { id: string; kind: 'group' | 'direct' }, text: string, mentions?: InboundMention[]) => {
    const key = `test:${++seq}`;
    await route({
      type: 'command',
      dedupeKey: key,
      actor: { platform: 'feishu', accountId: from },
      chat: { platform: 'feishu', ...chat },
      text,
      ...(mentions ? { mentions } : {}),
    });
    const rows = rowsOf<{ message: { text?: string } }>(
      await database.db.execute(sql`select message from outbox where idempotency_key in (${`reply:${key}`}, ${`error:${key}`})`),
    );
    return rows[0]?.message.text ?? '';
  };
}
