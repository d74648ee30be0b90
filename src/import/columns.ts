import type { RawRow, RawTable } from './types';

/** One column of an import template. */
export interface ColumnSpec<K extends string> {
  key: K;
  /** The header as written in the template. */
  header: string;
  required: boolean;
  /** Other headers accepted for it (compared after normalizeHeader). */
  aliases?: readonly string[];
}

export interface LocatedColumns<K extends string> {
  sheetName: string;
  headerRowNumber: number;
  /** Column index of each key found, and the header text the file uses for it. */
  columns: Map<K, { index: number; header: string }>;
  dataRows: RawRow[];
}

export type LocateResult<K extends string> = { ok: true; located: LocatedColumns<K> } | { ok: false; errors: string[] };

/** How many leading rows may hold a title before the header row. */
const HEADER_SEARCH_ROWS = 5;

/**
 * Compare headers leniently: full-width forms, spaces, a leading/trailing `*`, “（必填）”-style notes
 * and separators such as / 、 () are ignored, so 「乡镇（街道）」 and 「乡镇/街道」 match 「乡镇街道」.
 */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[([【](必填|选填|可选|非必填|必须填写|必填项)[)\]】]/g, '')
    .replace(/[*()[\]【】/、:\-_.]/g, '');
}

/**
 * Find the header row (the first row, or the first of the leading rows that names at least two
 * template columns, so a title row above the header is tolerated) in the first sheet that has one,
 * and map each template column to its index. Reports missing required columns with the header
 * line expected, and columns that appear twice.
 */
export function locateColumns<K extends string>(tables: readonly RawTable[], specs: readonly ColumnSpec<K>[], expectedHeaderLine: string): LocateResult<K> {
  const lookup = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) {
    lookup.set(normalizeHeader(spec.header), spec);
    for (const alias of spec.aliases ?? []) lookup.set(normalizeHeader(alias), spec);
  }
  const candidates = tables.flatMap((table) => table.rows.slice(0, HEADER_SEARCH_ROWS).map((row, i) => ({ table, row, i, hits: countHits(row, lookup) })));
  // The row naming the most of the template's columns (the first of equals): in a workbook of
  // several sheets (the /export workbook) the register's sheet, not another that names two of them.
  const best =
    candidates.reduce<(typeof candidates)[number] | undefined>((b, c) => (c.hits >= 2 && c.hits > (b?.hits ?? 1) ? c : b), undefined) ?? candidates[0];
  if (!best) return { ok: false, errors: ['文件是空的：没有表头，也没有数据。请下载导入模板，按模板填写后再导入'] };

  const columns = new Map<K, { index: number; header: string }>();
  const errors: string[] = [];
  best.row.cells.forEach((cell, index) => {
    if (cell.text === '') return;
    const spec = lookup.get(normalizeHeader(cell.text));
    if (!spec) return;
    const seen = columns.get(spec.key);
    if (seen) {
      errors.push(`表头第 ${best.row.rowNumber} 行中「${spec.header}」出现了两次（第 ${seen.index + 1} 列和第 ${index + 1} 列），请删除多余的一列`);
      return;
    }
    columns.set(spec.key, { index, header: cell.text });
  });
  const missing = specs.filter((s) => s.required && !columns.has(s.key)).map((s) => `「${s.header}」`);
  if (missing.length > 0) {
    errors.unshift(`表头缺少必填列：${missing.join('')}。第 1 行应为表头：${expectedHeaderLine}（列的顺序可以不同；可下载导入模板对照）`);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    located: {
      sheetName: best.table.sheetName,
      headerRowNumber: best.row.rowNumber,
      columns,
      dataRows: best.table.rows.slice(best.i + 1),
    },
  };
}

function countHits<K extends string>(row: RawRow, lookup: Map<string, ColumnSpec<K>>): number {
  return row.cells.filter((c) => c.text !== '' && lookup.has(normalizeHeader(c.text))).length;
}
