/**
 * Pure calendar-date arithmetic, independent of the process time zone.
 *
 * A calendar date `YYYY-MM-DD` is turned into a *day number* (days since 1970-01-01 in the
 * proleptic Gregorian calendar, computed with `Date.UTC`) and back with `getUTC*` only. No
 * local-time getter (`getDate`, `getDay`, `getHours`, …) and no `new Date('YYYY-MM-DD')`
 * string parsing is used anywhere, so `TZ=America/Los_Angeles` gives the same answers as
 * `TZ=Asia/Shanghai` (the `chinese-days` package gets this wrong, see
 * shared/research/performance-reliability.md §6).
 *
 * Instants are turned into Asia/Shanghai wall-clock values with a fixed offset of UTC+8:
 * China has used a single zone with no daylight saving time since 1991, so the offset is
 * constant for every instant this system will ever see, and a fixed offset does not depend on
 * the ICU time-zone data of the runtime (Workers, small-ICU Node builds).
 */
import type { IsoDate } from '../model';

const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai = UTC+8, no DST since 1991. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Smallest and largest supported years (four-digit years only). */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

/** 0 = Sunday … 6 = Saturday (same numbering as `Date#getUTCDay`). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Year, month (1–12) and day of a valid `YYYY-MM-DD` date. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/**
 * Splits a `YYYY-MM-DD` string into its parts, or returns `null` when the text is not exactly
 * that shape or names a day that does not exist (2027-02-29, 2027-13-01, 2027-04-31).
 */
export function parseIsoDate(text: string): DateParts | null {
  const m = ISO_DATE_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/**
 * True when `value` is a real calendar date written `YYYY-MM-DD`: the one date check of the
 * code base (draw parameters, registers, findings forms, holiday files, the CLI).
 */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== null;
}

/** The `YYYY-MM-DD` text of a year, month (1–12) and day, or `null` when no such day exists. */
export function isoDateOf(year: number, month: number, day: number): IsoDate | null {
  const text = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  return isIsoDate(text) ? text : null;
}

/** Number of days in `month` (1–12) of `year`, Gregorian rules. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Day number (days since 1970-01-01) of a date; throws `RangeError` on an invalid date. */
export function toDayNumber(date: IsoDate): number {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`invalid date "${date}", expected a real YYYY-MM-DD date`);
  return Date.UTC(p.year, p.month - 1, p.day) / MS_PER_DAY;
}

/** Inverse of {@link toDayNumber}; throws `RangeError` outside years 1000–9999. */
export function fromDayNumber(dayNumber: number): IsoDate {
  if (!Number.isSafeInteger(dayNumber)) throw new RangeError(`invalid day number ${dayNumber}`);
  const d = new Date(dayNumber * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`day number ${dayNumber} is outside years ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Calendar year of a day number. */
export function yearOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * MS_PER_DAY).getUTCFullYear();
}

/** Day number of January 1 of `year`. */
export function dayNumberOfYearStart(year: number): number {
  return Date.UTC(year, 0, 1) / MS_PER_DAY;
}

/** Weekday of a day number: 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekdayOfDayNumber(dayNumber: number): Weekday {
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday;
}

/** Weekday of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: IsoDate): Weekday {
  return weekdayOfDayNumber(toDayNumber(date));
}

/** True for Saturday and Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * `date` moved by `months` calendar months; the day is clamped to the end of the target
 * month (2025-03-31 − 1 month = 2025-02-28).
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`invalid date "${date}", expected a real YYYY-MM-DD date`);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(Math.min(p.day, daysInMonth(year, month)))}`;
}

/** Calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** Year of a valid date; throws `RangeError` on an invalid one. */
export function yearOf(date: IsoDate): number {
  const p = parseIsoDate(date);
  if (!p) throw new RangeError(`invalid date "${date}", expected a real YYYY-MM-DD date`);
  return p.year;
}

/** Chinese weekday name, 星期日 … 星期六. */
export function weekdayNameZh(date: IsoDate): string {
  return `星期${'日一二三四五六'[weekdayOf(date)] ?? ''}`;
}

/** The Asia/Shanghai calendar date of an instant (UTC+8). 2026-11-29T16:30:00Z → 2026-11-30. */
export function shanghaiDate(instant: Date): IsoDate {
  return fromDayNumber(Math.floor(shanghaiMs(instant) / MS_PER_DAY));
}

/** The Asia/Shanghai wall-clock time of an instant, `HH:mm` (24-hour). */
export function shanghaiTime(instant: Date): string {
  const msOfDay = mod(shanghaiMs(instant), MS_PER_DAY);
  const minutes = Math.floor(msOfDay / 60_000);
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** The Asia/Shanghai date and time of an instant, `YYYY-MM-DD HH:mm`. */
export function shanghaiDateTime(instant: Date): string {
  return `${shanghaiDate(instant)} ${shanghaiTime(instant)}`;
}

/** The Asia/Shanghai date and time of an instant to the second, `YYYY-MM-DD HH:mm:ss` (a beacon round's time). */
export function shanghaiDateTimeSeconds(instant: Date): string {
  const seconds = Math.floor(mod(shanghaiMs(instant), 60_000) / 1000);
  return `${shanghaiDateTime(instant)}:${pad2(seconds)}`;
}

function shanghaiMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return ms + SHANGHAI_OFFSET_MS;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
