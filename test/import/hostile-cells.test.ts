/**
 * Hostile cells: formula-like values are neutralised by every writer and restored by the
 * readers (an export imports unchanged), NULs and broken surrogates are cleaned, and an
 * over-long cell is refused in Chinese before anything reaches the database.
 */
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client';
import { fixedClock } from '../../src/app/ports/clock';
import { createAgency } from '../../src/db/repos/directory-import';
import { createDrizzleStore } from '../../src/db/store';
import type { Enterprise } from '../../src/domain/model';
import { usccCheckCharacter } from '../../src/domain/uscc';
import { enterprisesToCsv, enterprisesToXlsx, parseEnterpriseCsv, parseEnterpriseFile } from '../../src/import';
import { rowsOf } from '../../src/db/client';
import { describeEachDb, openTestDatabase } from '../support/test-db';

const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const HOSTILE: Enterprise = {
  uscc: uscc('91410381MA44X5Y7X'),
  name: '=HYPERLINK("http://evil.example/","点击领取")',
  industry: '机械',
  township: '首阳山街道',
  riskLevel: '一般',
  status: '在营',
  address: '@SUM(1+1)',
  contactPerson: '-2+3',
  phone: '+86 13800000000',
  keySupervision: false,
};

describe('formula-like cells', () => {
  it('the CSV writer puts an apostrophe before = + - @, and the reader takes it off again', () => {
    const csv = enterprisesToCsv([HOSTILE]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/"",""点击领取"")"`);
    expect(csv).toContain(`'@SUM(1+1)`);
    expect(csv).toContain(`'+86 13800000000`);
    expect(csv).toContain(`'-2+3`);
    expect(csv).not.toMatch(/(^|,)[=+\-@]/m);
    expect(parseEnterpriseCsv(csv)).toEqual({ ok: true, rows: [HOSTILE] });
  });

  it('the Excel writer does the same, and the file imports unchanged', async () => {
    const bytes = await enterprisesToXlsx([HOSTILE]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as never);
    const row = workbook.worksheets[0]!.getRow(2);
    expect(row.getCell(2).value).toBe(`'${HOSTILE.name}`);
    expect(row.getCell(2).formula).toBeUndefined();
    expect(await parseEnterpriseFile({ filename: 'export.xlsx', data: bytes })).toEqual({ ok: true, rows: [HOSTILE] });
  });
});

describe('cells a database cannot take', () => {
  const header = '统一社会信用代码,企业名称,行业,乡镇街道';
  it('a NUL or half a surrogate pair is cleaned out', () => {
    const result = parseEnterpriseCsv(`${header}\r\n${HOSTILE.uscc},示例\u0000机械\ud800有限公司,机械,首阳山街道`);
    // (csv-parse turns the broken surrogate into U+FFFD on its own; either way nothing a database refuses.)
    expect(result.ok && result.rows[0]!.name).toMatch(/^示例机械\ufffd?有限公司$/);
  });

  it('a 100 000-character cell is refused in Chinese, naming the row and column', () => {
    const result = parseEnterpriseCsv(`${header}\r\n${HOSTILE.uscc},${'长'.repeat(100_000)},机械,首阳山街道`);
    expect(result).toEqual({ ok: false, errors: ['第 2 行第 2 列内容过长（100000 字，最多 2000 字），请检查是否粘贴错了内容。'] });
  });
});

describeEachDb('hostile cells into the database', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('a cleaned file imports without a database error', async () => {
    const parsed = parseEnterpriseCsv(`统一社会信用代码,企业名称,行业,乡镇街道\r\n${HOSTILE.uscc},示例\u0000机械有限公司,机械,首阳山街道`);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const agency = await createAgency(database.db, { name: '测试局', shortName: '测' }, new Date('2026-03-02T00:00:00Z'));
    const at = new Date('2026-03-02T00:00:00Z');
    await createDrizzleStore(database.db, fixedClock(at)).transaction((r) => r.registers.applyEnterprises(agency, { upsert: parsed.rows, delist: [] }, at));
    expect(rowsOf<{ name: string }>(await database.db.execute(sql`select name from enterprises`))).toEqual([{ name: '示例机械有限公司' }]);
  });
});
