import { describe, expect, it } from 'vitest';
import { createWorkdayCalendar } from '../../../src/domain/workdays';
import type { Harness } from './harness';

/** Repos.holidays: a year's schedule replaces the year. */
export function holidayCases(h: () => Harness): void {
  describe('holidays', () => {
    it('loads a year, and a corrected file replaces the whole year and no other', async () => {
      const store = h().store;
      expect(
        await store.transaction((r) =>
          r.holidays.importYear(
            2087,
            [
              { date: '2087-01-02', kind: 'holiday', name: '元旦（误）' },
              { date: '2087-01-01', kind: 'holiday', name: '元旦' },
              { year: 2087, complete: true },
            ],
            'admin',
          ),
        ),
      ).toBe(2);
      await store.transaction((r) => r.holidays.importYear(2088, [{ date: '2088-02-14', kind: 'workday' }], 'admin'));
      // Days in date order; the years marked complete in any order.
      const mine = async () => {
        const all = (await store.transaction((r) => r.holidays.overrides())).filter((o) =>
          'date' in o ? o.date.startsWith('208') : o.year >= 2080 && o.year < 2090,
        );
        const years = all.filter((o) => !('date' in o)).sort((a, b) => ('year' in a && 'year' in b ? a.year - b.year : 0));
        return [...all.filter((o) => 'date' in o), ...years];
      };
      expect(await mine()).toEqual([
        { date: '2087-01-01', kind: 'holiday', name: '元旦' },
        { date: '2087-01-02', kind: 'holiday', name: '元旦（误）' },
        { date: '2088-02-14', kind: 'workday', name: undefined },
        { year: 2087, complete: true },
        { year: 2088, complete: true },
      ]);
      expect(await store.transaction((r) => r.holidays.importYear(2087, [{ date: '2087-01-01', kind: 'holiday', name: '元旦' }], 'admin2'))).toBe(1);
      expect(await mine()).toEqual([
        { date: '2087-01-01', kind: 'holiday', name: '元旦' },
        { date: '2088-02-14', kind: 'workday', name: undefined },
        { year: 2087, complete: true },
        { year: 2088, complete: true },
      ]);
      const calendar = createWorkdayCalendar(await mine());
      expect(calendar.hasSchedule(2087)).toBe(true);
      expect(calendar.dayKind('2087-01-02')).toBe('workday');
    });
  });
}
