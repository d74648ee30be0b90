/**
 * The export's encoders: a cell that a spreadsheet would run as a formula is written as text
 * (an apostrophe in front) in the .xlsx and in the CSV, numbers stay numbers, dates become date
 * cells, rates percentages; and a register with such a name imports back unchanged.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sheetToCsv, workbookToXlsx, type Sheet } from '../../src/export/workbook';
import { enterpriseRows, parseEnterpriseTables, readTables } from '../../src/import';
import type { Enterprise } from '../../src/domain/model';

const HOSTILE = ['=HYPERLINK("http://x.example","点我")', '+8613800000000', '-1+1', '@SUM(A1:A2)', '\t=1+1'];

const sheet: Sheet = {
  name: '测试',
  columns: ['文本', '数字', '日期', '比率'],
  rows: [...HOSTILE.map((v, i) => [v, i, '2026-03-02', 0.875]), ['普通文字', 7, '', '']],
  dateColumns: [2],
  percentColumns: [3],
};

describe('the workbook as .xlsx', () => {
  it('keeps formulas out, numbers as numbers, dates as dates, rates as percentages', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await workbookToXlsx({ fileName: 'x.xlsx', sheets: [sheet] })) as unknown as ArrayBuffer);
    const ws = book.getWorksheet('测试')!;
    expect(ws.getRow(1).values).toEqual([undefined, '文本', '数字', '日期', '比率']);
    HOSTILE.forEach((v, i) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(`'${v}`);
      expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(2).value).toBe(i);
      expect(row.getCell(3).value).toEqual(new Date(Date.UTC(2026, 2, 2)));
      expect(row.getCell(4).value).toBe(0.875);
    });
    expect(ws.getColumn(4).numFmt).toBe('0.0%');
    expect(ws.getRow(7).getCell(1).value).toBe('普通文字');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('a sheet as CSV', () => {
  it('neutralises formulas, writes a BOM and CRLF, and a rate as its percentage', () => {
    const csv = sheetToCsv(sheet);
    expect(csv.startsWith('\ufeff文本,数字,日期,比率\r\n')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://x.example"",""点我"")",0,2026-03-02,87.5%\r\n`);
    expect(csv).toContain("'+8613800000000,1,");
    expect(csv).toContain("'-1+1,2,");
    expect(csv).toContain("'@SUM(A1:A2),3,");
    expect(csv.endsWith('普通文字,7,,\r\n')).toBe(true);
  });
});

describe('a register with hostile names', () => {
  it('imports back exactly as it was', async () => {
    const enterprise: Enterprise = {
      uscc: '91410381MA9XKW0A1W',
      name: '=HYPERLINK("http://x.example","点我")',
      industry: '机械',
      township: '@岳滩镇',
      riskLevel: '一般',
      status: '在营',
      keySupervision: false,
    };
    const [columns, ...rows] = enterpriseRows([enterprise]);
    const bytes = await workbookToXlsx({ fileName: 'r.xlsx', sheets: [{ name: '检查对象名录', columns: columns!, rows }] });
    const read = await readTables({ data: bytes, filename: 'r.xlsx' });
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const parsed = parseEnterpriseTables(read.tables);
    expect(parsed.ok ? parsed.rows : parsed.errors).toEqual([{ ...enterprise, address: undefined, contactPerson: undefined, phone: undefined }]);
  });
});
