import { describe, expect, it } from 'vitest';
import { buildDemoDataset, DEMO_TOWNSHIPS } from '../../src/domain/demo/demo-dataset';
import { INDUSTRIES } from '../../src/domain/model';
import { isValidUscc } from '../../src/domain/uscc';

const REF = '2026-03-01';
const data = buildDemoDataset({ referenceDate: REF });

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function countBy<T>(items: readonly T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

describe('buildDemoDataset: agency', () => {
  it('is the 偃师区应急管理局 with a 5-working-day publication deadline', () => {
    expect(data.agency).toEqual({ name: '偃师区应急管理局', shortName: '偃应急', timezone: 'Asia/Shanghai', publicationWorkdays: 5 });
  });
});

describe('buildDemoDataset: enterprises', () => {
  const enterprises = data.enterprises;

  it('has about 300 enterprises with valid, unique USCCs of 偃师', () => {
    expect(enterprises.length).toBeGreaterThanOrEqual(280);
    expect(enterprises.length).toBeLessThanOrEqual(320);
    for (const e of enterprises) {
      expect(isValidUscc(e.uscc), e.uscc).toBe(true);
      expect(e.uscc.startsWith('91410381')).toBe(true);
    }
    expect(new Set(enterprises.map((e) => e.uscc)).size).toBe(enterprises.length);
  });

  it('is clearly fictional: 示例 or 演示 in every name, 演示路 addresses, 0379-6 phones', () => {
    for (const e of enterprises) {
      expect(e.name).toMatch(/示例|演示/);
      expect(e.address).toContain('演示路');
      expect(e.phone).toMatch(/^0379-6\d{7}$/);
      expect(e.contactPerson).toBeTruthy();
    }
    expect(new Set(enterprises.map((e) => e.name)).size).toBe(enterprises.length);
  });

  it('covers all six industries, 机械 and 建材 the largest', () => {
    const byIndustry = countBy(enterprises, (e) => e.industry);
    expect(Object.keys(byIndustry).sort()).toEqual([...INDUSTRIES].sort());
    const sorted = Object.entries(byIndustry)
      .sort((a, b) => b[1] - a[1])
      .map(([k]) => k);
    expect(sorted.slice(0, 2).sort()).toEqual(['建材', '机械']);
  });

  it('spreads over at least ten real townships of 偃师区', () => {
    const names = new Set(DEMO_TOWNSHIPS.map((t) => t.name));
    const used = new Set(enterprises.map((e) => e.township));
    expect(used.size).toBeGreaterThanOrEqual(10);
    for (const t of used) expect(names.has(t), t).toBe(true);
  });

  it('has mostly 一般/低 risk, some 较高/高', () => {
    const byRisk = countBy(enterprises, (e) => e.riskLevel);
    const low = (byRisk['一般'] ?? 0) + (byRisk['低'] ?? 0);
    expect(low / enterprises.length).toBeGreaterThan(0.75);
    expect(byRisk['高']).toBeGreaterThan(0);
    expect(byRisk['较高']).toBeGreaterThan(0);
  });

  it('has about 5% not operating, mixed statuses, and about 3% under key supervision', () => {
    const notOperating = enterprises.filter((e) => e.status !== '在营');
    expect(notOperating.length / enterprises.length).toBeGreaterThan(0.03);
    expect(notOperating.length / enterprises.length).toBeLessThan(0.07);
    expect(new Set(notOperating.map((e) => e.status))).toEqual(new Set(['停产', '注销', '吊销', '迁出']));
    const key = enterprises.filter((e) => e.keySupervision);
    expect(key.length / enterprises.length).toBeGreaterThan(0.02);
    expect(key.length / enterprises.length).toBeLessThan(0.04);
    for (const e of key) expect(e.status).toBe('在营');
  });
});

describe('buildDemoDataset: officers', () => {
  const officers = data.officers;

  it('has about 30 officers with unique certificate numbers, most in 综合行政执法大队', () => {
    expect(officers.length).toBeGreaterThanOrEqual(28);
    expect(officers.length).toBeLessThanOrEqual(32);
    expect(new Set(officers.map((o) => o.certificateNo)).size).toBe(officers.length);
    const byUnit = countBy(officers, (o) => o.unit);
    const largest = Object.entries(byUnit).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(largest).toBe('综合行政执法大队');
    expect(byUnit['法规科']).toBeGreaterThan(0);
    expect(Object.keys(byUnit).length).toBeGreaterThanOrEqual(3);
  });

  it('gives each officer 1–3 known industries, and every industry enough officers', () => {
    for (const o of officers) {
      expect(o.expertise.length).toBeGreaterThanOrEqual(1);
      expect(o.expertise.length).toBeLessThanOrEqual(3);
      for (const i of o.expertise) expect(INDUSTRIES).toContain(i);
    }
    for (const industry of INDUSTRIES) {
      expect(officers.filter((o) => o.onDuty && o.expertise.includes(industry)).length, industry).toBeGreaterThanOrEqual(3);
    }
  });

  it('has 2 expired certificates, 3 expiring within 60 days of the reference date, the rest later', () => {
    const expired = officers.filter((o) => o.certificateValidUntil < REF);
    const soon = officers.filter((o) => o.certificateValidUntil >= REF && o.certificateValidUntil <= addDays(REF, 60));
    expect(expired).toHaveLength(2);
    expect(soon).toHaveLength(3);
    const later = officers.filter((o) => o.certificateValidUntil > addDays(REF, 60));
    expect(later).toHaveLength(officers.length - 5);
    for (const o of later) expect(o.certificateValidUntil > addDays(REF, 365)).toBe(true);
  });

  it('keeps the expiry distribution relative to another reference date', () => {
    const ref = '2030-07-15';
    const other = buildDemoDataset({ referenceDate: ref });
    expect(other.officers.filter((o) => o.certificateValidUntil < ref)).toHaveLength(2);
    expect(other.officers.filter((o) => o.certificateValidUntil >= ref && o.certificateValidUntil <= addDays(ref, 60))).toHaveLength(3);
    expect(other.enterprises).toEqual(data.enterprises);
  });

  it('has 1–2 officers off duty and a couple of standing conflicts with real demo enterprises', () => {
    const off = officers.filter((o) => !o.onDuty);
    expect(off.length).toBeGreaterThanOrEqual(1);
    expect(off.length).toBeLessThanOrEqual(2);
    const conflicts = officers.flatMap((o) => o.conflicts);
    expect(conflicts.length).toBeGreaterThanOrEqual(2);
    const usccs = new Set(data.enterprises.map((e) => e.uscc));
    for (const c of conflicts) expect(usccs.has(c)).toBe(true);
  });
});

describe('buildDemoDataset: people', () => {
  it('has one leader, one admin and every officer as a person, with stable local ids', () => {
    const people = data.people;
    expect(people.filter((p) => p.role === 'leader').map((p) => p.localId)).toEqual(['leader']);
    expect(people.filter((p) => p.role === 'admin').map((p) => p.localId)).toEqual(['admin']);
    const officerPeople = people.filter((p) => p.role === 'officer');
    expect(officerPeople).toHaveLength(data.officers.length);
    expect(officerPeople[0]?.localId).toBe('officer-01');
    officerPeople.forEach((p, i) => {
      const o = data.officers[i];
      expect(p.localId).toBe(`officer-${String(i + 1).padStart(2, '0')}`);
      expect(p.certificateNo).toBe(o?.certificateNo);
      expect(p.name).toBe(o?.name);
      expect(p.unit).toBe(o?.unit);
    });
    expect(new Set(people.map((p) => p.localId)).size).toBe(people.length);
    expect(new Set(people.map((p) => p.name)).size).toBe(people.length);
  });
});

describe('buildDemoDataset: determinism', () => {
  it('returns equal data for equal reference dates', () => {
    expect(buildDemoDataset({ referenceDate: REF })).toEqual(data);
  });

  it('rejects a malformed reference date', () => {
    expect(() => buildDemoDataset({ referenceDate: '2026-02-30' })).toThrow(RangeError);
    expect(() => buildDemoDataset({ referenceDate: '2026/03/01' })).toThrow(RangeError);
  });

  it('does not use Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      expect(buildDemoDataset({ referenceDate: REF })).toEqual(data);
    } finally {
      Math.random = original;
    }
  });
});
