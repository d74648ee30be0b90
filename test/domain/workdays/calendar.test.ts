import { describe, expect, it } from 'vitest';
import { ScheduleMissingError, createWorkdayCalendar, parseHolidayFile, type CalendarOverride } from '../../../src/domain/workdays/index';

const cal = createWorkdayCalendar();

describe('dayKind: independent spot checks', () => {
  it.each([
    ['2023-10-07', 'workday'], // Sat, 调休 after 中秋国庆
    ['2023-10-08', 'workday'], // Sun, 调休
    ['2023-09-29', 'holiday'], // Fri, 中秋节
    ['2023-09-30', 'holiday'], // Sat inside the block: holiday, not weekend
    ['2023-10-09', 'workday'], // Mon
    ['2023-10-14', 'weekend'], // ordinary Sat
    ['2024-02-09', 'workday'], // 除夕 2024 (Fri) was not a day off
    ['2024-02-10', 'holiday'],
    ['2024-02-18', 'workday'], // Sun 调休
    ['2025-01-26', 'workday'], // Sun 调休
    ['2025-01-28', 'holiday'], // 除夕 2025, first year it is statutory
    ['2025-02-08', 'workday'], // Sat 调休
    ['2025-10-08', 'holiday'], // Wed, 8th day of 国庆+中秋
    ['2025-10-11', 'workday'], // Sat 调休
    ['2026-01-04', 'workday'], // Sun 调休
    ['2026-02-14', 'workday'], // Sat 调休
    ['2026-02-23', 'holiday'], // Mon, 正月初七
    ['2026-02-28', 'workday'], // Sat 调休
    ['2026-11-28', 'weekend'], // Sat
    ['2026-11-30', 'workday'], // Mon
    ['2023-12-30', 'holiday'], // Sat, in the 2024 元旦 block (〔2023〕7号)
    ['2023-12-31', 'holiday'],
    ['2023-12-29', 'workday'], // Fri
    ['2022-12-31', 'holiday'], // Sat, in the 2023 元旦 block (〔2022〕16号)
  ] as const)('%s is %s', (date, kind) => {
    expect(cal.dayKind(date)).toBe(kind);
    expect(cal.isWorkday(date)).toBe(kind === 'workday');
  });

  it('describes a day with its name and source', () => {
    expect(cal.describeDay('2025-10-08')).toEqual({
      date: '2025-10-08',
      kind: 'holiday',
      name: '国庆节、中秋节',
      source: 'built-in',
      scheduled: true,
    });
    expect(cal.describeDay('2026-03-02')).toEqual({ date: '2026-03-02', kind: 'workday', source: 'weekday-rule', scheduled: true });
    expect(cal.describeDay('2022-12-31')).toMatchObject({ kind: 'holiday', scheduled: false });
  });

  it('rejects invalid dates', () => {
    expect(() => cal.dayKind('2026-02-30')).toThrow(RangeError);
    expect(() => cal.dayKind('2026-2-3')).toThrow(RangeError);
  });
});

describe('hasSchedule / loadedYears / missingYears', () => {
  it('loads exactly 2023–2026 from built-in data', () => {
    expect(cal.loadedYears()).toEqual([2023, 2024, 2025, 2026]);
    expect(cal.hasSchedule(2022)).toBe(false);
    expect(cal.hasSchedule(2027)).toBe(false);
  });
  it('lists missing years in a range, either order', () => {
    expect(cal.missingYears('2022-06-01', '2028-01-01')).toEqual([2022, 2027, 2028]);
    expect(cal.missingYears('2026-12-01', '2025-01-01')).toEqual([]);
    expect(cal.missingYears('2026-12-25', '2027-01-10')).toEqual([2027]);
  });
});

