import { describe, expect, it } from 'vitest';
import { planProgress, progressTotals, targetsMet, type PlanContent, type TaskTally } from '../../../src/domain/plan';

const plan: PlanContent = {
  docNo: '偃应急〔2026〕18号',
  year: 2026,
  title: '计划',
  checkItems: ['CI01'],
  batches: [
    {
      no: 1,
      from: '2026-04-01',
      to: '2026-06-30',
      targets: [
        { industry: '机械', amount: { kind: 'count', value: 4 } },
        { industry: '建材', amount: { kind: 'percent', value: 10 } },
      ],
    },
    { no: 2, from: '2026-07-01', to: '2026-09-30', targets: [{ industry: '机械', amount: { kind: 'count', value: 2 } }] },
  ],
};

describe('plan progress', () => {
  it('counts drawn, inspected and published per batch and industry against each target', () => {
    const t = (batch: number | null, industry: string, status: TaskTally['status'], count = 1): TaskTally => ({ batch, industry, status, count });
    const tasks = [
      t(1, '机械', 'assigned', 2),
      t(1, '机械', 'inspected'),
      t(1, '机械', 'published'),
      t(1, '建材', 'published'),
      t(2, '机械', 'assigned'),
      t(2, '冶金', 'inspected'),
      t(null, '轻工', 'published'),
    ];
    // Hand-computed: 建材 10% of 23 eligible = 2.3, rounded up to 3.
    const rows = planProgress(plan, { 机械: 40, 建材: 23 }, tasks);
    expect(rows).toEqual([
      { batch: 1, industry: '机械', target: 4, targetText: '机械 4 家', drawn: 4, inspected: 2, published: 1 },
      { batch: 1, industry: '建材', target: 3, targetText: '建材 10%', drawn: 1, inspected: 1, published: 1 },
      { batch: 2, industry: '机械', target: 2, targetText: '机械 2 家', drawn: 1, inspected: 0, published: 0 },
      { batch: 2, industry: '冶金', target: null, targetText: '—', drawn: 1, inspected: 1, published: 0 },
      { batch: null, industry: '轻工', target: null, targetText: '—', drawn: 1, inspected: 1, published: 1 },
    ]);
    expect(progressTotals(rows)).toEqual({ target: 9, drawn: 8, inspected: 5, published: 3 });
    // Met: 建材 (1 inspected of 3)? no; 机械 第一批 (2 of 4)? no; 第二批 (0 of 2)? no. Rows without a target left out.
    expect(targetsMet(rows)).toEqual({ set: 3, met: 0, target: 9, inspected: 3 });
  });

  it('counts a target met when the enterprises inspected reach it, drawn alone not, a surplus kept to its own target', () => {
    const t = (batch: number, industry: string, status: TaskTally['status'], count: number): TaskTally => ({ batch, industry, status, count });
    // Hand-computed: 第一批 机械 4 → 5 inspected (met, counted as 4); 建材 10% of 20 = 2 → 2 drawn, 0 inspected; 第二批 机械 2 → 2 published (met).
    const rows = planProgress(plan, { 建材: 20 }, [t(1, '机械', 'inspected', 5), t(1, '建材', 'assigned', 2), t(2, '机械', 'published', 2)]);
    expect(targetsMet(rows)).toEqual({ set: 3, met: 2, target: 8, inspected: 6 });
    expect(targetsMet(planProgress({ ...plan, batches: [] }, {}, [t(1, '机械', 'published', 1)]))).toEqual({ set: 0, met: 0, target: 0, inspected: 0 });
  });

  it('shows every target with zeros before anything is drawn', () => {
    const rows = planProgress(plan, {}, []);
    expect(rows.map((r) => [r.batch, r.industry, r.target, r.drawn])).toEqual([
      [1, '机械', 4, 0],
      [1, '建材', 0, 0],
      [2, '机械', 2, 0],
    ]);
  });
});
