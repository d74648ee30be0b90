import { describe, expect, it } from 'vitest';
import { buildEnterprisePool, type EnterprisePoolInput } from '../../../src/domain/draw';
import { cert, enterprise, TODAY, uscc } from './fixtures';

const input = (over: Partial<EnterprisePoolInput>): EnterprisePoolInput => ({
  enterprises: [],
  history: [],
  filters: {},
  policy: { yearlyCap: 1, cooldownMonths: 0 },
  today: TODAY,
  ...over,
});

function build(over: Partial<EnterprisePoolInput>) {
  const r = buildEnterprisePool(input(over));
  if (!r.ok) throw new Error(r.reason);
  return r;
}

describe('enterprise pool', () => {
  it('excludes with a reason code and a Chinese detail, first rule wins', () => {
    const r = build({
      enterprises: [enterprise(1, { status: '注销' }), enterprise(2, { keySupervision: true }), enterprise(3), enterprise(4), enterprise(5), enterprise(6)],
      history: [
        { uscc: uscc(3), date: '2025-05-01', officers: [cert(1)], open: true, random: true },
        { uscc: uscc(4), date: '2025-01-10', officers: [], open: false, random: true },
      ],
    });
    expect(r.pool.map((e) => e.uscc)).toEqual([uscc(5), uscc(6)]);
    const byUscc = Object.fromEntries(r.excluded.map((x) => [x.uscc, x]));
    expect(byUscc[uscc(1)]).toMatchObject({ code: 'not-operating', detail: expect.stringContaining('注销') });
    expect(byUscc[uscc(2)]).toMatchObject({ code: 'key-supervision', detail: expect.stringContaining('优化营商环境条例 第五十四条') });
    expect(byUscc[uscc(3)]).toMatchObject({ code: 'open-task' });
    expect(byUscc[uscc(4)]).toMatchObject({ code: 'yearly-cap', detail: expect.stringContaining('偃应急〔2023〕18号') });
    expect(r.counts).toMatchObject({ directory: 6, matchingFilters: 6, eligible: 2, excluded: 4 });
  });

  it('counts random inspections of other departments against the cap, only in this year', () => {
    const history = [
      { uscc: uscc(1), date: '2024-11-01', officers: [], open: false, random: true },
      { uscc: uscc(2), date: '2025-03-01', officers: [], open: false, random: false },
      { uscc: uscc(3), date: '2025-03-01', officers: [], open: false, random: true },
    ];
    const enterprises = [1, 2, 3].map((i) => enterprise(i));
    expect(build({ enterprises, history }).pool.map((e) => e.uscc)).toEqual([uscc(1), uscc(2)]);
    expect(build({ enterprises, history, policy: { yearlyCap: 2, cooldownMonths: 0 } }).pool).toHaveLength(3);
    expect(build({ enterprises, history, policy: { yearlyCap: 0, cooldownMonths: 0 } }).pool).toHaveLength(3);
  });

  it('cool-down: inspected after today − N months is out, exactly N months ago is in', () => {
    const enterprises = [1, 2].map((i) => enterprise(i));
    const history = [
      { uscc: uscc(1), date: '2024-12-01', officers: [], open: false, random: false },
      { uscc: uscc(2), date: '2024-12-02', officers: [], open: false, random: false },
    ];
    const r = build({ enterprises, history, policy: { yearlyCap: 1, cooldownMonths: 6 } });
    expect(r.pool.map((e) => e.uscc)).toEqual([uscc(1)]);
    expect(r.excluded[0]).toMatchObject({ uscc: uscc(2), code: 'cooldown' });
    expect(build({ enterprises, history }).pool).toHaveLength(2);
  });

  it('filters are not listed one by one but counted; 定向 lists report unknown USCCs', () => {
    const enterprises = [0, 1, 2, 3, 4, 5].map((i) => enterprise(i));
    const r = build({ enterprises, filters: { industries: ['冶金', '有色'] } });
    expect(r.pool.map((e) => e.industry).sort()).toEqual(['冶金', '有色']);
    expect(r.excluded).toEqual([]);
    expect(r.counts.filteredOut).toBe(4);
    const d = build({ enterprises, filters: { usccs: [uscc(2), 'NOPE'] } });
    expect(d.pool.map((e) => e.uscc)).toEqual([uscc(2)]);
    expect(d.excluded).toEqual([{ uscc: 'NOPE', name: '', code: 'not-in-directory', detail: expect.any(String) }]);
  });

  it('sorts an unsorted directory, refuses duplicate USCCs', () => {
    const r = build({ enterprises: [enterprise(3), enterprise(1), enterprise(2)] });
    expect(r.pool.map((e) => e.uscc)).toEqual([uscc(1), uscc(2), uscc(3)]);
    const dup = buildEnterprisePool(input({ enterprises: [enterprise(1), enterprise(1)] }));
    expect(dup).toMatchObject({ ok: false, code: 'duplicate-enterprise' });
  });

  it('records the officers of the last inspection that named officers, sorted', () => {
    const r = build({
      enterprises: [enterprise(1)],
      history: [
        { uscc: uscc(1), date: '2023-05-01', officers: [cert(1), cert(2)], open: false, random: false },
        { uscc: uscc(1), date: '2023-09-01', officers: [cert(9), cert(3)], open: false, random: false },
        { uscc: uscc(1), date: '2023-09-01', officers: [cert(4)], open: false, random: false },
        { uscc: uscc(1), date: '2024-02-01', officers: [], open: false, random: false },
      ],
    });
    expect(r.pool[0]!.lastInspectors).toEqual([cert(3), cert(4), cert(9)]);
    expect(Object.isFrozen(r.pool)).toBe(true);
    expect(Object.isFrozen(r.pool[0])).toBe(true);
  });
});
