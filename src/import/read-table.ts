import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel-lib';
import type { ImportFormat, ImportSource, RawCell, RawRow, RawTable } from './types';
import { restoreNeutralised } from './formula-guard';

export type ReadResult = { ok: true; tables: RawTable[] } | { ok: false; errors: string[] };

const OLD_EXCEL = '不支持旧版 Excel（.xls）或 WPS（.et）格式：请在 Excel/WPS 中“另存为” .xlsx 或 CSV（UTF-8）后再导入';

/**
 * Which format a file is in: the explicit `format`, else the content (an .xlsx is a ZIP file), else
 * the file name. Old binary .xls/.et files are refused with a message saying how to convert them.
 */
export function detectFormat(source: ImportSource): { ok: true; format: ImportFormat } | { ok: false; errors: string[] } {
  if (source.format) return { ok: true, format: source.format };
  const d = source.data;
  if (d[0] === 0x50 && d[1] === 0x4b && d[2] === 0x03 && d[3] === 0x04) return { ok: true, format: 'xlsx' };
  if (d[0] === 0xd0 && d[1] === 0xcf && d[2] === 0x11 && d[3] === 0xe0) return { ok: false, errors: [OLD_EXCEL] };
  const ext = /\.([a-z]+)$/i.exec(source.filename ?? '')?.[1]?.toLowerCase();
  if (ext === 'xls' || ext === 'et') return { ok: false, errors: [OLD_EXCEL] };
  if (ext === 'xlsx' || ext === 'xlsm') return { ok: true, format: 'xlsx' };
  return { ok: true, format: 'csv' };
}

/** Read every sheet of the file (one for CSV). */
export async function readTables(source: ImportSource): Promise<ReadResult> {
  const detected = detectFormat(source);
  if (!detected.ok) return detected;
  return detected.format === 'csv' ? readCsvTable(source.data) : checkCellLengths(await readXlsxTables(source.data));
}

/**
 * Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM (Excel “Unicode 文本”), or
 * GB18030/GBK (what Excel on Chinese Windows writes for “CSV（逗号分隔）”).
 */
export function decodeCsvBytes(data: Uint8Array): string {
  let text: string;
  if (data[0] === 0xff && data[1] === 0xfe) text = new TextDecoder('utf-16le').decode(data);
  else if (data[0] === 0xfe && data[1] === 0xff) text = new TextDecoder('utf-16be').decode(data);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      text = new TextDecoder('gb18030').decode(data);
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parse CSV text or bytes into one table. Comma- or tab-separated (detected from the first line). */
export function readCsvTable(input: Uint8Array | string): ReadResult {
  const text = typeof input === 'string' ? (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input) : decodeCsvBytes(input);
  const firstLine = text.split(/\r\n|\n|\r/, 1)[0] ?? '';
  const delimiter = countOf(firstLine, '\t') > countOf(firstLine, ',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    const where = typeof line === 'number' ? `第 ${line} 行附近` : '';
    return {
      ok: false,
      errors: [`CSV 文件格式有误${where}：引号没有成对（单元格里的英文双引号要写成两个 ""），请用 Excel 打开检查后另存为 CSV（UTF-8）再导入`],
    };
  }
  const rows: RawRow[] = [];
  records.forEach((record, i) => {
    const cells = record.map((value): RawCell => ({ text: cleanText(value), kind: 'text' }));
    if (cells.some((c) => c.text !== '')) rows.push({ rowNumber: i + 1, cells });
  });
  return checkCellLengths({ ok: true, tables: [{ sheetName: 'CSV', rows }] });
}

async function readXlsxTables(data: Uint8Array): Promise<ReadResult> {
  const workbook = new (await loadExcel()).Workbook();
  try {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return { ok: false, errors: ['无法读取这个 Excel 文件：文件可能已损坏或不是 .xlsx 格式，请用 Excel 打开后另存为 .xlsx 再导入'] };
  }
  const tables: RawTable[] = workbook.worksheets.map((sheet) => {
    const rows: RawRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: RawCell[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(toRawCell(row.getCell(c).value));
      if (cells.some((cell) => cell.text !== '')) rows.push({ rowNumber, cells });
    });
    return { sheetName: sheet.name, rows };
  });
  return { ok: true, tables };
}

const DAY_MS = 86_400_000;

function toRawCell(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return { text: '', kind: 'text' };
  if (typeof value === 'string') return { text: cleanText(value), kind: 'text' };
  if (typeof value === 'number') return { text: String(value), kind: 'number', number: value };
  if (typeof value === 'boolean') return { text: value ? '是' : '否', kind: 'text' };
  if (value instanceof Date) {
    const date = new Date(Math.round(value.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
    return { text: date, kind: 'date', date };
  }
  if ('richText' in value) return { text: cleanText(value.richText.map((r) => r.text).join('')), kind: 'text' };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || (typeof result === 'object' && result !== null && 'error' in result)) return { text: '', kind: 'text' };
    return toRawCell(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return { text: cleanText(String(value.text ?? '')), kind: 'text' };
  if ('error' in value) return { text: String(value.error), kind: 'text' };
  return { text: '', kind: 'text' };
}

/**
 * Trim (including full-width spaces and NBSP); drop zero-width characters, BOMs, NULs and halves
 * of surrogate pairs (PostgreSQL cannot store a NUL: it used to surface as a raw SQL error); take
 * off the apostrophe our writers put before a formula-like cell.
 */
export function cleanText(s: string): string {
  return restoreNeutralised(
    s
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing NUL is the point.
      .replace(/\u200b|\u200c|\u200d|\ufeff|\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .trim(),
  );
}

/** No cell of an import is longer than this (names, addresses and lists are far shorter). */
export const MAX_CELL_CHARS = 2000;

/** Refuses a table with an over-long cell, naming it, before any of it reaches the database. */
function checkCellLengths(result: ReadResult): ReadResult {
  if (!result.ok) return result;
  const errors: string[] = [];
  for (const table of result.tables) {
    for (const row of table.rows) {
      row.cells.forEach((cell, i) => {
        if (cell.text.length > MAX_CELL_CHARS && errors.length < 20) {
          errors.push(`第 ${row.rowNumber} 行第 ${i + 1} 列内容过长（${cell.text.length} 字，最多 ${MAX_CELL_CHARS} 字），请检查是否粘贴错了内容。`);
        }
      });
    }
  }
  return errors.length ? { ok: false, errors } : result;
}

function countOf(s: string, ch: string): number {
  return s.split(ch).length - 1;
}
