/**
 * The Chinese working-day calendar (工作日历) used for every deadline counted in working days,
 * e.g. the district plan's “检查结果 5 个工作日内公开” (shared/research/domain-rules.md §3.3).
 *
 * Sources: 国务院《全国年节及纪念日放假办法》 and the yearly 国务院办公厅 notices
 * 国办发明电〔2022〕16号 (2023), 〔2023〕7号 (2024), 〔2024〕12号 (2025) and the notice of
 * 2025-11-04 (2026); see `holiday-data.ts`. A day is a working day when it is Monday–Friday and
 * not a day off of the notice, or when the notice makes it a 调休 working Saturday/Sunday.
 *
 * Unknown years are never guessed silently: a year is *loaded* only when built-in data or an
 * override declares it complete; any result that had to look at a day of a year that is not
 * loaded is marked `provisional: true` (the Mon–Fri rule was used for it), and
 * {@link WorkdayCalendar.countWorkdays} refuses such a year with {@link ScheduleMissingError}.
 *
 * Counting rule: “5 个工作日内” is counted from the day AFTER the start day by default. Whether the
 * start day counts is a policy choice that no national rule settles (shared/research/
 * domain-rules.md §6 caveats), so it is the per-call option `countStartDay`.
 *
 * Pure: no clock, no I/O, no local-time getters; all dates are Asia/Shanghai calendar dates.
 */
import type { IsoDate } from '../model';
import { BUILT_IN_SCHEDULES, type YearSchedule } from './holiday-data';
import { MAX_YEAR, MIN_YEAR, dayNumberOfYearStart, fromDayNumber, toDayNumber, weekdayOfDayNumber, yearOfDayNumber } from './dates';

/**
 * What a day is:
 * - `workday`: a working day (Mon–Fri not off, or a 调休 Saturday/Sunday such as 2023-10-07);
 * - `weekend`: an ordinary Saturday or Sunday, outside every holiday block;
 * - `holiday`: a day off of a State Council notice, **including the Saturdays and Sundays inside
 *   the block** (2023-09-30, Sat, is `holiday`, not `weekend`). Chosen because the notice counts
 *   those days as part of the 放假 block (“9月29日至10月6日放假调休，共8天”), so an officer who
 *   asks about 2023-09-30 should hear “holiday”; for counting working days both are days off.
 */
export type DayKind = 'workday' | 'weekend' | 'holiday';

/** One day set by an administrator (DB row or override file); wins over the built-in data. */
export interface HolidayOverride {
  date: IsoDate;
  /** `holiday` = 放假 (day off), `workday` = 上班 (e.g. a 调休 Saturday). */
  kind: 'holiday' | 'workday';
  name?: string;
}

/**
 * Declares that the schedule of `year` is complete (the notice has been entered in full), so
 * days of that year are no longer provisional. Without it, overrides for a year only patch
 * single days and the year stays "no schedule".
 */
export interface YearComplete {
  year: number;
  complete: true;
}

/** What {@link createWorkdayCalendar} accepts: day entries and year declarations, in any order. */
export type CalendarOverride = HolidayOverride | YearComplete;

/** A computed date; `provisional` when a day of a year without a schedule was examined. */
export interface WorkdayResult {
  date: IsoDate;
  provisional: boolean;
}

/** A computed count; `provisional` as in {@link WorkdayResult}. */
export interface WorkdayCount {
  count: number;
  provisional: boolean;
}

export interface AddWorkdaysOptions {
  /**
   * Whether `start` itself counts as the first working day (when it is one). Default `false`:
   * counting starts the day after `start`, the usual reading of “N 个工作日内” in Chinese time
   * limits. This is a per-agency policy choice (domain-rules §6 caveats), hence the option.
   */
  countStartDay?: boolean;
}

/** Everything known about one day. */
export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  /** Holiday or 调休 name when the day comes from a notice or an override. */
  name?: string;
  /** Where the answer came from; `weekday-rule` = plain Mon–Fri / Sat–Sun. */
  source: 'built-in' | 'override' | 'weekday-rule';
  /** True when the day's year has a complete schedule (otherwise the answer is provisional). */
  scheduled: boolean;
}

