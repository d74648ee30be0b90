/**
 * The built-in data against the notices as transcribed in shared/research/domain-rules.md §6:
 * OFF blocks, WORK (调休) days, and the independent "weekday holidays only" lists.
 */
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SCHEDULES, addDays, createWorkdayCalendar, isWeekend, weekdayOf } from '../../../src/domain/workdays/index';

type Block = [from: string, to: string];
const NOTICES: Record<number, { notice: string; off: Block[]; work: string[]; weekdayOff: string[] }> = {
  2023: {
    notice: '国办发明电〔2022〕16号',
    off: [
      ['2022-12-31', '2023-01-02'],
      ['2023-01-21', '2023-01-27'],
      ['2023-04-05', '2023-04-05'],
      ['2023-04-29', '2023-05-03'],
      ['2023-06-22', '2023-06-24'],
      ['2023-09-29', '2023-10-06'],
    ],
    work: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
    weekdayOff: [
      '01-02',
      '01-23',
      '01-24',
      '01-25',
      '01-26',
      '01-27',
      '04-05',
      '05-01',
      '05-02',
      '05-03',
      '06-22',
      '06-23',
      '09-29',
      '10-02',
      '10-03',
      '10-04',
      '10-05',
      '10-06',
    ],
  },
  2024: {
    notice: '国办发明电〔2023〕7号',
    off: [
      ['2023-12-30', '2024-01-01'],
      ['2024-02-10', '2024-02-17'],
      ['2024-04-04', '2024-04-06'],
      ['2024-05-01', '2024-05-05'],
      ['2024-06-08', '2024-06-10'],
      ['2024-09-15', '2024-09-17'],
      ['2024-10-01', '2024-10-07'],
    ],
    work: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
    weekdayOff: [
      '01-01',
      '02-12',
      '02-13',
      '02-14',
      '02-15',
      '02-16',
      '04-04',
      '04-05',
      '05-01',
      '05-02',
      '05-03',
      '06-10',
      '09-16',
      '09-17',
      '10-01',
      '10-02',
      '10-03',
      '10-04',
      '10-07',
    ],
  },
  2025: {
    notice: '国办发明电〔2024〕12号',
    off: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-28', '2025-02-04'],
      ['2025-04-04', '2025-04-06'],
      ['2025-05-01', '2025-05-05'],
      ['2025-05-31', '2025-06-02'],
      ['2025-10-01', '2025-10-08'],
    ],
    work: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    weekdayOff: [
      '01-01',
      '01-28',
      '01-29',
      '01-30',
      '01-31',
      '02-03',
      '02-04',
      '04-04',
      '05-01',
      '05-02',
      '05-05',
      '06-02',
      '10-01',
      '10-02',
      '10-03',
      '10-06',
      '10-07',
      '10-08',
    ],
  },
  2026: {
    notice: '2025-11-04',
    off: [
      ['2026-01-01', '2026-01-03'],
      ['2026-02-15', '2026-02-23'],
      ['2026-04-04', '2026-04-06'],
      ['2026-05-01', '2026-05-05'],
      ['2026-06-19', '2026-06-21'],
      ['2026-09-25', '2026-09-27'],
      ['2026-10-01', '2026-10-07'],
    ],
    work: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    weekdayOff: [
      '01-01',
      '01-02',
      '02-16',
      '02-17',
      '02-18',
      '02-19',
      '02-20',
      '02-23',
      '04-06',
      '05-01',
      '05-04',
      '05-05',
      '06-19',
      '09-25',
      '10-01',
      '10-02',
      '10-05',
      '10-06',
      '10-07',
    ],
  },
};

function expand([from, to]: Block): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

const calendar = createWorkdayCalendar();

describe.each(Object.entries(NOTICES))('%s schedule', (yearText, expected) => {
  const year = Number(yearText);
  const schedule = BUILT_IN_SCHEDULES.find((s) => s.year === year);
  const offDays = expected.off.flatMap(expand);

  it('is built in, with its notice as source', () => {
    expect(schedule).toBeDefined();
    expect(schedule?.notice).toContain(expected.notice);
    expect(calendar.hasSchedule(year)).toBe(true);
  });

  it('lists exactly the OFF days of the notice, every one of them', () => {
    expect(schedule?.holidays.map((h) => h.date)).toEqual(offDays);
  });

  it('marks weekend days inside blocks correctly', () => {
    for (const h of schedule?.holidays ?? []) expect(h.weekend, h.date).toBe(isWeekend(h.date));
  });

  it('lists exactly the WORK (调休) days, all on Saturday or Sunday', () => {
    expect(schedule?.workdays.map((w) => w.date)).toEqual(expected.work);
    for (const d of expected.work) expect([0, 6], d).toContain(weekdayOf(d));
  });

  it.each(offDays)('%s is a holiday', (d) => {
    expect(calendar.dayKind(d)).toBe('holiday');
    expect(calendar.isWorkday(d)).toBe(false);
  });

  it.each(expected.work)('%s (调休) is a workday', (d) => {
    expect(calendar.dayKind(d)).toBe('workday');
  });

  it('matches the independent "weekday holidays only" list', () => {
    const weekdayOff = offDays.filter((d) => d.startsWith(yearText) && !isWeekend(d)).map((d) => d.slice(5));
    expect(weekdayOff).toEqual(expected.weekdayOff);
  });

  it('block edges: the day before and after each block is not a holiday of that block', () => {
    for (const [from, to] of expected.off) {
      for (const d of [addDays(from, -1), addDays(to, 1)]) {
        expect(calendar.dayKind(d), d).not.toBe('holiday');
      }
    }
  });
});
