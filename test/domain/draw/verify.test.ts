import { describe, expect, it } from 'vitest';
import { buildDrawExport, drawReplacement, executeDraw, hashEnterprisePool, prepareDraw, verifyDrawExport, type DrawExport } from '../../../src/domain/draw';
import { enterprise, officer, secretOf, TODAY, WINDOW } from './fixtures';

const secret = secretOf(3);

function record(): DrawExport {
  const p = prepareDraw({
    drawNo: 'V-1',
    enterprises: Array.from({ length: 15 }, (_, i) => enterprise(i)),
    officers: Array.from({ length: 7 }, (_, i) => officer(i)),
    history: [],
    quotas: { byRiskLevel: { 高: 2, 低: 2 } },
    policy: { requireExpertise: true },
    window: WINDOW,
    today: TODAY,
    secret,
  });
  if (!p.ok) throw new Error(p.reason);
  const x = executeDraw(p, secret);
  if (!x.ok) throw new Error(x.reason);
  const leaving = x.tasks[1]!.officers[0]!;
  const r = drawReplacement(p, x.tasks, { taskIndex: 1, replacementNo: 1, excludedOfficers: [leaving] }, secret);
  if (!r.ok) throw new Error(r.reason);
  const rec = { taskIndex: 1, replacementNo: 1, excludedOfficers: [leaving], reason: '回避：近亲属任职', officer: r.officer };
  return JSON.parse(JSON.stringify(buildDrawExport(p, secret, x, [rec]))) as DrawExport;
}

const fail = (doc: unknown): string => {
  const r = verifyDrawExport(doc);
  return r.ok ? 'ok' : r.difference;
};

describe('verifyDrawExport', () => {
  it('accepts a genuine record, as an object or as JSON text', () => {
    const doc = record();
    expect(verifyDrawExport(doc)).toEqual({ ok: true });
    expect(verifyDrawExport(JSON.stringify(doc))).toEqual({ ok: true });
    expect(doc.finalTasks[1]!.officers).toContain(doc.replacements[0]!.officer);
  });

  it('catches a changed pool entry', () => {
    const doc = record();
    doc.enterprisePool[3] = { ...doc.enterprisePool[3]!, name: '改过的名称' };
    expect(fail(doc)).toMatch(/^企业池哈希 enterprisePoolHash 不一致：记录为 [0-9a-f]{64}，重新计算为 [0-9a-f]{64}$/);
    const doc2 = record();
    doc2.officerPool[0] = { ...doc2.officerPool[0]!, conflicts: [], onDuty: true, expertise: ['纺织'] };
    expect(fail(doc2)).toMatch(/^人员池哈希 officerPoolHash 不一致/);
  });

  it('catches a pool entry changed together with its hash (the seed no longer matches)', () => {
    const doc = record();
    doc.enterprisePool.pop();
    doc.enterprisePoolHash = hashEnterprisePool(doc.enterprisePool);
    expect(fail(doc)).toMatch(/^随机种子 seed 不一致/);
  });

  it('catches a changed parameter', () => {
    const doc = record();
    doc.params.policy.groupSize = 3;
    expect(fail(doc)).toMatch(/^规范参数 paramsCanonical 不一致/);
    const doc2 = record();
    doc2.params.policy.groupSize = 1;
    expect(fail(doc2)).toContain('抽取参数 params 无效：');
  });

  it('catches a changed parameter whose canonical text was changed too (seed differs)', () => {
    const doc = record();
    doc.params.window.to = '2025-06-19';
    doc.paramsCanonical = doc.paramsCanonical.replace('"to":"2025-06-20"', '"to":"2025-06-19"');
    expect(fail(doc)).toMatch(/^随机种子 seed 不一致：记录为 [0-9a-f]{64}，重新计算为 [0-9a-f]{64}$/);
  });

  it('catches a changed result', () => {
    const doc = record();
    const t = doc.tasks[2]!;
    t.officers = [...t.officers].reverse();
    expect(fail(doc)).toMatch(/^检查组 tasks\[2\] 不一致：记录为 .*，重新计算为 /);
    const doc2 = record();
    doc2.tasks.pop();
    expect(fail(doc2)).toBe('检查组数量（tasks）不一致：记录为 3，重新计算为 4');
  });

  it('catches a changed replacement and a changed final task list', () => {
    const doc = record();
    const other = doc.officerPool.map((o) => o.certificateNo).find((c) => c !== doc.replacements[0]!.officer)!;
    doc.replacements[0]!.officer = other;
    expect(fail(doc)).toMatch(/^补抽 replacements\[0\]（任务 1 第 1 次）的执法人员 officer 不一致/);
    const doc2 = record();
    doc2.finalTasks[0]!.officers = ['X', 'Y'];
    expect(fail(doc2)).toMatch(/^补抽后的检查组 finalTasks\[0\] 不一致/);
  });

  it('catches a wrong secret', () => {
    const doc = record();
    doc.secret = Buffer.from(secretOf(4)).toString('hex');
    expect(fail(doc)).toMatch(/^秘密值承诺 commitment（秘密值的 SHA-256）不一致/);
  });

  it('reports malformed input without throwing', () => {
    expect(fail('{"format": ')).toMatch(/^不是有效的 JSON：/);
    for (const bad of [null, 42, 'null', [], {}, { format: 'drbot-draw-export/1' }]) expect(fail(bad)).toMatch(/^记录格式不对：/);
    const doc = record() as unknown as Record<string, unknown>;
    expect(fail({ ...doc, enterprisePool: [{ uscc: 1 }] })).toContain('enterprisePool[0]');
    expect(fail({ ...doc, tasks: 'x' })).toBe('记录格式不对：tasks 应为列表');
    expect(fail({ ...doc, seed: 'XYZ' })).toBe('记录格式不对：seed 应为 64 位小写十六进制数');
    const e = (doc.enterprisePool as unknown[])[0] as Record<string, unknown>;
    expect(fail({ ...doc, enterprisePool: [{ ...e, riskLevel: '极高' }] })).toContain('riskLevel');
    expect(fail({ ...doc, enterprisePool: [{ ...e, extra: 1 }] })).toContain('应恰好包含字段');
    expect(fail({ ...doc, params: { ...(doc.params as object), quotas: 'lots' } })).toContain('抽取参数 params 无效：');
  });

  it('catches a pool that is not in canonical order', () => {
    const doc = record();
    doc.enterprisePool.reverse();
    expect(fail(doc)).toContain('未按规范顺序（严格升序）排列');
  });
});

