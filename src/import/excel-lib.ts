import type ExcelJS from 'exceljs';

/**
 * exceljs (about 30 MB and half a second to load), loaded the first time a workbook is read or
 * written: a bot that never imports or exports a spreadsheet never holds it.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
