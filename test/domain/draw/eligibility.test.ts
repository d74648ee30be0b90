import { describe, expect, it } from 'vitest';
import { normalizeParams, type DrawPolicyInput, type PoolEnterprise, type PoolOfficer } from '../../../src/domain/draw';
import { indexRoster, ineligibility, targetCounts } from '../../../src/domain/draw/eligibility';
import { findUnstaffable } from '../../../src/domain/draw/staffable';
import { createStream, uniformInt } from '../../../src/domain/random';
import { INDUSTRIES } from '../../../src/domain/model';
import { cert, uscc, WINDOW } from './fixtures';
import { testSeed } from './stats';

function world(n: number): { pool: PoolEnterprise[]; officers: PoolOfficer[] } {
  const s = createStream(testSeed(50_000 + n), 'elig');
  const r = (k: number): number => uniformInt(s, k);
  const officers: PoolOfficer[] = Array.from({ length: 2 + r(5) }, (_, i) => ({
    certificateNo: cert(i),
    name: `执法员${i}`,
    unit: r(2) ? '综合行政执法大队' : '法规科',
    certificateValidUntil: r(6) ? '2027-01-01' : '2025-06-15',
    expertise: r(2) ? [INDUSTRIES[r(3)]!] : [],
    onDuty: r(8) !== 0,
    conflicts: r(2) ? [uscc(r(6))] : [],
  }));
  const pool: PoolEnterprise[] = Array.from({ length: 6 }, (_, i) => ({
    uscc: uscc(i),
    name: `企业${i}`,
    industry: INDUSTRIES[r(3)]!,
    township: '岳滩镇',
    riskLevel: '高',
    lastInspectors: r(2) ? [cert(r(officers.length)), 'UNKNOWN'].sort() : [],
  }));
  return { pool, officers };
}

const POLICIES: DrawPolicyInput[] = [{}, { requireExpertise: true }, { requireUnit: '综合行政执法大队', groupSize: 3 }, { excludeLastInspector: false }];

describe('fast eligibility counts agree with the officer-by-officer rules', () => {
  it('over 300 random rosters and lots', () => {
    for (let n = 0; n < 300; n++) {
      const { pool, officers } = world(n);
      const norm = normalizeParams({ quotas: 1, window: WINDOW, today: '2025-06-01', policy: POLICIES[n % 4] });
      if (!norm.ok) throw new Error(norm.reason);
      const ix = indexRoster(officers, norm.params.policy, WINDOW);
      const unstaffable = new Set(findUnstaffable(ix, pool).map((u) => u.index));
      pool.forEach((e, k) => {
        const why = officers.map((_, i) => ineligibility(ix, i, e));
        const eligible = officers.filter((_, i) => why[i] === null);
        const c = targetCounts(ix, e);
        expect(c.eligible).toBe(eligible.length);
        expect(c.experts).toBe(eligible.filter((o) => o.expertise.includes(e.industry)).length);
        expect(c.unitMembers).toBe(eligible.filter((o) => norm.params.policy.requireUnit === null || o.unit === norm.params.policy.requireUnit).length);
        expect(c.causes.conflict).toBe(why.filter((w) => w === 'conflict').length);
        expect(c.causes['last-inspector']).toBe(why.filter((w) => w === 'last-inspector').length);
        const { groupSize, requireExpertise, requireUnit } = norm.params.policy;
        const bad =
          eligible.length < groupSize ||
          (requireExpertise && !eligible.some((o) => o.expertise.includes(e.industry))) ||
          (requireUnit !== null && !eligible.some((o) => o.unit === requireUnit));
        expect(unstaffable.has(k)).toBe(bad);
      });
    }
  });
});