export interface WorkdayCalendar {
  /** See {@link DayKind}. Throws `RangeError` for an invalid date. */
  dayKind(date: IsoDate): DayKind;
  isWorkday(date: IsoDate): boolean;
  describeDay(date: IsoDate): DayInfo;
  /** True when `year` has a complete schedule (built-in 2023–2026, or declared by an override). */
  hasSchedule(year: number): boolean;
  /** Loaded years, ascending. */
  loadedYears(): number[];
  /**
   * The deadline `n` working days after `start`.
   * - default (`countStartDay: false`): the n-th working day strictly after `start`, so
   *   2023-09-28 + 1 → 2023-10-07 (the 国庆 block is skipped, the 调休 Saturday counts);
   * - `countStartDay: true`: the n-th working day on or after `start` (start counts as day 1
   *   when it is a working day);
   * - `n = 0` returns `start` unchanged in both modes (no day is examined, so it is never
   *   provisional): a zero-day limit ends on the day it starts.
   * `n` must be an integer 0–10000, else `RangeError`. `provisional` is true when any day
   * examined lies in a year without a schedule.
   */
  addWorkdays(start: IsoDate, n: number, opts?: AddWorkdaysOptions): WorkdayResult;
  /** The first working day strictly after `date` (= `addWorkdays(date, 1)`). */
  nextWorkday(date: IsoDate): WorkdayResult;
  /**
   * Number of working days in `year`, e.g. 2025 → 248 (“2025年国家法定工作日248天”).
   * Throws {@link ScheduleMissingError} when the year has no schedule.
   */
  countWorkdays(year: number): number;
  /**
   * Working days in the half-open range (a, b]: `a` excluded, `b` included, matching the
   * default of {@link addWorkdays} (if `addWorkdays(a, n).date` is `b` then this is `n`).
   * `a = b` gives 0; `b` before `a` gives the negative count of (b, a].
   */
  workdaysBetween(a: IsoDate, b: IsoDate): WorkdayCount;
  /** Years between the years of `from` and `to` (both included, either order) with no schedule. */
  missingYears(from: IsoDate, to: IsoDate): number[];
}

/** Thrown when an exact answer needs a year whose holiday schedule is not loaded. */
export class ScheduleMissingError extends Error {
  readonly years: number[];
  constructor(years: number[]) {
    super(`no holiday schedule loaded for ${years.join(', ')}`);
    this.name = 'ScheduleMissingError';
    this.years = years;
  }
}

/** Largest `n` accepted by `addWorkdays` (about 40 years of working days). */
export const MAX_WORKDAYS_TO_ADD = 10_000;

interface DayEntry {
  kind: 'holiday' | 'workday';
  name?: string;
  source: 'built-in' | 'override';
}

export interface CalendarOptions {
  /** Built-in schedules to start from; defaults to {@link BUILT_IN_SCHEDULES} (2023–2026). */
  schedules?: readonly YearSchedule[];
}

/** True for a {@link YearComplete} entry. */
export function isYearComplete(o: CalendarOverride): o is YearComplete {
  return 'complete' in o && (o as YearComplete).complete === true;
}

/**
 * Builds the calendar from the built-in schedules plus `overrides` (DB rows or a parsed
 * override file). Overrides win over built-in data; among overrides for the same date the last
 * one wins. Throws `RangeError`/`TypeError` on a malformed override (invalid date, bad kind,
 * bad year), since overrides are validated before they are stored.
 */
