/**
 * The statistics and the year-end assessment on a small fixed year, every figure worked out by
 * hand (the comments say how). Today is 2026-03-20.
 */
import { describe, expect, it } from 'vitest';
import { assessmentOf, percent, statistics, type StatTask } from '../../../src/domain/reports/statistics';

const ZHANG = { personId: 1, name: '张三', unit: '法规科' };
const LI = { personId: 2, name: '李四', unit: '执法大队' };
const WANG = { personId: 3, name: '王五', unit: '执法大队' };
const ZHAO = { personId: 4, name: '赵六', unit: '法规科' };
const confirmed = (o: typeof ZHANG) => ({ ...o, status: 'confirmed' as const });
const clean = { hazards: [], majorHazard: false };

const TASKS: StatTask[] = [
  // T1 机械 岳滩镇: published on 03-06, due 03-09 → on time; no hazard.
  {
    industry: '机械',
    township: '岳滩镇',
    status: 'published',
    publicationDue: '2026-03-09',
    publishedOn: '2026-03-06',
    officers: [confirmed(ZHANG), confirmed(LI)],
    findings: clean,
  },
  // T2 机械 顾县镇: published 03-12, due 03-09 → late; 2 hazards (1 major), 限期整改 found rectified at the 复查.
  {
    industry: '机械',
    township: '顾县镇',
    status: 'published',
    publicationDue: '2026-03-09',
    publishedOn: '2026-03-12',
    officers: [confirmed(ZHANG), confirmed(WANG)],
    findings: {
      hazards: [
        { major: false, rectified: true },
        { major: true, rectified: true },
      ],
      majorHazard: true,
    },
  },
  // T3 建材 岳滩镇: inspected, due 03-13 < today → overdue; 1 hazard rectified on the spot.
  {
    industry: '建材',
    township: '岳滩镇',
    status: 'inspected',
    publicationDue: '2026-03-13',
    publishedOn: null,
    officers: [confirmed(LI), confirmed(WANG)],
    findings: { hazards: [{ major: false, rectified: true }], majorHazard: false },
  },
  // T4 建材 岳滩镇: inspected, due 03-25 → not yet due; 2 hazards, 限期整改 not rechecked yet.
  {
    industry: '建材',
    township: '岳滩镇',
    status: 'inspected',
    publicationDue: '2026-03-25',
    publishedOn: null,
    officers: [confirmed(WANG), confirmed(ZHAO)],
    findings: {
      hazards: [
        { major: false, rectified: false },
        { major: false, rectified: false },
      ],
      majorHazard: false,
    },
  },
  // T5 纺织 顾县镇: assigned; 赵六 confirmed, 张三 not yet → the team has not confirmed.
  {
    industry: '纺织',
    township: '顾县镇',
    status: 'assigned',
    publicationDue: null,
    publishedOn: null,
    officers: [confirmed(ZHAO), { ...ZHANG, status: 'pending' }],
    findings: null,
  },
  // T6 纺织 顾县镇: assigned; 李四 recused, 王五 drawn in his place; both active officers confirmed.
  {
    industry: '纺织',
    township: '顾县镇',
    status: 'assigned',
    publicationDue: null,
    publishedOn: null,
    officers: [{ ...LI, status: 'recused' }, confirmed(ZHAO), confirmed(WANG)],
    findings: null,
  },
  // T7: its draw was cancelled → left out everywhere.
  {
    industry: '机械',
    township: '岳滩镇',
    status: 'cancelled',
    publicationDue: null,
    publishedOn: null,
    officers: [confirmed(ZHANG), confirmed(LI)],
    findings: null,
  },
  // T8 机械 顾县镇: published on its last day → on time; the major-hazard flag with no line marked major counts one; not rectified at the 复查.
  {
    industry: '机械',
    township: '顾县镇',
    status: 'published',
    publicationDue: '2026-03-10',
    publishedOn: '2026-03-10',
    officers: [confirmed(LI), confirmed(ZHAO)],
    findings: { hazards: [{ major: false, rectified: false }], majorHazard: true },
  },
];

const figures = (o: Partial<Record<string, number>>) => ({
  tasks: 0,
  confirmed: 0,
  inspected: 0,
  publishedOnTime: 0,
  publishedLate: 0,
  overdue: 0,
  hazards: 0,
  hazardsRectified: 0,
  majorHazards: 0,
  ...o,
});

