/**
 * A workbook for people (the year's export): sheets of rows, written as .xlsx (exceljs) or each
 * sheet as CSV. Pure encoders, no I/O: use cases build the sheets (src/app/views/export-sheets.ts)
 * and call these through the `Spreadsheets` port to get the files they send. Every text cell
 * that a spreadsheet would run as a formula (= + - @) is neutralised (src/import/formula-guard.ts),
 * in both formats.
 */
import { PassThrough } from 'node:stream';
import type { Cell, Sheet, Spreadsheets, Workbook } from '../app/ports/spreadsheets';
import { loadExcel } from '../import/excel-lib';
import { neutraliseFormula } from '../import/formula-guard';
import { ENTERPRISE_HEADER_LINE } from '../import/enterprises';
import { OFFICER_HEADER_LINE } from '../import/officers';
import { readRegisterFile } from '../import/register-file';
import { enterpriseTemplateXlsx, officerTemplateXlsx } from '../import/templates';
import { enterpriseRows, writeCsv } from '../import/write-csv';

export type { Cell, Sheet, Workbook } from '../app/ports/spreadsheets';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_MEDIA_TYPE = 'text/csv';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function displayWidth(value: Cell): number {
  let w = 0;
  for (const ch of String(value)) w += (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
  return w;
}

/** Rows written between two turns of the event loop. */
const ROWS_PER_TURN = 1000;

/**
 * The workbook as an .xlsx file: a bold frozen header on each sheet, text kept as text, dates as
 * dates. Written by exceljs's streaming writer, each row committed as it is added and the event
 * loop let go every {@link ROWS_PER_TURN} rows: the whole-book writer serialised each sheet in one
 * go, holding the bot's thread 1.4–1.9 s for a register of 50 000 enterprises (no delivery was
 * acknowledged meanwhile); streamed it takes 0.9 s in all, at most 70 ms at a time.
 */
export async function workbookToXlsx(workbook: Workbook): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new (await loadExcel()).stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
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
    const header = sheet.addRow(s.columns.map(neutraliseFormula));
    header.font = { bold: true };
    header.commit();
    for (const [i, row] of s.rows.entries()) {
      sheet
        .addRow(
          row.map((value, c) => {
            if (typeof value === 'number') return value;
            const m = dates.has(c) ? DATE.exec(value) : null;
            return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : neutraliseFormula(value);
          }),
        )
        .commit();
      if (i % ROWS_PER_TURN === ROWS_PER_TURN - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    sheet.commit();
  }
  await book.commit();
  return new Uint8Array(Buffer.concat(chunks));
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

/** The `Spreadsheets` port over these encoders and the register templates and reader of src/import. */
export const spreadsheetWriter: Spreadsheets = {
  async xlsx(workbook) {
    return { name: workbook.fileName, mediaType: XLSX_MEDIA_TYPE, base64: base64Of(await workbookToXlsx(workbook)) };
  },
  csv(sheet, fileName) {
    return { name: fileName, mediaType: CSV_MEDIA_TYPE, base64: base64Of(sheetToCsv(sheet)) };
  },
  enterpriseTemplate: enterpriseRows,
  async registerTemplate(kind, fileName) {
    const data = kind === 'enterprises' ? await enterpriseTemplateXlsx() : await officerTemplateXlsx();
    return { name: fileName, mediaType: XLSX_MEDIA_TYPE, base64: base64Of(data) };
  },
  registerHeader: (kind) => (kind === 'enterprises' ? ENTERPRISE_HEADER_LINE : OFFICER_HEADER_LINE),
  readRegister: readRegisterFile,
};