export function createWorkdayCalendar(overrides: readonly CalendarOverride[] = [], options: CalendarOptions = {}): WorkdayCalendar {
  const days = new Map<number, DayEntry>();
  const loaded = new Set<number>();

  for (const schedule of options.schedules ?? BUILT_IN_SCHEDULES) {
    loaded.add(schedule.year);
    for (const h of schedule.holidays) {
      days.set(toDayNumber(h.date), { kind: 'holiday', name: h.name, source: 'built-in' });
    }
    for (const w of schedule.workdays) {
      days.set(toDayNumber(w.date), { kind: 'workday', name: w.name, source: 'built-in' });
    }
  }
  for (const o of overrides) {
    if (isYearComplete(o)) {
      if (!Number.isInteger(o.year) || o.year < MIN_YEAR || o.year > MAX_YEAR) {
        throw new RangeError(`invalid year ${String(o.year)} in a year-complete override`);
      }
      loaded.add(o.year);
      continue;
    }
    if (o.kind !== 'holiday' && o.kind !== 'workday') {
      throw new TypeError(`invalid override kind "${String(o.kind)}" for ${o.date}`);
    }
    const entry: DayEntry = { kind: o.kind, source: 'override' };
    if (o.name !== undefined && o.name !== '') entry.name = o.name;
    days.set(toDayNumber(o.date), entry);
  }

  const hasSchedule = (year: number): boolean => loaded.has(year);

  const kindOfDayNumber = (dn: number): DayKind => {
    const entry = days.get(dn);
    if (entry) return entry.kind;
    const w = weekdayOfDayNumber(dn);
    return w === 0 || w === 6 ? 'weekend' : 'workday';
  };

  const describeDay = (date: IsoDate): DayInfo => {
    const dn = toDayNumber(date);
    const entry = days.get(dn);
    const info: DayInfo = {
      date,
      kind: kindOfDayNumber(dn),
      source: entry ? entry.source : 'weekday-rule',
      scheduled: hasSchedule(yearOfDayNumber(dn)),
    };
    if (entry?.name !== undefined) info.name = entry.name;
    return info;
  };

  const addWorkdays = (start: IsoDate, n: number, opts: AddWorkdaysOptions = {}): WorkdayResult => {
    const startDn = toDayNumber(start);
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS_TO_ADD) {
      throw new RangeError(`n must be an integer from 0 to ${MAX_WORKDAYS_TO_ADD}, got ${n}`);
    }
    if (n === 0) return { date: start, provisional: false };
    let provisional = false;
    let remaining = n;
    for (let dn = opts.countStartDay ? startDn : startDn + 1; ; dn++) {
      if (!hasSchedule(yearOfDayNumber(dn))) provisional = true;
      if (kindOfDayNumber(dn) === 'workday' && --remaining === 0) {
        return { date: fromDayNumber(dn), provisional };
      }
    }
  };

  const countRange = (fromDn: number, toDn: number): WorkdayCount => {
    // Counts (fromDn, toDn], fromDn <= toDn.
    let count = 0;
    let provisional = false;
    for (let dn = fromDn + 1; dn <= toDn; dn++) {
      if (!hasSchedule(yearOfDayNumber(dn))) provisional = true;
      if (kindOfDayNumber(dn) === 'workday') count++;
    }
    return { count, provisional };
  };

  return {
    dayKind: (date) => kindOfDayNumber(toDayNumber(date)),
    isWorkday: (date) => kindOfDayNumber(toDayNumber(date)) === 'workday',
    describeDay,
    hasSchedule,
    loadedYears: () => [...loaded].sort((a, b) => a - b),
    addWorkdays,
    nextWorkday: (date) => addWorkdays(date, 1),
    countWorkdays(year) {
      if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
        throw new RangeError(`invalid year ${year}`);
      }
      if (!hasSchedule(year)) throw new ScheduleMissingError([year]);
      return countRange(dayNumberOfYearStart(year) - 1, dayNumberOfYearStart(year + 1) - 1).count;
    },
    workdaysBetween(a, b) {
      const an = toDayNumber(a);
      const bn = toDayNumber(b);
      if (bn >= an) return countRange(an, bn);
      const r = countRange(bn, an);
      return { count: -r.count, provisional: r.provisional };
    },
    missingYears(from, to) {
      const y1 = yearOfDayNumber(toDayNumber(from));
      const y2 = yearOfDayNumber(toDayNumber(to));
      const missing: number[] = [];
      for (let y = Math.min(y1, y2); y <= Math.max(y1, y2); y++) {
        if (!hasSchedule(y)) missing.push(y);
      }
      return missing;
    },
  };
}
