/** Shapes shared by the import parsers. */

export type ImportFormat = 'csv' | 'xlsx';

/** An uploaded file: its bytes and, to pick the format, its name or an explicit format. */
export interface ImportSource {
  data: Uint8Array;
  filename?: string;
  format?: ImportFormat;
}

/** All rows, or every problem found (in Simplified Chinese). Never a partial result. */
export type ImportResult<T> = { ok: true; rows: T[] } | { ok: false; errors: string[] };

/** One cell as read from the file. XLSX cells keep their type, CSV cells are all text. */
export interface RawCell {
  /** Trimmed text of the cell ('' when empty). */
  text: string;
  kind: 'text' | 'number' | 'date';
  /** The date, YYYY-MM-DD, when `kind` is 'date'. */
  date?: string;
  /** The number, when `kind` is 'number'. */
  number?: number;
}

export interface RawRow {
  /** Row number as the spreadsheet shows it (the first row is 1). */
  rowNumber: number;
  cells: RawCell[];
}

/** One sheet (a CSV file is one sheet). Blank rows are left out; row numbers keep counting them. */
export interface RawTable {
  sheetName: string;
  rows: RawRow[];
}
