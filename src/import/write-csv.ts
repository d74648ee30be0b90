import type { Enterprise, Officer } from '../domain/model';
import { ENTERPRISE_COLUMNS } from './enterprises';
import { OFFICER_COLUMNS } from './officers';
import { neutraliseFormula } from './formula-guard';

const BOM = '\ufeff';

/**
 * Rows to CSV text: a cell that a spreadsheet would run as a formula gets an apostrophe in front
 * (see formula-guard.ts); cells quoted when they hold a comma, quote, line break or leading/trailing
 * space; CRLF line ends; a UTF-8 BOM in front (so Excel on Windows reads the Chinese right) unless
 * `bom: false`.
 */
export function writeCsv(rows: readonly (readonly string[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => row.map((cell) => quoteCell(neutraliseFormula(cell))).join(',')).join('\r\n');
  return `${options.bom === false ? '' : BOM}${body}\r\n`;
}

function quoteCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The enterprise template header followed by one row per enterprise. */
export function enterpriseRows(enterprises: readonly Enterprise[]): string[][] {
  return [
    ENTERPRISE_COLUMNS.map((c) => c.header),
    ...enterprises.map((e) => [
      e.uscc,
      e.name,
      e.industry,
      e.township,
      e.riskLevel,
      e.status,
      e.address ?? '',
      e.contactPerson ?? '',
      e.phone ?? '',
      e.keySupervision ? '是' : '否',
    ]),
  ];
}

/** The officer template header followed by one row per officer (lists joined with 、). */
export function officerRows(officers: readonly Officer[]): string[][] {
  return [
    OFFICER_COLUMNS.map((c) => c.header),
    ...officers.map((o) => [
      o.name,
      o.certificateNo,
      o.certificateValidUntil,
      o.unit,
      o.expertise.join('、'),
      o.onDuty ? '在岗' : '不在岗',
      o.conflicts.join('、'),
    ]),
  ];
}

/** Enterprise directory as an importable CSV (UTF-8 with BOM). */
export function enterprisesToCsv(enterprises: readonly Enterprise[]): string {
  return writeCsv(enterpriseRows(enterprises));
}

/** Officer roster as an importable CSV (UTF-8 with BOM). */
export function officersToCsv(officers: readonly Officer[]): string {
  return writeCsv(officerRows(officers));
}
