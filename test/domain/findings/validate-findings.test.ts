import { describe, expect, it } from 'vitest';
import { validateFindings } from '../../../src/domain/findings/validate-findings';

const CODES = ['CI01', 'CI02'];
const ctx = { itemCodes: CODES, today: '2026-03-05', windowFrom: '2026-03-02' };
const good = {
  inspectionDate: '2026-03-04',
  item_CI01: '符合',
  item_CI02: '不涉及',
  majorHazard: '否',
  rectification: 'none',
  resultCategory: 'no_problem',
  responsiblePerson: '王经理',
  refusedToSign: '否',
};

describe('validateFindings', () => {
  it('accepts a complete form', () => {
    const r = validateFindings(good, ctx);
    expect(r).toMatchObject({
      ok: true,
      findings: { inspectionDate: '2026-03-04', itemResults: { CI01: '符合', CI02: '不涉及' }, majorHazard: false, rectificationDue: null },
    });
  });

  it('names every missing or wrong field in Chinese', () => {
    const r = validateFindings({ ...good, inspectionDate: '2026-03-09', item_CI02: '', responsiblePerson: '' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.join('\n')).toMatch(/「检查日期」2026-03-09 晚于今天/);
      expect(r.errors.join('\n')).toMatch(/「CI02」未填写/);
      expect(r.errors.join('\n')).toMatch(/「企业负责人」未填写/);
    }
  });

  it('ties hazards, rectification and the result category together', () => {
    const hazards = {
      ...good,
      item_CI01: '不符合',
      hazards: '重大：粉尘涉爆区域未设置泄爆装置\n消防通道堵塞',
      rectification: 'deadline',
      rectificationDue: '2026-03-20',
      resultCategory: 'pending',
      majorHazard: '否',
    };
    const r = validateFindings(hazards, ctx);
    expect(r).toMatchObject({
      ok: true,
      findings: {
        majorHazard: true,
        hazards: [
          { description: '粉尘涉爆区域未设置泄爆装置', major: true },
          { description: '消防通道堵塞', major: false },
        ],
        rectificationDue: '2026-03-20',
      },
    });
    const noProblem = validateFindings({ ...hazards, resultCategory: 'no_problem' }, ctx);
    expect(!noProblem.ok && noProblem.errors.join()).toMatch(/不能是“未发现问题”/);
    const noDue = validateFindings({ ...hazards, rectificationDue: '' }, ctx);
    expect(!noDue.ok && noDue.errors.join()).toMatch(/「整改期限」未填写/);
    const none = validateFindings({ ...hazards, rectification: 'none' }, ctx);
    expect(!none.ok && none.errors.join()).toMatch(/不能是“无需整改”/);
  });

  it('records a refusal to sign instead of a signature (安全生产法 第六十八条)', () => {
    const r = validateFindings({ ...good, responsiblePerson: '', refusedToSign: '是' }, ctx);
    expect(r).toMatchObject({ ok: true, findings: { refusedToSign: true, responsiblePerson: null } });
  });
});
