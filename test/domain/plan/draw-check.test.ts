import { describe, expect, it } from 'vitest';
import { checkDrawInBatch, chooseBatch, defaultWindowIn, type PlanContent } from '../../../src/domain/plan';

const plan: PlanContent = {
  docNo: '偃应急〔2026〕18号',
  year: 2026,
  title: '2026年双随机抽查计划',
  checkItems: ['CI01'],
  batches: [
    {
      no: 1,
      from: '2026-04-01',
      to: '2026-06-30',
      targets: [
        { industry: '机械', amount: { kind: 'count', value: 5 } },
        { industry: '建材', amount: { kind: 'percent', value: 10 } },
      ],
    },
    { no: 2, from: '2026-07-01', to: '2026-09-30', targets: [] },
  ],
};
const [first, second] = plan.batches as [PlanContent['batches'][0], PlanContent['batches'][0]];

describe('the batch of a draw', () => {
  it('is the one named, else the one holding the window, else the one open today or next', () => {
    expect(chooseBatch(plan, { batch: 2, today: '2026-03-01' })).toEqual({ ok: true, batch: second });
    expect(chooseBatch(plan, { window: { from: '2026-05-01', to: '2026-05-31' }, today: '2026-03-01' })).toEqual({ ok: true, batch: first });
    expect(chooseBatch(plan, { today: '2026-03-01' })).toEqual({ ok: true, batch: first });
    expect(chooseBatch(plan, { today: '2026-07-15' })).toEqual({ ok: true, batch: second });
  });

  it('refuses a batch the plan lacks, a window in no batch, and a plan whose batches are over', () => {
    const none = chooseBatch(plan, { batch: 3, today: '2026-03-01' });
    expect(none).toMatchObject({ ok: false, code: 'no-such-batch' });
    const across = chooseBatch(plan, { window: { from: '2026-06-15', to: '2026-07-15' }, today: '2026-03-01' });
    expect(across).toMatchObject({ ok: false, code: 'no-batch-for-window' });
    if (!across.ok) expect(across.reason).toContain('第一批（2026-04-01 至 2026-06-30）');
    expect(chooseBatch(plan, { today: '2026-10-01' })).toMatchObject({ ok: false, code: 'batch-over' });
    const over = chooseBatch(plan, { batch: 1, today: '2026-07-02' });
    expect(over).toMatchObject({ ok: false, code: 'batch-over' });
    if (!over.ok)
      expect(over.reason).toBe(
        '偃应急〔2026〕18号 第一批（2026-04-01 至 2026-06-30） 已经结束（今天是 2026-07-02），不能再抽取。请选择其他批次（第一批（2026-04-01 至 2026-06-30）、第二批（2026-07-01 至 2026-09-30）），或由管理员用 /plan 调整批次时间。',
      );
  });

  it('is none for a plan without batches, and a named batch is refused there', () => {
    const bare = { ...plan, batches: [] };
    expect(chooseBatch(bare, { today: '2026-03-01' })).toEqual({ ok: true, batch: null });
    expect(chooseBatch(bare, { batch: 1, today: '2026-03-01' })).toMatchObject({ ok: false, code: 'no-such-batch' });
  });

  it('gives a window from today (or the batch start) to the batch end', () => {
    expect(defaultWindowIn(first, '2026-03-01')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(defaultWindowIn(first, '2026-05-10')).toEqual({ from: '2026-05-10', to: '2026-06-30' });
  });
});

describe('a draw within its batch', () => {
  it('passes inside the window with the batch industries', () => {
    expect(checkDrawInBatch(plan, first, { window: { from: '2026-04-01', to: '2026-06-30' }, industries: ['机械'] })).toBeNull();
    expect(checkDrawInBatch(plan, second, { window: { from: '2026-07-01', to: '2026-07-31' }, industries: null })).toBeNull();
  });

  it('is refused outside the batch window, saying which window and how to fix it', () => {
    const refused = checkDrawInBatch(plan, first, { window: { from: '2026-06-01', to: '2026-07-10' }, industries: ['机械'] });
    expect(refused?.code).toBe('outside-batch-window');
    expect(refused?.reason).toBe(
      '检查期 2026-06-01 至 2026-07-10 超出了 偃应急〔2026〕18号 第一批（2026-04-01 至 2026-06-30） 的时间。请把检查期改在 2026-04-01 至 2026-06-30 之内（如 4月1日-6月30日），或选择检查期所在的批次，或由管理员用 /plan 调整批次时间。',
    );
  });

  it('is refused for industries the batch has no target for, or none named', () => {
    const other = checkDrawInBatch(plan, first, { window: { from: '2026-04-01', to: '2026-04-30' }, industries: ['机械', '冶金'] });
    expect(other?.code).toBe('industry-not-in-batch');
    expect(other?.reason).toContain('没有安排 冶金 的抽查（本批次行业：机械、建材）');
    const all = checkDrawInBatch(plan, first, { window: { from: '2026-04-01', to: '2026-04-30' }, industries: null });
    expect(all?.reason).toContain('请在 /draw 中写明行业，例如：/draw 第一批 机械 建材 5家');
    expect(checkDrawInBatch(plan, first, { window: { from: '2026-04-01', to: '2026-04-30' }, industries: null, directed: true })).toBeNull();
  });
});
