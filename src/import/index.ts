/**
 * Import and export of the administrator's registers: the enterprise directory and the officer
 * roster, as CSV or XLSX with the Chinese template headers.
 */
export type { ImportFormat, ImportResult, ImportSource, RawCell, RawRow, RawTable } from './types';
export { detectFormat, readTables, readCsvTable, decodeCsvBytes } from './read-table';
export { normalizeHeader } from './columns';
export {
  parseEnterpriseFile,
  parseEnterpriseCsv,
  parseEnterpriseTables,
  ENTERPRISE_COLUMNS,
  ENTERPRISE_HEADER_LINE,
} from './enterprises';
export { parseOfficerFile, parseOfficerCsv, parseOfficerTables, OFFICER_COLUMNS, OFFICER_HEADER_LINE } from './officers';
export { enterpriseTemplateCsv, officerTemplateCsv, enterpriseTemplateXlsx, officerTemplateXlsx, EXAMPLE_ENTERPRISE, EXAMPLE_OFFICER } from './templates';
export { writeCsv, enterpriseRows, officerRows, enterprisesToCsv, officersToCsv } from './write-csv';
export { writeXlsx, enterprisesToXlsx, officersToXlsx } from './write-xlsx';
export { readRegisterFile, registerOf } from './register-file';
