/**
 * Results computed by the calendar that must not depend on the process time zone. Used both
 * in-process and by `tz-probe.ts` in child processes started with different TZ values.
 */
import { createWorkdayCalendar, shanghaiDate, shanghaiTime, weekdayOf } from '../../../src/domain/workdays/index';

export function computeProbe() {
  const cal = createWorkdayCalendar();
  return {
    add: [
      cal.addWorkdays('2023-09-28', 1),
      cal.addWorkdays('2026-02-12', 5),
      cal.addWorkdays('2025-12-29', 5),
      cal.addWorkdays('2026-12-31', 1),
      cal.addWorkdays('2026-11-30', 5, { countStartDay: true }),
    ],
    kinds: ['2023-10-07', '2023-10-09', '2023-10-14', '2024-02-09', '2025-01-26', '2026-02-14', '2026-02-28', '2026-03-01'].map(
      (d) => `${d}:${cal.dayKind(d)}`,
    ),
    weekdays: ['2023-10-09', '2023-10-14', '2026-11-30'].map((d) => weekdayOf(d)),
    counts: [2023, 2024, 2025, 2026].map((y) => cal.countWorkdays(y)),
    shanghai: ['2026-11-29T16:30:00Z', '2026-11-29T15:59:00Z', '2026-03-08T09:30:00Z', '2026-11-01T09:30:00Z'].map(
      (iso) => `${shanghaiDate(new Date(iso))} ${shanghaiTime(new Date(iso))}`,
    ),
  };
}

export const EXPECTED_PROBE: ReturnType<typeof computeProbe> = {
  add: [
    { date: '2023-10-07', provisional: false },
    { date: '2026-02-26', provisional: false },
    { date: '2026-01-06', provisional: false },
    { date: '2027-01-01', provisional: true },
    { date: '2026-12-04', provisional: false },
  ],
  kinds: [
    '2023-10-07:workday',
    '2023-10-09:workday',
    '2023-10-14:weekend',
    '2024-02-09:workday',
    '2025-01-26:workday',
    '2026-02-14:workday',
    '2026-02-28:workday',
    '2026-03-01:weekend',
  ],
  weekdays: [1, 6, 1],
  counts: [249, 251, 248, 248],
  // 2026-03-08 and 2026-11-01 are the US DST switch days: Shanghai must not care.
  shanghai: ['2026-11-30 00:30', '2026-11-29 23:59', '2026-03-08 17:30', '2026-11-01 17:30'],
};
