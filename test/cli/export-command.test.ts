/**
 * `npm run cli -- export <year>` on PGlite, over the two years of test/support/published-results.ts:
 * the workbook written to a file (the same sheets as the chat's /export), one CSV per sheet with
 * --csv (the register imports back unchanged), and bad usage refused with exit 2.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_NAMES } from '../../src/app/views/export-sheets';
import type { CliContext } from '../../src/cli/commands';
import { exportCommand } from '../../src/cli/export-command';
import { parseEnterpriseFile } from '../../src/import';
import { seedPublicRecord } from '../support/published-results';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { TEST_DRAW_KEY } from '../support/draw-key';
import { runCli } from './cli-harness';

let t: TestRuntime<'pglite'>;
let ctx: CliContext;
const dir = mkdtempSync(join(tmpdir(), 'drbot-export-'));

beforeAll(async () => {
  t = await startTestRuntime({ kind: 'pglite' });
  await seedPublicRecord(t);
  ctx = { drawKey: () => TEST_DRAW_KEY, openDatabase: async () => t.database, clock: t.clock };
});
afterAll(() => t?.close());

describe('export', () => {
  it('writes the year’s workbook with every sheet, and records the export', async () => {
    const out = join(dir, '2026.xlsx');
    const before = await t.data.auditCount('report.exported');
    const run = await runCli(exportCommand, ['2026', '--out', out], ctx);
    expect(run).toMatchObject({ code: 0, out: [out], err: [] });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(SHEET_NAMES));
    expect(book.getWorksheet(SHEET_NAMES.gsxt)!.rowCount).toBe(24);
    expect(book.getWorksheet(SHEET_NAMES.byIndustry)!.lastRow!.values).toEqual([undefined, '合计', 24, 23, 23, 22, 0, 0, 10, 5, 0]);
    expect(await t.data.auditCount('report.exported')).toBe(before + 1);
  });

  it('writes one CSV per sheet with --csv; the register imports back unchanged', async () => {
    const out = join(dir, 'csv-2025');
    const run = await runCli(exportCommand, ['2025', '--csv', '--out', out], ctx);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(
      Object.values(SHEET_NAMES)
        .map((s) => `偃应急2025年双随机抽查工作导出-${s}.csv`)
        .sort(),
    );
    expect(run.out).toHaveLength(Object.values(SHEET_NAMES).length);
    const register = join(out, `偃应急2025年双随机抽查工作导出-${SHEET_NAMES.register}.csv`);
    const parsed = await parseEnterpriseFile({ data: readFileSync(register), filename: register });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const directory = await t.store.transaction(async (r) => r.reports.enterprises((await r.directory.agencies())[0]!.id));
    expect(parsed.rows).toEqual(directory);
    const gsxt = readFileSync(join(out, `偃应急2025年双随机抽查工作导出-${SHEET_NAMES.gsxt}.csv`), 'utf8');
    expect(gsxt.split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('refuses bad usage with exit 2 and a Chinese reason', async () => {
    const file = join(dir, 'a-file.txt');
    writeFileSync(file, 'x');
    const cases: Array<[string[], RegExp]> = [
      [[], /请写明要导出的年份（2000–2027），例如：export 2026/],
      [['20x6'], /请写明要导出的年份/],
      [['1999'], /请写明要导出的年份/],
      [['2026', '2025'], /请写明要导出的年份/],
      [['2026', '--bogus', '1'], /未知的选项 --bogus/],
      [['2026', '--out'], /选项 --out 缺少值/],
      [['2026', '--csv', '--out', file], /是一个文件：--csv 时请给出文件夹/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(exportCommand, args, ctx);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err.join('\n'), args.join(' ')).toMatch(message);
    }
    expect(existsSync(join(dir, '偃应急2026年双随机抽查工作导出.xlsx'))).toBe(false);
  });

  it('exports a year without draws as the register alone, saying so', async () => {
    const out = join(dir, '2024.xlsx');
    const run = await runCli(exportCommand, ['2024', '--out', out], ctx);
    expect(run.code).toBe(0);
    expect(run.err.join('\n')).toMatch(/2024 年没有抽取记录，导出的表格中只有检查对象名录/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.getWorksheet(SHEET_NAMES.gsxt)!.rowCount).toBe(1);
    expect(book.getWorksheet(SHEET_NAMES.register)!.rowCount).toBeGreaterThan(100);
  });
});