describe('addWorkdays golden cases', () => {
  it.each([
    ['2023-09-28', 1, '2023-10-07'], // over 中秋国庆 to the 调休 Saturday
    ['2026-02-12', 5, '2026-02-26'], // over 春节 2026, 2-14 Sat counts
    ['2025-12-29', 5, '2026-01-06'], // across New Year: 12-30,12-31, (1-1..3 off), 1-4 Sun, 1-5, 1-6
    ['2023-12-28', 2, '2024-01-02'], // 12-29, (12-30..1-1 off), 1-2
    ['2024-12-31', 1, '2025-01-02'], // 2025-01-01 off, 1 day only
    ['2025-01-24', 1, '2025-01-26'], // Fri → the 调休 Sunday
    ['2025-01-24', 2, '2025-01-27'],
    ['2025-01-27', 1, '2025-02-05'], // 除夕 to 初七 off
    ['2026-11-27', 5, '2026-12-04'], // Fri + 5 plain
    ['2024-02-08', 1, '2024-02-09'], // 除夕 2024 is a workday
  ] as const)('%s + %i → %s', (start, n, expected) => {
    expect(cal.addWorkdays(start, n)).toEqual({ date: expected, provisional: false });
  });

  it('countStartDay: start counts as day 1 only when it is a workday', () => {
    expect(cal.addWorkdays('2026-11-30', 5, { countStartDay: true }).date).toBe('2026-12-04');
    expect(cal.addWorkdays('2026-11-30', 5, { countStartDay: false }).date).toBe('2026-12-07');
    expect(cal.addWorkdays('2026-11-30', 1, { countStartDay: true }).date).toBe('2026-11-30');
    // start is a holiday: nothing changes
    expect(cal.addWorkdays('2023-10-01', 1, { countStartDay: true }).date).toBe('2023-10-07');
    expect(cal.addWorkdays('2023-10-01', 1).date).toBe('2023-10-07');
  });

  it('n = 0 returns start unchanged, in both modes, never provisional', () => {
    expect(cal.addWorkdays('2023-10-01', 0)).toEqual({ date: '2023-10-01', provisional: false });
    expect(cal.addWorkdays('2027-01-01', 0, { countStartDay: true })).toEqual({ date: '2027-01-01', provisional: false });
  });

  it('rejects a negative, fractional or huge n', () => {
    expect(() => cal.addWorkdays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkdays('2025-01-01', 10_001)).toThrow(RangeError);
  });

  it('nextWorkday skips a block', () => {
    expect(cal.nextWorkday('2026-09-30')).toEqual({ date: '2026-10-08', provisional: false });
  });
});

describe('countWorkdays / workdaysBetween', () => {
  it('2025 has 248 working days (“2025年国家法定工作日248天”)', () => {
    expect(cal.countWorkdays(2025)).toBe(248);
  });
  it.each([
    [2023, 249],
    [2024, 251],
    [2026, 248],
  ])('%i has %i working days (pinned)', (year, n) => {
    expect(cal.countWorkdays(year)).toBe(n);
  });
  it('refuses a year without schedule', () => {
    expect(() => cal.countWorkdays(2027)).toThrow(ScheduleMissingError);
    expect(() => cal.countWorkdays(2022)).toThrow(ScheduleMissingError);
  });
  it('counts (a, b] and agrees with addWorkdays', () => {
    expect(cal.workdaysBetween('2023-09-28', '2023-10-07')).toEqual({ count: 1, provisional: false });
    expect(cal.workdaysBetween('2026-02-12', '2026-02-26')).toEqual({ count: 5, provisional: false });
    expect(cal.workdaysBetween('2026-02-26', '2026-02-12')).toEqual({ count: -5, provisional: false });
    expect(cal.workdaysBetween('2025-03-03', '2025-03-03')).toEqual({ count: 0, provisional: false });
    expect(cal.workdaysBetween('2024-12-31', '2025-12-31').count).toBe(248);
  });
  it('is provisional across an unloaded year', () => {
    expect(cal.workdaysBetween('2026-12-30', '2027-01-05').provisional).toBe(true);
  });
});

