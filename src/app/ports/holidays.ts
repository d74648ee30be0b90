import type { CalendarOverride } from '../../domain/workdays';

/** The working-day calendar's overrides: yearly schedules (调休) and local holidays. */
export interface HolidayRepo {
  overrides(): Promise<CalendarOverride[]>;
  /** Stores a year's schedule (days plus the year marked complete); returns the number of days. */
  importYear(year: number, overrides: readonly CalendarOverride[], loadedBy: string): Promise<number>;
}
