/**
 * The year's export as files: use cases build the sheets (src/app/views/export-sheets.ts) and a
 * writer encodes them (src/export/workbook.ts: exceljs for .xlsx, the import module's CSV writer),
 * so that the application holds no file format.
 */
import type { Enterprise } from '../../domain/model';
import type { OutgoingFile } from './messenger';

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

export interface SpreadsheetWriter {
  /** The workbook as one .xlsx file named `workbook.fileName`. */
  xlsx(workbook: Workbook): Promise<OutgoingFile>;
  /** One sheet as a CSV file (UTF-8 with BOM) named `fileName`. */
  csv(sheet: Sheet, fileName: string): OutgoingFile;
  /** Enterprises in the register import template's columns, header first: the export's register imports back unchanged. */
  enterpriseTemplate(enterprises: readonly Enterprise[]): string[][];
}
