import { describe, expect, it } from 'vitest';
import { CHECK_ITEMS, findCheckItem, formatLegalBasis, legalBasisText } from '../../../src/domain/catalog/check-items';

describe('CHECK_ITEMS', () => {
  it('has exactly the ten items of the plan §三, coded CI01…CI10 in order', () => {
    expect(CHECK_ITEMS).toHaveLength(10);
    expect(CHECK_ITEMS.map((i) => i.code)).toEqual(['CI01', 'CI02', 'CI03', 'CI04', 'CI05', 'CI06', 'CI07', 'CI08', 'CI09', 'CI10']);
    expect(CHECK_ITEMS.map((i) => i.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('gives every item a short title, its full text and at least one legal basis', () => {
    for (const item of CHECK_ITEMS) {
      expect(item.title.length, item.code).toBeGreaterThan(3);
      expect(item.title.length, item.code).toBeLessThanOrEqual(24);
      expect(item.text.length, item.code).toBeGreaterThan(item.code === 'CI10' ? 5 : 20);
      expect(item.legalBasis.length, item.code).toBeGreaterThan(0);
      for (const basis of item.legalBasis) expect(basis.source).toMatch(/^《.+》/);
    }
  });

  it('keeps the plan wording', () => {
    expect(findCheckItem('CI01')?.text).toContain('安全生产管理机构和安全生产管理人员设置配备情况');
    expect(findCheckItem('CI01')?.text).toContain('安全费用提取、使用情况及安全投入情况');
    expect(findCheckItem('CI04')?.text).toContain('同时设计、同时施工、同时投入生产和使用');
    expect(findCheckItem('CI07')?.text).toContain('高风险工艺、高风险设备、高风险场所、高风险岗位、高风险物品');
    expect(findCheckItem('CI10')?.text).toBe('其他按照规定应当检查的情况。');
  });

  it('cites the expected sources', () => {
    expect(legalBasisText(findCheckItem('CI03')!)).toContain('《生产安全事故应急条例》');
    expect(legalBasisText(findCheckItem('CI04')!)).toContain('第三十一条');
    expect(legalBasisText(findCheckItem('CI06')!)).toContain('应急管理部令第10号');
    expect(legalBasisText(findCheckItem('CI08')!)).toContain('第四十八条、第四十九条');
    expect(legalBasisText(findCheckItem('CI09')!)).toContain('河南省人民政府令第191号');
    expect(legalBasisText(findCheckItem('CI10')!)).toContain('第六十二条');
  });

  it('formats a basis with and without articles', () => {
    expect(formatLegalBasis({ source: '《甲》', articles: ['第一条', '第二条'] })).toBe('《甲》第一条、第二条');
    expect(formatLegalBasis({ source: '《乙》' })).toBe('《乙》');
  });

  it('returns undefined for an unknown code', () => {
    expect(findCheckItem('CI11')).toBeUndefined();
  });
});
