import { describe, expect, it } from 'vitest';
import { executeDraw, prepareDraw, type PrepareDrawInput, type PreparedInMemory } from '../../../src/domain/draw';
import { cert, enterprise, officer, secretOf, TODAY, uscc, WINDOW } from './fixtures';

const secret = secretOf(1);
const input = (over: Partial<PrepareDrawInput> = {}): PrepareDrawInput => ({
  drawNo: 'YS-2025-06-001',
  enterprises: Array.from({ length: 12 }, (_, i) => enterprise(i)),
  officers: Array.from({ length: 6 }, (_, i) => officer(i)),
  history: [],
  quotas: 4,
  window: WINDOW,
  today: TODAY,
  secret,
  ...over,
});

function prepared(over: Partial<PrepareDrawInput> = {}): PreparedInMemory {
  const p = prepareDraw(input(over));
  if (!p.ok) throw new Error(p.reason);
  return p;
}

describe('prepareDraw / executeDraw', () => {
  it('commits without keeping the secret and executes deterministically', () => {
    const p = prepared();
    expect(p.algorithmVersion).toBe('drbot-draw/1');
    expect(JSON.stringify(p)).not.toContain(Buffer.from(secret).toString('hex'));
    expect(p.commitment).toMatch(/^[0-9a-f]{64}$/);
    const a = executeDraw(p, secret);
    const b = executeDraw(JSON.parse(JSON.stringify(p)) as PreparedInMemory, secret);
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    expect(a.ok && a.tasks).toHaveLength(4);
  });

  it('refuses a secret that does not match the commitment', () => {
    expect(executeDraw(prepared(), secretOf(2))).toEqual({ ok: false, code: 'secret-mismatch', reason: '抽取密钥与事先公布的承诺值不符，拒绝抽取' });
  });

  it('a different draw number gives a different seed', () => {
    const a = executeDraw(prepared(), secret);
    const b = executeDraw(prepared({ drawNo: 'YS-2025-06-002' }), secret);
    expect(a.ok && b.ok && a.seed !== b.seed).toBe(true);
  });

  it('lists officers left out by the draw-wide checks', () => {
    const officers = [officer(0), officer(1, { onDuty: false }), officer(2, { certificateValidUntil: '2025-06-19' }), officer(3)];
    const p = prepared({ officers });
    expect(p.officerPool.map((o) => o.certificateNo)).toEqual([cert(0), cert(3)]);
    expect(p.excludedOfficers).toEqual([
      { certificateNo: cert(1), name: '执法员1', code: 'off-duty', detail: '不在岗' },
      { certificateNo: cert(2), name: '执法员2', code: 'certificate-expired', detail: '执法证有效期至 2025-06-19，未覆盖检查期 2025-06-10 至 2025-06-20' },
    ]);
  });

  it('reports too few officers overall before the seed, in Chinese with the legal source', () => {
    const r = prepareDraw(input({ officers: [officer(0), officer(1, { onDuty: false })] }));
    expect(r).toEqual({
      ok: false,
      code: 'too-few-officers',
      reason: '可选执法人员仅 1 人，每组至少需要 2 人（行政处罚法 第四十二条；河南省行政执法条例 第二十四条）；另有 1 人因执法证未覆盖检查期或不在岗未列入',
    });
  });

  it('reports a quota larger than the lot before the seed', () => {
    expect(prepareDraw(input({ quotas: 13 }))).toEqual({ ok: false, code: 'too-few-enterprises', reason: '符合条件的企业仅 12 家，少于要求抽取的 13 家' });
  });

  it('says who was left out when the lot is too small: each one when few, counts per reason when many', () => {
    const missing = '91410381000000000X';
    const few = prepareDraw(input({ filters: { usccs: [missing, uscc(1)] }, quotas: 2, enterprises: [enterprise(1, { status: '停产' })] }));
    expect(few).toEqual({
      ok: false,
      code: 'too-few-enterprises',
      reason: `符合条件的企业仅 0 家，少于要求抽取的 2 家。未进入企业池的：${missing}：检查对象名录库中没有此统一社会信用代码；「${enterprise(1).name}」${uscc(1)}：企业状态为「停产」，非在营企业不参与抽取`,
    });
    const enterprises = Array.from({ length: 12 }, (_, i) => enterprise(i, i < 4 ? { status: '注销' } : i < 6 ? { keySupervision: true } : {}));
    expect(prepareDraw(input({ enterprises, quotas: 7 }))).toEqual({
      ok: false,
      code: 'too-few-enterprises',
      reason: '符合条件的企业仅 6 家，少于要求抽取的 7 家。另有 6 家未进入企业池：非在营（停产/注销/吊销/迁出） 4 家、重点监管（全覆盖检查，不参与抽取） 2 家',
    });
  });

  it('takes enterprises nobody may lawfully inspect out of the lot, with the reason', () => {
    const officers = [officer(0, { conflicts: [uscc(5)] }), officer(1), officer(2, { conflicts: [uscc(5)] })];
    const p = prepared({ officers });
    expect(p.enterprisePool.map((e) => e.uscc)).not.toContain(uscc(5));
    const x = p.excludedEnterprises.find((e) => e.uscc === uscc(5));
    expect(x?.code).toBe('unstaffable');
    expect(x?.detail).toContain('可选执法人员仅 1 人');
    expect(p.counts.enterprises.excludedByReason.unstaffable).toBe(1);
    expect(p.counts.enterprises.eligible).toBe(11);
  });

  it('refuses a capacity that cannot cover the draw before the seed', () => {
    const r = prepareDraw(input({ policy: { maxTasksPerOfficer: 1 } }));
    expect(r).toEqual({ ok: false, code: 'officer-capacity', reason: '4 家企业共需 8 人次，可选执法人员 6 人、每人最多 1 项任务，最多只能安排 6 人次' });
  });

  it('needs a draw number and a 32-byte secret', () => {
    expect(prepareDraw(input({ drawNo: ' ' }))).toMatchObject({ ok: false, code: 'invalid-draw-no' });
    expect(prepareDraw(input({ secret: new Uint8Array(16) }))).toMatchObject({ ok: false, code: 'internal' });
  });
});

describe('prepareDraw input checks', () => {
  it('refuses an invalid risk level or certificate date in the registers, in Chinese', () => {
    const bad = enterprise(2, { riskLevel: '极高' as never });
    expect(prepareDraw(input({ enterprises: [enterprise(1), bad] }))).toEqual({
      ok: false,
      code: 'invalid-enterprise',
      reason: expect.stringContaining('风险等级「极高」无效'),
    });
    const o = officer(1, { certificateValidUntil: '2026/01/01' });
    expect(prepareDraw(input({ officers: [officer(0), o] }))).toMatchObject({ ok: false, code: 'invalid-officer' });
  });
});
