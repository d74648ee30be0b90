import { loadExcel } from './excel-lib';
import type { Enterprise, Officer } from '../domain/model';
import { enterpriseRows, officerRows } from './write-csv';
import { neutraliseFormula } from './formula-guard';

export interface XlsxSheetOptions {
  sheetName?: string;
  /** Zero-based indexes of columns holding YYYY-MM-DD text to write as real Excel date cells. */
  dateColumns?: readonly number[];
}

/**
 * Rows (first row = header) to an .xlsx file. Text columns are formatted as text (“@”) so Excel
 * keeps long codes intact; date columns become date cells shown as yyyy-mm-dd.
 */
export async function writeXlsx(rows: readonly (readonly string[])[], options: XlsxSheetOptions = {}): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.created = new Date(Date.UTC(2023, 0, 1));
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Sheet1');
  const dateColumns = new Set(options.dateColumns ?? []);
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (let c = 0; c < width; c++) {
    const column = sheet.getColumn(c + 1);
    column.numFmt = dateColumns.has(c) ? 'yyyy-mm-dd' : '@';
    column.width = Math.min(40, Math.max(10, ...rows.map((r) => displayWidth(r[c] ?? '') + 2)));
  }
  rows.forEach((row, r) => {
    const excelRow = sheet.getRow(r + 1);
    row.forEach((value, c) => {
      const cell = excelRow.getCell(c + 1);
      const m = r > 0 && dateColumns.has(c) ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      // Text cells are never formulas in .xlsx, but a person who edits one and presses Enter makes it one.
      cell.value = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : neutraliseFormula(value);
    });
    excelRow.commit();
  });
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as unknown as ArrayLike<number>);
}

/** Enterprise directory as an importable .xlsx. */
export function enterprisesToXlsx(enterprises: readonly Enterprise[]): Promise<Uint8Array> {
  return writeXlsx(enterpriseRows(enterprises), { sheetName: '检查对象名录' });
}

/** Officer roster as an importable .xlsx, with 证件有效期至 as Excel date cells. */
export function officersToXlsx(officers: readonly Officer[]): Promise<Uint8Array> {
  return writeXlsx(officerRows(officers), { sheetName: '执法人员名录', dateColumns: [2] });
}

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
  return w;
}
