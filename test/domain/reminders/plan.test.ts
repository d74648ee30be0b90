import { describe, expect, it } from 'vitest';
import { groupByOfficer, personDeadlines, selectReminders, type ReminderTask } from '../../../src/domain/reminders';
import { createWorkdayCalendar } from '../../../src/domain/workdays';

const calendar = createWorkdayCalendar();
const LEADER = { personId: 100, agencyId: 1 };
const ADMIN = { personId: 200, agencyId: 1 };

function task(over: Partial<ReminderTask> & { id: number }): ReminderTask {
  return {
    agencyId: 1,
    drawNo: '偃应急抽〔2026〕1号',
    ordinal: over.id - 1,
    enterpriseName: `企业${over.id}`,
    status: 'assigned',
    windowFrom: '2026-03-02',
    windowTo: '2026-03-31',
    publicationDue: null,
    publicationDueProvisional: false,
    officers: [
      { personId: 1, name: '张一', status: 'confirmed' },
      { personId: 2, name: '李二', status: 'confirmed' },
    ],
    findings: null,
    ...over,
  };
}

function plan(today: string, tasks: ReminderTask[]) {
  return selectReminders({ today, calendar, tasks, leaders: [LEADER], admins: [ADMIN] });
}

/** `kind state workdaysLeft` of what person `p` gets today. */
function itemsOf(today: string, tasks: ReminderTask[], p: number): string[] {
  const d = plan(today, tasks).digests.find((x) => x.audience === 'officer' && x.personId === p);
  return (d?.entries ?? []).map((e) => `${e.item.kind} ${e.item.state} ${e.item.workdaysLeft}`);
}

function leaderItems(today: string, tasks: ReminderTask[]): string[] {
  const d = plan(today, tasks).digests.find((x) => x.audience === 'leader');
  return (d?.entries ?? []).map((e) => `${e.item.kind} t${e.item.taskId} ${e.item.workdaysLeft}`);
}

describe('reminder selection: inspection window (检查期)', () => {
  const t = [task({ id: 1, windowTo: '2026-03-31' })]; // Tuesday
  it('is silent while more than 2 working days are left', () => {
    expect(itemsOf('2026-03-26', t, 1)).toEqual([]); // Thu → Fri, Mon, Tue = 3 left
  });
  it('reminds with 2 working days left, on the day, and as missing findings after it', () => {
    expect(itemsOf('2026-03-27', t, 1)).toEqual(['window upcoming 2']);
    expect(itemsOf('2026-03-31', t, 1)).toEqual(['window today 0']);
    expect(itemsOf('2026-04-01', t, 1)).toEqual(['findings overdue -1']);
    expect(leaderItems('2026-03-31', t)).toEqual([]);
    expect(leaderItems('2026-04-01', t)).toEqual(['findings t1 -1']);
  });
});

describe('reminder selection: confirmation', () => {
  const t = [
    task({
      id: 1,
      officers: [
        { personId: 1, name: '张一', status: 'pending' },
        { personId: 2, name: '李二', status: 'confirmed' },
        { personId: 3, name: '王三', status: 'recused' },
      ],
    }),
  ];
  it('reminds the pending officer every working day; overdue once the window has started', () => {
    expect(itemsOf('2026-02-27', t, 1)).toEqual(['confirm upcoming 2']); // Sat 02-28 is a 调休 working day
    expect(itemsOf('2026-03-02', t, 1)).toEqual(['confirm today 0']);
    expect(itemsOf('2026-03-03', t, 1)).toEqual(['confirm overdue -1']);
    expect(leaderItems('2026-03-03', t)).toEqual(['confirm t1 -1']);
  });
  it('sends nothing to the confirmed partner far from the deadline, nor to a recused officer', () => {
    expect(itemsOf('2026-03-03', t, 2)).toEqual([]);
    expect(itemsOf('2026-03-03', t, 3)).toEqual([]);
  });
});

describe('reminder selection: publication within 5 working days (偃应急〔2023〕18号)', () => {
  // Result 2026-03-02 (Mon) → due 2026-03-09 (Mon).
  const t = [task({ id: 1, status: 'inspected', publicationDue: '2026-03-09' })];
  it('before, on and after the deadline', () => {
    expect(itemsOf('2026-03-04', t, 1)).toEqual([]); // Thu, Fri, Mon = 3 left
    expect(itemsOf('2026-03-05', t, 1)).toEqual(['publication upcoming 2']);
    expect(itemsOf('2026-03-06', t, 2)).toEqual(['publication upcoming 1']);
    expect(itemsOf('2026-03-09', t, 1)).toEqual(['publication today 0']);
    expect(itemsOf('2026-03-11', t, 1)).toEqual(['publication overdue -2']);
    expect(leaderItems('2026-03-09', t)).toEqual([]);
    expect(leaderItems('2026-03-10', t)).toEqual(['publication t1 -1']);
  });
  it('sends nothing on an ordinary weekend', () => {
    const p = plan('2026-03-07', t);
    expect(p.isWorkday).toBe(false);
    expect(p.digests).toEqual([]);
  });
});

