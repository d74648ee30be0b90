import { describe, expect, it } from 'vitest';
import { findResultCategory, isResultCategoryCode, RESULT_CATEGORIES } from '../../../src/domain/catalog/result-categories';

describe('RESULT_CATEGORIES', () => {
  it('has the seven categories suggested for a 应急局', () => {
    expect(RESULT_CATEGORIES.map((c) => [c.code, c.label])).toEqual([
      ['no_problem', '未发现问题'],
      ['corrected', '发现问题已责令改正'],
      ['pending', '发现问题待后续处理'],
      ['not_operating', '未发现开展本次抽查涉及的生产经营活动'],
      ['unreachable', '通过登记的住所（经营场所）无法联系'],
      ['refused', '不配合检查情节严重'],
      ['deregistered', '已注销/吊销/迁出'],
    ]);
  });

  it('ties 不配合检查 to 安全生产法 第一百零八条', () => {
    expect(findResultCategory('refused')?.legalBasis).toContain('第一百零八条');
  });

  it('marks which categories mean an inspection took place or a problem was found', () => {
    expect(RESULT_CATEGORIES.filter((c) => c.inspected).map((c) => c.code)).toEqual(['no_problem', 'corrected', 'pending']);
    expect(findResultCategory('no_problem')?.problemFound).toBe(false);
    expect(findResultCategory('pending')?.problemFound).toBe(true);
  });

  it('recognises codes', () => {
    expect(isResultCategoryCode('corrected')).toBe(true);
    expect(isResultCategoryCode('正常')).toBe(false);
    expect(findResultCategory('nope')).toBeUndefined();
  });
});
