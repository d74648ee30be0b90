import { describe, expect, it } from 'vitest';
import {
  buildDrawExport,
  executeDraw,
  hashEnterprisePool,
  hashOfficerPool,
  prepareDraw,
  verifyDrawExport,
  type DrawPolicyInput,
  type DrawTask,
} from '../../../src/domain/draw';
import type { InspectionRecord } from '../../../src/domain/model';
import { officer, enterprise, randomWorld, secretOf, TODAY, WINDOW, type World } from './fixtures';

const POLICIES: DrawPolicyInput[] = [
  {},
  { cooldownMonths: 6 },
  { requireExpertise: true },
  { requireUnit: '综合行政执法大队' },
  { groupSize: 3 },
  { excludeLastInspector: false, yearlyCap: 2 },
];

/** Independent re-statement of "last inspectors". */
function lastInspectors(history: InspectionRecord[], uscc: string): string[] {
  const named = history.filter((r) => r.uscc === uscc && r.officers.length > 0);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates are strings
  const latest = named.reduce((d, r) => (r.date > d ? r.date : d), '');
  return named.filter((r) => r.date === latest).flatMap((r) => r.officers);
}

function checkTasks(world: World, tasks: DrawTask[], policy: DrawPolicyInput): void {
  const groupSize = policy.groupSize ?? 2;
  const cap = policy.yearlyCap ?? 1;
  expect(new Set(tasks.map((t) => t.uscc)).size).toBe(tasks.length);
  for (const t of tasks) {
    const e = world.enterprises.find((x) => x.uscc === t.uscc)!;
    const hist = world.history.filter((r) => r.uscc === t.uscc);
    expect(e.status).toBe('在营');
    expect(e.keySupervision).toBe(false);
    expect(hist.some((r) => r.open)).toBe(false);
    expect(hist.filter((r) => r.random && r.date.startsWith('2025')).length).toBeLessThan(cap);
    if (policy.cooldownMonths === 6) expect(hist.every((r) => r.date <= '2024-12-01')).toBe(true);
    expect(t.officers.length).toBe(groupSize);
    expect(new Set(t.officers).size).toBe(groupSize);
    const members = t.officers.map((c) => world.officers.find((o) => o.certificateNo === c)!);
    for (const o of members) {
      expect(o.onDuty).toBe(true);
      expect(o.certificateValidUntil >= WINDOW.to).toBe(true);
      expect(o.conflicts).not.toContain(t.uscc);
      if (policy.excludeLastInspector !== false) expect(lastInspectors(world.history, t.uscc)).not.toContain(o.certificateNo);
    }
    if (policy.requireExpertise) expect(members.some((o) => o.expertise.includes(e.industry))).toBe(true);
    if (policy.requireUnit) expect(members.some((o) => o.unit === policy.requireUnit)).toBe(true);
  }
}

describe('draw properties over 200 seeds', () => {
  it('honours every rule, is reproducible and verifiable', () => {
    let drawn = 0;
    for (let n = 0; n < 200; n++) {
      const world = randomWorld(n);
      const policy = POLICIES[n % POLICIES.length]!;
      const secret = secretOf(n);
      const input = { drawNo: `P-${n}`, ...world, quotas: 4, policy, window: WINDOW, today: TODAY, secret };
      const p = prepareDraw(input);
      if (!p.ok) {
        expect(p.reason).toMatch(/[\u4e00-\u9fff]/);
        continue;
      }
      const x = executeDraw(p, secret);
      if (!x.ok) throw new Error(`seed ${n}: ${x.reason}`);
      checkTasks(world, x.tasks, policy);
      expect(executeDraw(p, secret)).toEqual(x);
      expect(verifyDrawExport(JSON.parse(JSON.stringify(buildDrawExport(p, secret, x))))).toEqual({ ok: true });
      drawn += 1;
    }
    expect(drawn).toBeGreaterThan(150);
  });

  it('any change to a pool record changes the pool hash', () => {
    for (let n = 0; n < 200; n++) {
      const world = randomWorld(n);
      const p = prepareDraw({ drawNo: 'H', ...world, quotas: 1, window: WINDOW, today: TODAY, secret: secretOf(n) });
      if (!p.ok) continue;
      const pool = [...p.enterprisePool];
      const k = n % pool.length;
      const e = pool[k]!;
      const mutations = [{ name: `${e.name}。` }, { township: `${e.township}村` }, { lastInspectors: [...e.lastInspectors, 'Z'] }];
      pool[k] = { ...e, ...mutations[n % 3]! };
      expect(hashEnterprisePool(pool)).not.toBe(p.enterprisePoolHash);
      const officers = [...p.officerPool];
      const o = officers[n % officers.length]!;
      officers[n % officers.length] = { ...o, conflicts: [...o.conflicts, 'Z'] };
      expect(hashOfficerPool(officers)).not.toBe(p.officerPoolHash);
    }
  });

  it('spreads the load (max − min ≤ 1) whenever every officer may inspect every target', () => {
    for (let n = 0; n < 200; n++) {
      const officers = Array.from({ length: 2 + (n % 9) }, (_, i) => officer(i));
      const enterprises = Array.from({ length: 25 }, (_, i) => enterprise(i));
      const groupSize = Math.min(2 + (n % 3), officers.length);
      const secret = secretOf(1000 + n);
      const p = prepareDraw({
        drawNo: `L-${n}`,
        enterprises,
        officers,
        history: [],
        quotas: 1 + (n % 25),
        policy: { groupSize },
        window: WINDOW,
        today: TODAY,
        secret,
      });
      if (!p.ok) throw new Error(p.reason);
      const x = executeDraw(p, secret);
      if (!x.ok) throw new Error(x.reason);
      const loads = officers.map((o) => x.tasks.filter((t) => t.officers.includes(o.certificateNo)).length);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    }
  });
});
