/**
 * /deadlines and the digests say where a deadline stands in working days: “还剩 N 个工作日”,
 * “今天到期” or “已逾期 N 个工作日”, and never that it has passed (“已到”, “逾期”) before its date.
 * Around the boundaries: the deadline today, yesterday, tomorrow, on a day off, across a holiday.
 */
import { describe, expect, it } from 'vitest';
import { deadlinesCard, whenText } from '../../src/app/views/reminder-cards';
import { cardText } from '../support/test-runtime';
import { personDeadlines, selectReminders, type ReminderTask } from '../../src/domain/reminders';
import { createWorkdayCalendar } from '../../src/domain/workdays';

const calendar = createWorkdayCalendar();

function inspected(publicationDue: string, over: Partial<ReminderTask> = {}): ReminderTask {
  return {
    id: 1,
    agencyId: 1,
    drawNo: '偃应急抽〔2026〕1号',
    ordinal: 0,
    enterpriseName: '示例企业',
    status: 'inspected',
    windowFrom: '2026-03-02',
    windowTo: '2026-03-31',
    publicationDue,
    publicationDueProvisional: false,
    officers: [{ personId: 1, name: '张一', status: 'confirmed' }],
    findings: null,
    ...over,
  };
}

/** The publication line of /deadlines for person 1 on `today`. */
function said(today: string, task: ReminderTask): string {
  const items = personDeadlines([task], 1, today, calendar);
  return items.map(whenText).join(' | ');
}

describe('deadline wording in working days', () => {
  it('the deadline tomorrow, today, yesterday (ordinary weekdays)', () => {
    expect(said('2026-03-10', inspected('2026-03-11'))).toBe('还剩 1 个工作日');
    expect(said('2026-03-11', inspected('2026-03-11'))).toBe('今天到期');
    expect(said('2026-03-12', inspected('2026-03-11'))).toBe('已逾期 1 个工作日');
  });

  it('across a weekend: Friday before a Monday deadline is 1 left, Tuesday after it 1 over', () => {
    expect(said('2026-03-06', inspected('2026-03-09'))).toBe('还剩 1 个工作日');
    expect(said('2026-03-07', inspected('2026-03-09'))).toBe('还剩 1 个工作日');
    expect(said('2026-03-10', inspected('2026-03-09'))).toBe('已逾期 1 个工作日');
  });

  it('across the 国庆 holiday of 2026 (10-01 to 10-07 off, 10-10 a 调休 Saturday)', () => {
    // 09-30 (Wed) → 10-08 (Thu): only 10-08 is a working day in between.
    expect(said('2026-09-30', inspected('2026-10-08'))).toBe('还剩 1 个工作日');
    expect(said('2026-10-03', inspected('2026-10-08'))).toBe('还剩 1 个工作日');
    // A deadline of 09-30 seen during the holiday: past, but no working day over yet.
    expect(said('2026-10-05', inspected('2026-09-30'))).toBe('已于 2026-09-30 到期');
    expect(said('2026-10-08', inspected('2026-09-30'))).toBe('已逾期 1 个工作日');
    // The 调休 Saturday counts: 10-08, 10-09, 10-10.
    expect(said('2026-10-10', inspected('2026-09-30'))).toBe('已逾期 3 个工作日');
  });

  it('a deadline on a day off: 0 left before it, never “逾期” before the date', () => {
    const window = { status: 'assigned' as const, publicationDue: null, windowFrom: '2026-03-02', windowTo: '2026-03-07' };
    expect(said('2026-03-06', inspected('', window))).toBe('还剩 0 个工作日（2026-03-07 到期）');
    expect(said('2026-03-07', inspected('', window))).toBe('今天到期');
  });

  it('a 复查 whose 整改期限 is still ahead reads as coming, not as reached', () => {
    const task = inspected('2026-03-09', {
      status: 'published',
      findings: { rectification: 'deadline', rectificationDue: '2026-03-20', recheckResult: null },
    });
    const before = cardText(deadlinesCard('张一', '2026-03-10', personDeadlines([task], 1, '2026-03-10', calendar)));
    expect(before).toContain('整改期限 2026-03-20，到期后请复查并登记结果，复查期限 2026-03-30（还剩 14 个工作日）');
    expect(before).not.toMatch(/已到|逾期/);
    const on = cardText(deadlinesCard('张一', '2026-03-20', personDeadlines([task], 1, '2026-03-20', calendar)));
    expect(on).toContain('整改期限 2026-03-20 已到，请复查并登记结果，复查期限 2026-03-30（还剩 6 个工作日）');
  });

  it('an officer whose 回避 awaits the head is shown it, and reminded of nothing on that task', () => {
    const task: ReminderTask = {
      ...inspected(''),
      status: 'assigned',
      publicationDue: null,
      officers: [
        { personId: 1, name: '张一', status: 'awaiting_recusal' },
        { personId: 2, name: '李二', status: 'pending' },
      ],
    };
    const card = cardText(deadlinesCard('张一', '2026-03-02', personDeadlines([task], 1, '2026-03-02', calendar)));
    expect(card).toContain('张一的回避申请待局领导审批，审批前无需处理本任务');
    const plan = selectReminders({ today: '2026-03-03', calendar, tasks: [task], leaders: [{ personId: 9, agencyId: 1 }], admins: [] });
    expect(plan.digests.map((d) => [d.audience, d.personId, d.entries.map((e) => e.item.kind)])).toEqual([
      ['officer', 2, ['confirm']],
      ['leader', 9, ['confirm', 'recusal']],
    ]);
  });
});