describe('years without a schedule are never silently Mon–Fri', () => {
  it('2027: result is marked provisional', () => {
    // 2027-01-01 is a Friday; with no schedule the Mon–Fri rule is used, and said so.
    expect(cal.addWorkdays('2026-12-31', 1)).toEqual({ date: '2027-01-01', provisional: true });
    expect(cal.addWorkdays('2026-12-25', 5)).toEqual({ date: '2027-01-01', provisional: true });
    expect(cal.addWorkdays('2026-12-24', 5)).toEqual({ date: '2026-12-31', provisional: false });
    expect(cal.describeDay('2027-01-01')).toMatchObject({ scheduled: false, source: 'weekday-rule' });
  });
  it('2022: the day counted is provisional, even with 2022-12-31 known from the 2023 notice', () => {
    expect(cal.addWorkdays('2022-12-29', 1)).toEqual({ date: '2022-12-30', provisional: true });
    expect(cal.addWorkdays('2022-12-30', 1)).toEqual({ date: '2023-01-03', provisional: true });
    // the start day is not examined when counting starts the next day
    expect(cal.addWorkdays('2022-12-31', 1)).toEqual({ date: '2023-01-03', provisional: false });
    expect(cal.addWorkdays('2022-12-31', 1, { countStartDay: true })).toEqual({ date: '2023-01-03', provisional: true });
  });
  it('an override file for 2027 makes 2027 non-provisional', () => {
    const file = parseHolidayFile(['年份,2027', '日期,类型,名称', '2027-01-01,放假,元旦', '2027-01-02,放假,元旦', '2027-01-03,放假,元旦'].join('\n'));
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    const with2027 = createWorkdayCalendar(file.calendarOverrides);
    expect(with2027.hasSchedule(2027)).toBe(true);
    expect(with2027.addWorkdays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: false });
    expect(with2027.dayKind('2027-01-01')).toBe('holiday');
    expect(with2027.countWorkdays(2027)).toBeGreaterThan(0);
  });
  it('day overrides without a year declaration patch days but keep the year provisional', () => {
    const c = createWorkdayCalendar([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(c.hasSchedule(2027)).toBe(false);
    expect(c.addWorkdays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: true });
  });
});

describe('overrides', () => {
  it('win over built-in data, last one wins', () => {
    const overrides: CalendarOverride[] = [
      { date: '2026-10-10', kind: 'holiday', name: '测试' }, // built-in 调休 Saturday
      { date: '2026-10-07', kind: 'workday' }, // built-in holiday
      { date: '2026-12-01', kind: 'holiday', name: '地方假日' },
      { date: '2026-12-01', kind: 'workday' },
    ];
    const c = createWorkdayCalendar(overrides);
    expect(c.dayKind('2026-10-10')).toBe('holiday');
    expect(c.describeDay('2026-10-10')).toMatchObject({ source: 'override', name: '测试' });
    expect(c.dayKind('2026-10-07')).toBe('workday');
    expect(c.dayKind('2026-12-01')).toBe('workday');
    // built-in calendar unaffected
    expect(cal.dayKind('2026-10-10')).toBe('workday');
  });
  it('rejects malformed overrides', () => {
    expect(() => createWorkdayCalendar([{ date: '2027-02-30', kind: 'holiday' }])).toThrow(RangeError);
    expect(() => createWorkdayCalendar([{ year: 27, complete: true }])).toThrow(RangeError);
    expect(() => createWorkdayCalendar([{ date: '2027-02-01', kind: 'off' as 'holiday' }])).toThrow(TypeError);
  });
  it('can start from other schedules (data, not code)', () => {
    const c = createWorkdayCalendar([], { schedules: [] });
    expect(c.loadedYears()).toEqual([]);
    expect(c.addWorkdays('2023-09-28', 1)).toEqual({ date: '2023-09-29', provisional: true });
  });
});