describe('statistics of a year', () => {
  const s = statistics(TASKS, '2026-03-20');

  it('counts the year: 7 tasks (T7 cancelled), 6 confirmed (not T5), 5 inspected, 2 on time, 1 late, 1 overdue, 6 hazards, 3 rectified, 2 major', () => {
    expect(s.total).toEqual(
      figures({ tasks: 7, confirmed: 6, inspected: 5, publishedOnTime: 2, publishedLate: 1, overdue: 1, hazards: 6, hazardsRectified: 3, majorHazards: 2 }),
    );
  });

  it('by industry', () => {
    expect(s.byIndustry).toEqual([
      { label: '建材', ...figures({ tasks: 2, confirmed: 2, inspected: 2, overdue: 1, hazards: 3, hazardsRectified: 1 }) },
      {
        label: '机械',
        ...figures({ tasks: 3, confirmed: 3, inspected: 3, publishedOnTime: 2, publishedLate: 1, hazards: 3, hazardsRectified: 2, majorHazards: 2 }),
      },
      { label: '纺织', ...figures({ tasks: 2, confirmed: 1 }) },
    ]);
  });

  it('by township', () => {
    expect(s.byTownship).toEqual([
      { label: '岳滩镇', ...figures({ tasks: 3, confirmed: 3, inspected: 3, publishedOnTime: 1, overdue: 1, hazards: 3, hazardsRectified: 1 }) },
      {
        label: '顾县镇',
        ...figures({ tasks: 4, confirmed: 3, inspected: 2, publishedOnTime: 1, publishedLate: 1, hazards: 3, hazardsRectified: 2, majorHazards: 2 }),
      },
    ]);
  });

  it('by officer: his own tasks (not those he recused from), his own confirmation', () => {
    expect(s.byOfficer).toEqual([
      {
        label: '李四',
        unit: '执法大队',
        ...figures({ tasks: 3, confirmed: 3, inspected: 3, publishedOnTime: 2, overdue: 1, hazards: 2, hazardsRectified: 1, majorHazards: 1 }),
      },
      {
        label: '王五',
        unit: '执法大队',
        ...figures({ tasks: 4, confirmed: 4, inspected: 3, publishedLate: 1, overdue: 1, hazards: 5, hazardsRectified: 3, majorHazards: 1 }),
      },
      {
        label: '张三',
        unit: '法规科',
        ...figures({ tasks: 3, confirmed: 2, inspected: 2, publishedOnTime: 1, publishedLate: 1, hazards: 2, hazardsRectified: 2, majorHazards: 1 }),
      },
      { label: '赵六', unit: '法规科', ...figures({ tasks: 4, confirmed: 4, inspected: 2, publishedOnTime: 1, hazards: 3, majorHazards: 1 }) },
    ]);
  });

  it('by unit: a task once for each unit among its officers', () => {
    expect(s.byUnit).toEqual([
      {
        label: '执法大队',
        ...figures({
          tasks: 6,
          confirmed: 6,
          inspected: 5,
          publishedOnTime: 2,
          publishedLate: 1,
          overdue: 1,
          hazards: 6,
          hazardsRectified: 3,
          majorHazards: 2,
        }),
      },
      {
        label: '法规科',
        ...figures({ tasks: 6, confirmed: 5, inspected: 4, publishedOnTime: 2, publishedLate: 1, hazards: 5, hazardsRectified: 2, majorHazards: 2 }),
      },
    ]);
  });

  it('rates the units and officers for the year-end assessment', () => {
    const rates = (rows: typeof s.byUnit) =>
      rows
        .map((r) => assessmentOf(r))
        .map((a) => [a.label, a.tasks, a.inspected, percent(a.completionRate), a.due, a.publishedOnTime, percent(a.timelinessRate)]);
    expect(rates(s.byUnit)).toEqual([
      ['执法大队', 6, 5, '83.3%', 4, 2, '50.0%'],
      ['法规科', 6, 4, '66.7%', 3, 2, '66.7%'],
    ]);
    expect(rates(s.byOfficer)).toEqual([
      ['李四', 3, 3, '100.0%', 3, 2, '66.7%'],
      ['王五', 4, 3, '75.0%', 2, 0, '0.0%'],
      ['张三', 3, 2, '66.7%', 2, 1, '50.0%'],
      ['赵六', 4, 2, '50.0%', 1, 1, '100.0%'],
    ]);
    expect(assessmentOf({ label: '空', ...figures({}) })).toMatchObject({ completionRate: null, timelinessRate: null });
    expect(percent(null)).toBe('—');
  });

  it('is empty for a year without tasks', () => {
    expect(statistics([], '2026-03-20')).toEqual({ total: figures({}), byIndustry: [], byTownship: [], byOfficer: [], byUnit: [] });
  });
});
