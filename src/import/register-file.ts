/**
 * A register file (the enterprise directory or the officer roster, .xlsx or .csv with the
 * template's Chinese headers), read and checked exactly as `npm run cli -- directory` does
 * (src/import: all or nothing, every problem as row, column, value and reason). Which register a
 * file is comes from its headers: 统一社会信用代码 (enterprises) or 执法证号 (officers).
 */
import type { RegisterFileResult, RegisterKind } from '../app/ports/registers';
import { normalizeHeader } from './columns';
import { ENTERPRISE_COLUMNS, parseEnterpriseTables } from './enterprises';
import { OFFICER_COLUMNS, parseOfficerTables } from './officers';
import { readTables } from './read-table';
import type { RawTable } from './types';

const markerOf = (columns: ReadonlyArray<{ key: string; header: string; aliases?: readonly string[] }>, key: string) => {
  const c = columns.find((x) => x.key === key)!;
  return new Set([c.header, ...(c.aliases ?? [])].map(normalizeHeader));
};
const ENTERPRISE_MARKERS = markerOf(ENTERPRISE_COLUMNS, 'uscc');
const OFFICER_MARKERS = markerOf(OFFICER_COLUMNS, 'certificateNo');

/** Which register the headers (in the first rows of any sheet) belong to; undefined when neither or both. */
export function registerOf(tables: readonly RawTable[]): RegisterKind | undefined {
  const headers = new Set(tables.flatMap((t) => t.rows.slice(0, 5).flatMap((r) => r.cells.map((c) => normalizeHeader(c.text)))));
  const enterprise = [...ENTERPRISE_MARKERS].some((m) => headers.has(m));
  const officer = [...OFFICER_MARKERS].some((m) => headers.has(m));
  if (enterprise === officer) return undefined;
  return enterprise ? 'enterprises' : 'officers';
}

const EXTENSIONS = /\.(xlsx|xlsm|csv|xls|et)$/i;

/**
 * The file's register and rows, or every problem. A file sent in the chat (no `expected`) must be
 * named `.xlsx` or `.csv`; the CLI names the register and may pass any path (the content decides).
 */
export async function readRegisterFile(file: { name: string; data: Uint8Array }, expected?: RegisterKind): Promise<RegisterFileResult> {
  if (!expected && !EXTENSIONS.test(file.name)) {
    return { ok: false, errors: [`“${file.name}”不是名录文件：请发送 Excel（.xlsx）或 CSV 文件。发送 /template 企业 或 /template 人员 获取导入模板。`] };
  }
  const read = await readTables({ data: file.data, filename: file.name });
  if (!read.ok) return read;
  const kind = expected ?? registerOf(read.tables);
  if (!kind) {
    return {
      ok: false,
      errors: [
        '看不出这是企业名录还是执法人员名录：表头应含“统一社会信用代码”（企业名录）或“执法证号”（执法人员名录）。发送 /template 企业 或 /template 人员 获取导入模板。',
      ],
    };
  }
  if (kind === 'enterprises') {
    const parsed = parseEnterpriseTables(read.tables);
    return parsed.ok ? { ok: true, kind, rows: parsed.rows } : { ok: false, kind, errors: parsed.errors };
  }
  const parsed = parseOfficerTables(read.tables);
  return parsed.ok ? { ok: true, kind, rows: parsed.rows } : { ok: false, kind, errors: parsed.errors };
}