describe('the public record of a 回避', () => {
  it('publishes only the kind of departure, so a reason stored by older versions is cut off and the record verifies', () => {
    const doc = record();
    expect(doc.replacements[0]!.reason).toBe('回避');
    expect(JSON.stringify(doc)).not.toContain('近亲属任职');
    expect(verifyDrawExport(doc)).toEqual({ ok: true });
    // A file exported before keeps its reason and still verifies: the reason is not computed.
    expect(verifyDrawExport({ ...doc, replacements: [{ ...doc.replacements[0]!, reason: '回避：近亲属任职' }] })).toEqual({ ok: true });
  });

  it('checks the replaced officer and the decision date when present, and the publications’ shape', () => {
    const doc = record();
    const leaving = doc.replacements[0]!.excludedOfficers[0]!;
    const withFields = { ...doc, replacements: [{ ...doc.replacements[0]!, replacedOfficer: leaving, decidedOn: '2026-03-02' }] };
    expect(verifyDrawExport(withFields)).toEqual({ ok: true });
    expect(fail({ ...doc, replacements: [{ ...doc.replacements[0]!, replacedOfficer: doc.replacements[0]!.officer }] })).toMatch(
      /^补抽 replacements\[0\] 的被替换人员 replacedOfficer .+ 不在离开人员 excludedOfficers 中$/,
    );
    expect(fail({ ...doc, replacements: [{ ...doc.replacements[0]!, decidedOn: '3月2日' }] })).toMatch(/replacements\[0\]\.decidedOn 应为 YYYY-MM-DD/);
    const publication = { taskIndex: 0, publishedOn: '2026-03-09', recordNumber: '豫应急抽查〔2026〕3号', due: '2026-03-09', late: false, lateWorkdays: 0 };
    expect(verifyDrawExport({ ...doc, publications: [publication] })).toEqual({ ok: true });
    expect(fail({ ...doc, publications: [{ ...publication, late: 'no' }] })).toMatch(/publications\[0\] 的 recordNumber 应为字符串，late 应为 true 或 false/);
    expect(fail({ ...doc, publications: [{ ...publication, extra: 1 }] })).toMatch(/publications\[0\] 应恰好包含字段/);
  });
});
