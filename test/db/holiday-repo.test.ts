import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/app/ports/clock';
import type { Database } from '../../src/db/client';
import { createDrizzleStore } from '../../src/db/store';
import { createWorkdayCalendar } from '../../src/domain/workdays';
import { describeEachDb, openTestDatabase } from '../support/test-db';

describeEachDb('holiday overrides', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  it('loads a year, and a corrected file replaces the whole year', async () => {
    const store = createDrizzleStore(database.db, fixedClock('2026-12-01T00:00:00Z'));
    await store.transaction((r) =>
      r.holidays.importYear(
        2027,
        [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-04', kind: 'holiday', name: '元旦（误）' },
          { year: 2027, complete: true },
        ],
        'admin',
      ),
    );
    let calendar = createWorkdayCalendar(await store.transaction((r) => r.holidays.overrides()));
    expect(calendar.hasSchedule(2027)).toBe(true);
    expect(calendar.dayKind('2027-01-04')).toBe('holiday');
    await store.transaction((r) =>
      r.holidays.importYear(
        2027,
        [
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
          { year: 2027, complete: true },
        ],
        'admin',
      ),
    );
    calendar = createWorkdayCalendar(await store.transaction((r) => r.holidays.overrides()));
    expect(calendar.dayKind('2027-01-04')).toBe('workday');
    expect(calendar.dayKind('2027-01-01')).toBe('holiday');
    expect(calendar.addWorkdays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: false });
  });
});
