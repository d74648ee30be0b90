/**
 * `/export` renders its files with no transaction open: the register sheet holds the whole
 * directory, and rendering a large one takes seconds, during which a transaction would hold the
 * database (on PGlite, every delivery's acknowledgement). Only a person who may export is
 * rendered for. Watched through a store that counts its open transactions and the workbook
 * writer the runtime uses.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/app/ports/clock';
import { memoryBackend } from '../../src/db/memory';
import { spreadsheetWriter } from '../../src/export/workbook';
import { seedPublicRecord } from '../support/published-results';
import { startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';

let t: TestRuntime<'memory'>;
let open = 0;
beforeAll(async () => {
  const watched = (clock: Clock) => {
    const backend = memoryBackend(clock);
    const transaction = backend.store.transaction.bind(backend.store);
    backend.store.transaction = async (work) => {
      open++;
      try {
        return await transaction(work);
      } finally {
        open--;
      }
    };
    return backend;
  };
  t = await startTestRuntime({ kind: 'memory', backend: watched });
  await seedPublicRecord(t);
});
afterAll(() => t?.close());
afterEach(() => vi.restoreAllMocks());

/** The open transactions at each call of the writer's `method`. */
function watch(method: 'xlsx' | 'csv'): number[] {
  const seen: number[] = [];
  const real = spreadsheetWriter[method].bind(spreadsheetWriter) as (...args: unknown[]) => unknown;
  vi.spyOn(spreadsheetWriter, method).mockImplementation(((...args: unknown[]) => {
    seen.push(open);
    return real(...args);
  }) as never);
  return seen;
}

describe('/export and the database', () => {
  it('renders the workbook with no transaction open, then records and sends it', async () => {
    const seen = watch('xlsx');
    const before = await t.data.auditCount('report.exported');
    await t.chat.say('leader', '/export 2026');
    expect(seen).toEqual([0]);
    expect(transcript(t.chat.group())).toMatch(/2026 年的 Excel 文件“偃应急2026年双随机抽查工作导出.xlsx”已私聊发送给/);
    expect(t.chat.dm('leader').filter((m) => m.file?.name === '偃应急2026年双随机抽查工作导出.xlsx')).toHaveLength(1);
    expect(await t.data.auditCount('report.exported')).toBe(before + 1);
  });

  it('renders the CSVs the same way, each once', async () => {
    const seen = watch('csv');
    await t.chat.say('leader', '/export 2026 csv', 'dm');
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set([0]));
  });

  it('renders nothing for a person who may not export', async () => {
    const seen = watch('xlsx');
    await t.chat.say('officer-02', '/export 2026');
    expect(seen).toEqual([]);
    expect(transcript(t.chat.group())).toMatch(/只有局领导或管理员可以导出全年工作记录/);
  });
});
