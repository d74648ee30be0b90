import { describe, expect, it } from 'vitest';
import { batchLine, checkItemsText, planProblems, readBatchLines, readBatchWord, readCheckItems, type PlanContent } from '../../../src/domain/plan';

describe('batches as administrators write them', () => {
  it('reads one batch per line, with or without labels, in both date forms', () => {
    const read = readBatchLines('第一批 2026-04-01至2026-06-30 机械5家 建材10%\n7月1日-9月30日 冶金3\n第3批 10.1-12.31', 2026);
    expect(read).toEqual({
      ok: true,
      value: [
        {
          no: 1,
          from: '2026-04-01',
          to: '2026-06-30',
          targets: [
            { industry: '机械', amount: { kind: 'count', value: 5 } },
            { industry: '建材', amount: { kind: 'percent', value: 10 } },
          ],
        },
        { no: 2, from: '2026-07-01', to: '2026-09-30', targets: [{ industry: '冶金', amount: { kind: 'count', value: 3 } }] },
        { no: 3, from: '2026-10-01', to: '2026-12-31', targets: [] },
      ],
    });
  });

  it('writes them back so that they read the same', () => {
    const text = '第一批 2026-04-01至2026-06-30 机械5家 建材2.5%\n第二批 2026-07-01至2026-09-30';
    const read = readBatchLines(text, 2026);
    if (!read.ok) throw new Error(read.errors.join());
    expect(read.value.map(batchLine).join('\n')).toBe(text);
  });

  it('names every problem with its line', () => {
    const read = readBatchLines('第二批 2026-04-01至2026-06-30 机械5家\n第2批 4月31日-5月1日\n第三批 7月1日-9月30日 化工5家 机械1.5家', 2026);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.errors).toHaveLength(4);
    expect(read.errors[0]).toContain('第 1 行');
    expect(read.errors[0]).toContain('这一行是第一批（写成了第二批）');
    expect(read.errors[1]).toContain('第 2 行');
    expect(read.errors[1]).toContain('检查时间');
    expect(read.errors[2]).toContain('“化工5家”');
    expect(read.errors[3]).toContain('“机械1.5家”');
  });

  it('reads batch words', () => {
    expect(readBatchWord('第一批')).toBe(1);
    expect(readBatchWord('第十二批')).toBe(12);
    expect(readBatchWord('第3批')).toBe(3);
    expect(readBatchWord('批次2')).toBe(2);
    expect(readBatchWord('第0批')).toBeUndefined();
    expect(readBatchWord('机械')).toBeUndefined();
  });
});

describe('check items', () => {
  it('reads numbers, ranges and 全部', () => {
    expect(readCheckItems('全部')).toMatchObject({ ok: true, value: expect.arrayContaining(['CI01', 'CI10']) });
    expect(readCheckItems('1-3、9')).toEqual({ ok: true, value: ['CI01', 'CI02', 'CI03', 'CI09'] });
    expect(readCheckItems('CI05,2')).toEqual({ ok: true, value: ['CI02', 'CI05'] });
    expect(readCheckItems('0、11').ok).toBe(false);
    expect(checkItemsText(['CI01', 'CI03'])).toBe('1、3');
  });
});

describe('plan problems', () => {
  const plan: PlanContent = {
    docNo: '偃应急〔2026〕18号',
    year: 2026,
    title: '2026年双随机抽查计划',
    checkItems: ['CI01'],
    batches: [
      { no: 1, from: '2026-04-01', to: '2026-06-30', targets: [{ industry: '机械', amount: { kind: 'count', value: 5 } }] },
      { no: 2, from: '2026-07-01', to: '2026-09-30', targets: [] },
    ],
  };

  it('accepts a sound plan', () => {
    expect(planProblems(plan)).toEqual([]);
  });

  it('refuses overlapping batches, batches outside the year, duplicate industries and bad amounts', () => {
    const problems = planProblems({
      ...plan,
      checkItems: [],
      batches: [
        {
          no: 1,
          from: '2026-04-01',
          to: '2026-06-30',
          targets: [
            { industry: '机械', amount: { kind: 'count', value: 5 } },
            { industry: '机械', amount: { kind: 'percent', value: 120 } },
          ],
        },
        { no: 2, from: '2026-06-30', to: '2027-01-10', targets: [] },
      ],
    });
    expect(problems.map((p) => p.text)).toEqual([
      '请至少选择一项抽查事项（1-10）。',
      '第一批：机械 写了两次，每个行业只能有一个目标。',
      '第一批：机械 的比例应大于 0% 且不超过 100%（现为 120%）。',
      '第二批：日期 2027-01-10 不在 2026 年内（批次须在计划年度内）。',
      '第二批：开始日期 2026-06-30 须晚于上一批的结束日期 2026-06-30（批次按时间先后排列，不能重叠）。',
    ]);
  });
});
