/**
 * A workbook for people (the year's export): sheets of rows, written as .xlsx (exceljs) or each
 * sheet as CSV. Pure encoders, no I/O: use cases build the sheets (src/app/views/export-sheets.ts)
 * and call these to get the bytes they send. Every text cell that a spreadsheet would run as a
 * formula (= + - @) is neutralised (src/import/formula-guard.ts), in both formats.
 */
import { loadExcel } from '../import/excel-lib';
import { neutraliseFormula } from '../import/formula-guard';
import { writeCsv } from '../import/write-csv';

export type Cell = string | number;

export interface Sheet {
  /** At most 31 characters, none of : \ / ? * [ ] (Excel's rule). */
  name: string;
  columns: string[];
  rows: Cell[][];
  /** Zero-based columns of YYYY-MM-DD text written as Excel date cells. */
  dateColumns?: readonly number[];
  /** Zero-based columns of rates (0–1) shown as percentages. */
  percentColumns?: readonly number[];
}

export interface Workbook {
  fileName: string;
  sheets: Sheet[];
}

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function displayWidth(value: Cell): number {
  let w = 0;
  for (const ch of String(value)) w += (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
  return w;
}

/** The workbook as an .xlsx file: a bold frozen header on each sheet, text kept as text, dates as dates. */
export async function workbookToXlsx(workbook: Workbook): Promise<Uint8Array> {
  const book = new (await loadExcel()).Workbook();
  // Fixed, so that the same data gives the same file.
  book.created = new Date(Date.UTC(2023, 0, 1));
  book.modified = book.created;
  for (const s of workbook.sheets) {
    const sheet = book.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    const dates = new Set(s.dateColumns ?? []);
    const percents = new Set(s.percentColumns ?? []);
    s.columns.forEach((header, c) => {
      const column = sheet.getColumn(c + 1);
      column.width = Math.min(50, Math.max(8, displayWidth(header) + 2, ...s.rows.slice(0, 500).map((r) => displayWidth(r[c] ?? '') + 2)));
      column.numFmt = dates.has(c) ? 'yyyy-mm-dd' : percents.has(c) ? '0.0%' : '@';
    });
    sheet.addRow(s.columns.map(neutraliseFormula)).font = { bold: true };
    for (const row of s.rows) {
      sheet.addRow(
        row.map((value, c) => {
          if (typeof value === 'number') return value;
          const m = dates.has(c) ? DATE.exec(value) : null;
          return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : neutraliseFormula(value);
        }),
      );
    }
  }
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Bytes as base64 (how a file travels in an outbox row). */
export function base64Of(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString('base64');
}

/** One sheet as CSV (UTF-8 with BOM, CRLF, formulas neutralised); a rate as its percentage text. */
export function sheetToCsv(sheet: Sheet): string {
  const percents = new Set(sheet.percentColumns ?? []);
  const text = (value: Cell, c: number) =>
    typeof value === 'number' ? (percents.has(c) ? `${(Math.round(value * 1000) / 10).toFixed(1)}%` : String(value)) : value;
  return writeCsv([sheet.columns, ...sheet.rows.map((row) => row.map(text))]);
}