describe('reminder selection around the 2026 Spring Festival (国务院 2026 安排)', () => {
  // Due Tue 2026-02-24: 02-15 … 02-23 are off, Sat 02-14 is a 调休 working day.
  const t = [task({ id: 1, status: 'inspected', publicationDue: '2026-02-24' })];
  it('sends nothing on a holiday, even a Monday', () => {
    const p = plan('2026-02-16', t);
    expect(p.isWorkday).toBe(false);
    expect(p.digests).toEqual([]);
  });
  it('reminds on the 调休 Saturday, counting it as a working day', () => {
    expect(itemsOf('2026-02-13', t, 1)).toEqual(['publication upcoming 2']); // Sat 02-14 and Tue 02-24
    const sat = plan('2026-02-14', t);
    expect(sat.isWorkday).toBe(true);
    expect(itemsOf('2026-02-14', t, 1)).toEqual(['publication upcoming 1']);
    expect(itemsOf('2026-02-12', t, 1)).toEqual([]); // Fri 02-13, Sat 02-14, Tue 02-24 = 3
  });
});

describe('reminder selection: 复查 after a 限期整改 deadline', () => {
  const f = { rectification: 'deadline' as const, rectificationDue: '2026-03-10', recheckResult: null };
  const t = [task({ id: 1, status: 'published', findings: f })];
  it('starts on the rectification deadline and is overdue for leaders after the grace days', () => {
    expect(itemsOf('2026-03-09', t, 1)).toEqual([]);
    expect(itemsOf('2026-03-10', t, 1)).toEqual(['recheck upcoming 8']); // due 03-20
    expect(leaderItems('2026-03-20', t)).toEqual([]);
    expect(leaderItems('2026-03-23', t)).toEqual(['recheck t1 -1']);
  });
  it('stops once the result is recorded', () => {
    expect(itemsOf('2026-03-10', [task({ id: 1, status: 'published', findings: { ...f, recheckResult: 'rectified' } })], 1)).toEqual([]);
  });
});

describe('reminder plan', () => {
  const tasks = [
    task({ id: 1, status: 'inspected', publicationDue: '2026-03-09' }),
    task({
      id: 2,
      windowTo: '2026-03-06',
      officers: [
        { personId: 1, name: '张一', status: 'confirmed' },
        { personId: 3, name: '王三', status: 'confirmed' },
      ],
    }),
    task({ id: 3, status: 'cancelled', windowTo: '2026-03-06' }),
  ];
  it('gives each person ONE digest with unique keys (day, kind, task, recipient), soonest first; leaders one key a day', () => {
    const p = plan('2026-03-10', tasks);
    const one = p.digests.find((d) => d.audience === 'officer' && d.personId === 1)!;
    expect(one.entries.map((e) => e.key)).toEqual(['2026-03-10:findings:t2:p1', '2026-03-10:publication:t1:p1']);
    const keys = p.digests.flatMap((d) => d.digestKey ?? d.entries.map((e) => e.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(p.digests.find((d) => d.audience === 'leader')!.digestKey).toBe('2026-03-10:overdue-digest:p100'); // one escalation a day
    expect(p.digests.filter((d) => d.personId === 1)).toHaveLength(1);
    expect(plan('2026-03-10', tasks)).toEqual(p); // pure: same inputs, same plan
  });
  it('groups the leader digest by officer', () => {
    const leader = plan('2026-03-10', tasks).digests.find((d) => d.audience === 'leader')!;
    const groups = groupByOfficer(leader.entries.map((e) => e.item));
    expect(groups.map((g) => `${g.name} ${g.items.map((i) => i.taskId).join(',')}`)).toEqual(['张一 2,1', '李二 1', '王三 2']);
  });
  it('never treats a year without a schedule as plain Monday–Friday silently', () => {
    const provisional = [task({ id: 1, status: 'inspected', publicationDue: '2027-01-04', publicationDueProvisional: true })];
    const p = plan('2026-12-31', provisional);
    expect(p.digests[0]!.entries[0]!.item).toMatchObject({ kind: 'publication', provisional: true });
    expect(p.missingYears).toEqual([2027]);
    expect(p.notices).toEqual([{ personId: 200, agencyId: 1, key: '2026-12-31:holidays-missing:2027:p200', missingYears: [2027] }]);
    const loaded = createWorkdayCalendar([
      { year: 2027, complete: true },
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    ]);
    expect(
      selectReminders({
        today: '2026-12-31',
        calendar: loaded,
        tasks: [task({ id: 1, status: 'inspected', publicationDue: '2027-01-05' })],
        leaders: [],
        admins: [ADMIN],
      }).notices,
    ).toEqual([]);
  });
  it('lists every open deadline of a person for /deadlines, beyond the reminder horizon', () => {
    const items = personDeadlines(tasks, 3, '2026-03-02', calendar);
    expect(items.map((i) => `${i.kind} ${i.due} ${i.workdaysLeft}`)).toEqual(['window 2026-03-06 4']);
    expect(personDeadlines(tasks, 2, '2026-03-02', calendar).map((i) => i.kind)).toEqual(['publication']);
  });
});
