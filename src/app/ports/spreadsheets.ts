/**
 * Spreadsheet files in and out: use cases build the year's export as sheets
 * (src/app/views/export-sheets.ts), send the register templates and read the register files
 * administrators send, and an adapter does the formats (src/export/workbook.ts over exceljs and
 * src/import), so that the application holds no file format.
 */
import type { Enterprise } from '../../domain/model';
import type { OutgoingFile } from './messenger';
import type { RegisterFileResult, RegisterKind } from './registers';

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

export interface Spreadsheets {
  /** The workbook as one .xlsx file named `workbook.fileName`. */
  xlsx(workbook: Workbook): Promise<OutgoingFile>;
  /** One sheet as a CSV file (UTF-8 with BOM) named `fileName`. */
  csv(sheet: Sheet, fileName: string): OutgoingFile;
  /** Enterprises in the register import template's columns, header first: the export's register imports back unchanged. */
  enterpriseTemplate(enterprises: readonly Enterprise[]): string[][];
  /** A register's import template as an .xlsx file named `fileName`, with one example row. */
  registerTemplate(kind: RegisterKind, fileName: string): Promise<OutgoingFile>;
  /** A register's template header line (`统一社会信用代码,企业名称,…`), where no file can be sent. */
  registerHeader(kind: RegisterKind): string;
  /**
   * A register file read and checked, all or nothing. Without `expected` (a file sent in the
   * chat) it must be named .xlsx or .csv and its headers say which register it is.
   */
  readRegister(file: { name: string; data: Uint8Array }, expected?: RegisterKind): Promise<RegisterFileResult>;
}
