import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLocalHistory, type LocalHistory } from '../../src/app/ports/local-history';
import type { CardView } from '../../src/app/views/card-view';
import type { Database } from '../../src/db/client';
import { localHistoryRepo } from '../../src/db/repos/local-history-repo';
import { describeEachDb, openTestDatabase } from '../support/test-db';

const card = (title: string): CardView => ({ key: 'draw:1', title, tone: 'info', sections: [] });
const at = '2026-03-02T01:30:00.000Z';

/** One contract for every history: the database's and the in-memory one. */
function historyContract(history: () => LocalHistory) {
  it('gives messages back oldest first, with fresh ids, and only the newest when asked for fewer', async () => {
    const h = history();
    const a = await h.append({ conversation: 'group', from: 'leader', text: '/help', at });
    const b = await h.append({ conversation: 'group', from: 'bot', card: card('帮助'), at }, 'k-1');
    expect(a.id).not.toBe(b.id);
    expect(await h.recent(10)).toEqual([
      { id: a.id, conversation: 'group', from: 'leader', text: '/help', at, version: 1 },
      { id: b.id, conversation: 'group', from: 'bot', card: card('帮助'), at, version: 1 },
    ]);
    expect((await h.recent(1)).map((m) => m.id)).toEqual([b.id]);
  });

  it('adds nothing for a key it already holds, and bumps the version on a card update', async () => {
    const h = history();
    const first = await h.append({ conversation: 'dm:o1', from: 'bot', card: card('任务'), at }, 'k-2');
    const again = await h.append({ conversation: 'dm:o1', from: 'bot', card: card('任务'), at }, 'k-2');
    expect(again.id).toBe(first.id);
    expect(await h.updateCard(first.id, card('已确认'))).toBe(2);
    expect(await h.updateCard('m999999', card('x'))).toBeUndefined();
    expect(await h.updateCard('not-ours', card('x'))).toBeUndefined();
    const mine = (await h.recent(100)).filter((m) => m.conversation === 'dm:o1');
    expect(mine).toEqual([{ ...first, card: card('已确认'), version: 2 }]);
  });

  it('keeps a file: the list shows its name, type and size, its bytes come back whole', async () => {
    const h = history();
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
    const file = {
      name: '2026年抽查工作导出.xlsx',
      mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: bytes.toString('base64'),
    };
    const sent = await h.append({ conversation: 'dm:leader', from: 'bot', file, at }, 'k-file');
    const info = { name: file.name, mediaType: file.mediaType, size: 1000 };
    expect(sent).toEqual({ id: sent.id, conversation: 'dm:leader', from: 'bot', file: info, at, version: 1 });
    expect((await h.recent(100)).find((m) => m.id === sent.id)).toEqual(sent);
    expect(Buffer.from((await h.file(sent.id))!.base64, 'base64')).toEqual(bytes);
    expect(await h.append({ conversation: 'dm:leader', from: 'bot', file, at }, 'k-file')).toEqual(sent);
    for (const n of [1, 2, 3]) {
      const odd = await h.append({ conversation: 'dm:leader', from: 'bot', file: { ...file, base64: bytes.subarray(0, n).toString('base64') }, at });
      expect(odd.file?.size, String(n)).toBe(n);
    }
    const text = (await h.recent(100)).find((m) => m.text === undefined && !m.file);
    expect(await h.file(text?.id ?? 'm999999')).toBeUndefined();
    expect(await h.file('not-ours')).toBeUndefined();
  });
}

describe('local chat history in memory', () => historyContract(() => memoryLocalHistory()));

describeEachDb('local chat history in the database', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());
  historyContract(() => localHistoryRepo(database.db));
});
