import { fromDayNumber, isoDateOf } from '../domain/workdays/dates';
import type { RawCell } from './types';

/** Text of a code-like cell: full-width letters and digits made half-width, all spaces removed. */
export function codeText(cell: RawCell | undefined): string {
  return (cell?.text ?? '').normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Split a list cell: items separated by 、 , ， ; ； / | or spaces (any mix). Empty items are
 * dropped, duplicates kept once, order kept.
 */
export function splitList(text: string): string[] {
  const items = text
    .split(/[、,，;；/|\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...new Set(items)];
}

/** Excel's serial number of 1970-01-01 (its day 0 is 1899-12-30). */
const EXCEL_EPOCH_DAY = 25_569;

/**
 * A date from a cell: an Excel date cell, an Excel serial number, or text written YYYY-MM-DD,
 * YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD (a time after the date is ignored). Returns
 * YYYY-MM-DD, or null when it is not a real calendar date between 1990 and 2099.
 */
export function parseDateCell(cell: RawCell | undefined): string | null {
  if (!cell) return null;
  if (cell.kind === 'date' && cell.date) return inRange(cell.date);
  if (cell.kind === 'number' && cell.number !== undefined) {
    const serial = cell.number;
    if (Number.isInteger(serial) && serial > 60 && serial < 80_000) {
      return inRange(fromDayNumber(serial - EXCEL_EPOCH_DAY));
    }
  }
  const text = cell.text.normalize('NFKC').trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const iso = isoDateOf(Number(m[1]), Number(m[2]), Number(m[3]));
  return iso === null ? null : inRange(iso);
}

function inRange(iso: string): string | null {
  const year = Number(iso.slice(0, 4));
  return year >= 1990 && year <= 2099 ? iso : null;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '重点', '重点监管']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '一般', '非重点']);

/** 是/否 (and Y/N, true/false, 1/0, √/×). Empty gives `empty`; anything else null. */
export function parseYesNo(text: string, empty: boolean): boolean | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  if (t === '') return empty;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** Shorten a value for an error message. */
export function showValue(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** “第 5 行「列」值：问题” — the shape of every row error. */
export function rowError(rowNumber: number, header: string, value: string, problem: string): string {
  return value === '' ? `第 ${rowNumber} 行「${header}」${problem}` : `第 ${rowNumber} 行「${header}」${showValue(value)}：${problem}`;
}
