import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isoDateOf,
  parseIsoDate,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiTime,
  toDayNumber,
  weekdayNameZh,
  weekdayOf,
} from '../../../src/domain/workdays/index';

describe('calendar-date arithmetic', () => {
  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2023-02-29', '2027-13-01', '2027-04-31', '2027-1-1', '2027/01/01', ' 2027-01-01', '', '2027-00-10', '1900-02-29']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(isIsoDate('2000-02-29')).toBe(true);
    for (const notText of [undefined, null, 20240229, new Date(0)]) expect(isIsoDate(notText)).toBe(false);
  });
  it('writes a date from its parts, or refuses a day that does not exist', () => {
    expect(isoDateOf(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDateOf(2026, 6, 1)).toBe('2026-06-01');
    expect(isoDateOf(2023, 2, 29)).toBeNull();
    expect(isoDateOf(2026, 13, 1)).toBeNull();
    expect(isoDateOf(2026, 1.5, 1)).toBeNull();
  });
  it('adds months, clamping the day to the end of the month', () => {
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
  });
  it('day numbers round-trip and weekdays are right', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2026-11-30'))).toBe('2026-11-30');
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2026-11-30')).toBe(1);
    expect(weekdayOf('1969-12-28')).toBe(0);
    expect(weekdayNameZh('2023-10-07')).toBe('星期六');
  });
  it('adds days across month, year and leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
  });
  it('throws on invalid input', () => {
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('Asia/Shanghai helpers (fixed UTC+8)', () => {
  it.each([
    ['2026-11-29T16:30:00Z', '2026-11-30', '00:30'],
    ['2026-11-29T15:59:59Z', '2026-11-29', '23:59'],
    ['2026-11-29T16:00:00Z', '2026-11-30', '00:00'],
    ['2025-12-31T16:00:00Z', '2026-01-01', '00:00'],
    ['2026-07-01T03:05:00Z', '2026-07-01', '11:05'],
    ['1969-12-31T20:00:00Z', '1970-01-01', '04:00'],
  ])('%s → %s %s', (iso, date, time) => {
    const instant = new Date(iso);
    expect(shanghaiDate(instant)).toBe(date);
    expect(shanghaiTime(instant)).toBe(time);
    expect(shanghaiDateTime(instant)).toBe(`${date} ${time}`);
  });
  it('rejects an invalid Date', () => {
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});
