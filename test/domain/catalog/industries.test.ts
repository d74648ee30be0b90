import { describe, expect, it } from 'vitest';
import { findIndustry, INDUSTRY_CATALOG, industryChoicesText, isIndustry } from '../../../src/domain/catalog/industries';
import { INDUSTRIES } from '../../../src/domain/model';

describe('INDUSTRY_CATALOG', () => {
  it('lists the six industries of the plan in the plan order', () => {
    expect(INDUSTRY_CATALOG.map((i) => i.name)).toEqual([...INDUSTRIES]);
    expect(new Set(INDUSTRY_CATALOG.map((i) => i.code)).size).toBe(6);
    for (const i of INDUSTRY_CATALOG) expect(i.scope.length).toBeGreaterThan(5);
  });

  it('recognises industry names exactly', () => {
    expect(isIndustry('机械')).toBe(true);
    expect(isIndustry('化工')).toBe(false);
    expect(isIndustry('机械行业')).toBe(false);
    expect(findIndustry('纺织')?.code).toBe('textile');
    expect(industryChoicesText()).toBe('冶金、有色、建材、机械、轻工、纺织');
  });
});
