import { describe, expect, it } from 'vitest';
import { applyReplacement, drawReplacement, executeDraw, prepareDraw, type DrawTask, type PreparedDraw } from '../../../src/domain/draw';
import { cert, enterprise, officer, secretOf, TODAY, uscc, WINDOW } from './fixtures';

const secret = secretOf(7);

function setup(officers = Array.from({ length: 6 }, (_, i) => officer(i))): { p: PreparedDraw; tasks: DrawTask[] } {
  const p = prepareDraw({
    drawNo: 'R-1',
    enterprises: Array.from({ length: 8 }, (_, i) => enterprise(i)),
    officers,
    history: [],
    quotas: 3,
    window: WINDOW,
    today: TODAY,
    secret,
  });
  if (!p.ok) throw new Error(p.reason);
  const x = executeDraw(p, secret);
  if (!x.ok) throw new Error(x.reason);
  return { p, tasks: x.tasks };
}

describe('replacement draw', () => {
  it('draws an eligible officer not in the group and not among those who left, least loaded first', () => {
    const { p, tasks } = setup();
    const leaving = tasks[0]!.officers[0]!;
    const r = drawReplacement(p, tasks, { taskIndex: 0, replacementNo: 1, excludedOfficers: [leaving] }, secret);
    if (!r.ok) throw new Error(r.reason);
    expect(tasks[0]!.officers).not.toContain(r.officer);
    expect(r.officer).not.toBe(leaving);
    const loads = new Map<string, number>();
    for (const t of tasks) for (const c of t.officers) loads.set(c, (loads.get(c) ?? 0) + 1);
    const candidates = p.officerPool.map((o) => o.certificateNo).filter((c) => c !== leaving && !tasks[0]!.officers.includes(c));
    const min = Math.min(...candidates.map((c) => loads.get(c) ?? 0));
    expect(loads.get(r.officer) ?? 0).toBe(min);
    expect(drawReplacement(p, tasks, { taskIndex: 0, replacementNo: 1, excludedOfficers: [leaving] }, secret)).toEqual(r);
  });

  it('busyLoad steers away from officers busy elsewhere', () => {
    const { p, tasks } = setup();
    const leaving = tasks[1]!.officers[0]!;
    const first = drawReplacement(p, tasks, { taskIndex: 1, replacementNo: 1, excludedOfficers: [leaving] }, secret);
    if (!first.ok) throw new Error(first.reason);
    const busyLoad = { [first.officer]: 50 };
    const second = drawReplacement(p, tasks, { taskIndex: 1, replacementNo: 1, excludedOfficers: [leaving], busyLoad }, secret);
    expect(second.ok && second.officer).not.toBe(first.officer);
  });

  it('never brings back someone who left, respects conflicts, and says when nobody is left', () => {
    const officers = [officer(0), officer(1), officer(2, { conflicts: [uscc(0), uscc(1), uscc(2), uscc(3), uscc(4), uscc(5), uscc(6), uscc(7)] })];
    const { p, tasks } = setup(officers);
    const [a, b] = tasks[0]!.officers as [string, string];
    const r = drawReplacement(p, tasks, { taskIndex: 0, replacementNo: 1, excludedOfficers: [a] }, secret);
    expect(r).toMatchObject({ ok: false, code: 'no-replacement' });
    expect(!r.ok && r.reason).toContain('没有可替补的执法人员');
    expect([a, b]).not.toContain(cert(2));
  });

  it('refuses a wrong secret, a bad task index, and a group that is still complete', () => {
    const { p, tasks } = setup();
    const wrongSecret = drawReplacement(p, tasks, { taskIndex: 0, replacementNo: 1, excludedOfficers: [tasks[0]!.officers[0]!] }, secretOf(8));
    expect(wrongSecret).toMatchObject({ ok: false, code: 'secret-mismatch' });
    expect(drawReplacement(p, tasks, { taskIndex: 9, replacementNo: 1, excludedOfficers: [] }, secret)).toMatchObject({
      ok: false,
      code: 'invalid-replacement',
    });
    const full = drawReplacement(p, tasks, { taskIndex: 0, replacementNo: 1, excludedOfficers: [] }, secret);
    expect(full).toMatchObject({ ok: false, code: 'replacement-not-needed' });
  });

  it('applyReplacement keeps the remaining members then adds the new officer', () => {
    const tasks = [
      { uscc: 'X', officers: ['a', 'b'] },
      { uscc: 'Y', officers: ['c', 'd'] },
    ];
    expect(applyReplacement(tasks, 0, ['a'], 'e')).toEqual([{ uscc: 'X', officers: ['b', 'e'] }, tasks[1]]);
  });
});
