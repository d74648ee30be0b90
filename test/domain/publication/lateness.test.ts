import { describe, expect, it } from 'vitest';
import { publicationTiming, timingText } from '../../../src/domain/publication/lateness';
import { createWorkdayCalendar } from '../../../src/domain/workdays';

const calendar = createWorkdayCalendar();

describe('publication lateness in working days', () => {
  it('on or before the deadline is on time', () => {
    expect(publicationTiming('2026-03-09', '2026-03-09', calendar)).toEqual({ late: false, workdaysOver: 0, provisional: false });
    expect(publicationTiming('2026-03-09', '2026-03-02', calendar)).toEqual({ late: false, workdaysOver: 0, provisional: false });
  });
  it('counts the working days over, skipping holidays and counting 调休 days', () => {
    expect(publicationTiming('2026-03-09', '2026-03-12', calendar)).toMatchObject({ late: true, workdaysOver: 3 });
    // 2026-09-30 deadline; 10-01..10-07 off; 10-08, 10-09 and the 调休 Saturday 10-10 count.
    expect(publicationTiming('2026-09-30', '2026-10-10', calendar)).toMatchObject({ late: true, workdaysOver: 3 });
  });
  it('a publication on the day off right after the deadline is late by 0 working days, and says so', () => {
    expect(publicationTiming('2026-03-06', '2026-03-07', calendar)).toMatchObject({ late: true, workdaysOver: 0 });
    expect(timingText(0, true)).toBe('逾期公示（期限后的休息日）');
    expect(timingText(3, true)).toBe('逾期 3 个工作日公示');
    expect(timingText(0, false)).toBe('按期公示');
  });
  it('marks a count into a year without a schedule as provisional', () => {
    expect(publicationTiming('2026-12-31', '2027-01-05', calendar).provisional).toBe(true);
  });
});
