import { describe, expect, it } from 'vitest';
import { freezeDraw } from '../../../src/app/freeze-draw';
import { AppError } from '../../../src/app/use-case';
import { SeededRandom } from '../../../src/domain/demo/seeded-random';
import { lotRecords, prepareDraw, serializeEnterprisePool, type PrepareDrawInput } from '../../../src/domain/draw';
import { INDUSTRIES } from '../../../src/domain/model';
import { directory, filtersOf, quotasOf } from '../../support/random-directory';
import type { Harness } from './harness';
import { tag } from './fixtures';

/** A random bureau for the lot: its directory, officers (some unable to serve) and others' inspections. */
async function randomBureau(h: Harness, seed: number) {
  const r = new SeededRandom(`contract-lot-${seed}`);
  const t = tag();
  const list = directory(r, 30 + r.int(60), seed % 6 === 0);
  const officers = Array.from({ length: 3 + r.int(6) }, (_, i) => ({
    name: `执法人员${i}`,
    role: 'officer' as const,
    unit: r.int(2) ? '综合行政执法大队' : '法规科',
    certificateNo: `41030${seed}${String(i).padStart(3, '0')}`,
    certificateValidUntil: r.int(8) === 0 ? '2026-03-10' : '2030-12-31',
    expertise: [r.pick(INDUSTRIES)],
    onDuty: r.int(10) !== 0,
    conflicts: r.int(3) === 0 ? [r.pick(list).uscc, r.pick(list).uscc] : [],
  }));
  const inspections = Array.from({ length: r.int(10) }, () => ({
    uscc: r.pick(list).uscc,
    date: r.pick(['2025-06-01', '2026-01-15', '2026-02-20']),
    department: '市局',
    random: r.int(2) === 0,
  }));
  const { agencyId, people } = await h.seed({ agency: { name: `局${t}`, shortName: `局${t}` }, people: officers, enterprises: list, inspections });
  const base = {
    drawNo: `局${t}抽〔2026〕1号`,
    filters: filtersOf(r, list),
    quotas: quotasOf(r),
    policy: { groupSize: 2, cooldownMonths: r.int(2) * 3, requireExpertise: r.int(3) === 0, requireUnit: r.int(4) === 0 ? '综合行政执法大队' : null },
    window: { from: '2026-03-02', to: '2026-03-31' },
    today: '2026-03-02',
    secret: new Uint8Array(32).fill(seed),
  } satisfies Omit<PrepareDrawInput, 'enterprises' | 'officers' | 'history'>;
  return { agencyId, preparedBy: people[0]!, list, base, r };
}

/** The draw's slice and frozen lot, held to the domain's in-memory prepareDraw on the same directory. */
export function lotCases(h: () => Harness): void {
  describe('draw lot', () => {
    it('freezes the lot, hash, exclusions and strata of the in-memory draw (or gives the same refusal), and reads it back', async () => {
      let [prepared, refused] = [0, 0];
      for (let seed = 1; seed <= 12; seed++) {
        const { agencyId, preparedBy, list, base, r } = await randomBureau(h(), seed);
        const outcome = await h().store.transaction(async (repos) => {
          const { officers, history } = await repos.directory.drawRoster(agencyId);
          const reference = prepareDraw({ ...base, enterprises: list, officers, history });
          const got = await freezeDraw(repos, agencyId, base).catch((e: unknown) => e);
          if (!reference.ok) {
            expect(got, `seed ${seed}`).toBeInstanceOf(AppError);
            expect((got as AppError).message, `seed ${seed}`).toBe(`无法抽取：${reference.reason}`);
            return null;
          }
          if (got instanceof Error) throw got;
          const { head, lotId } = got as Awaited<ReturnType<typeof freezeDraw>>;
          expect(head.enterprisePoolHash, `seed ${seed}`).toBe(reference.enterprisePoolHash);
          const byUscc = (a: { uscc: string }, b: { uscc: string }) => (a.uscc < b.uscc ? -1 : 1);
          expect([...head.excludedEnterprises].sort(byUscc)).toEqual([...reference.excludedEnterprises].sort(byUscc));
          const { enterprisePool: pool, ...rest } = reference;
          expect({ ...head, excludedEnterprises: [] }).toEqual({ ...rest, excludedEnterprises: [] });

          const { id: drawId } = await repos.draws.insert({
            ...{ agencyId, year: 2026, seq: 1, drawNo: base.drawNo, status: 'prepared', params: head.params, platform: 'local', chatId: 'g', preparedBy },
            ...{
              enterprisePoolHash: head.enterprisePoolHash,
              officerPoolHash: head.officerPoolHash,
              commitment: head.commitment,
              secretNonce: null,
              beacon: null,
              supersedesId: null,
            },
            summary: {} as never,
            frozen: head,
            lotId,
          });
          // Only the positions asked for are read, each the lot's record there.
          const positions = [pool.length - 1, 0, ...Array.from({ length: 4 }, () => r.int(pool.length))].filter((p) => p >= 0);
          const partial = await repos.draws.frozen(drawId, (_, size) => {
            expect(size).toBe(pool.length);
            return positions;
          });
          expect(positions.map((p) => partial!.enterprisePool.at(p))).toEqual(positions.map((p) => pool[p]));
          const unread = pool.findIndex((_, i) => !positions.includes(i));
          if (unread >= 0) expect(() => partial!.enterprisePool.at(unread)).toThrow(/was not read/);
          // Read whole after (a store may keep a lot read whole and give it to later reads).
          const whole = await repos.draws.frozen(drawId);
          expect(lotRecords(whole!.enterprisePool), `seed ${seed}`).toEqual(pool);
          expect({ ...whole, enterprisePool: null }).toEqual({ ...JSON.parse(JSON.stringify(head)), enterprisePool: null });
          return { lotId, body: serializeEnterprisePool(pool) };
        });
        if (outcome === null) refused += 1;
        else {
          prepared += 1;
          // Read once committed: the text whose SHA-256 is the draw's enterprisePoolHash.
          expect(await h().lotBody(outcome.lotId), `seed ${seed}`).toBe(outcome.body);
        }
      }
      expect(prepared).toBeGreaterThan(4);
      expect(refused).toBeGreaterThan(0);
    });

    it('counts the plain rows only when asked, and the directory only when a filter leaves some out', async () => {
      const { agencyId, list } = await randomBureau(h(), 7);
      const spec = { filters: {}, specialUsccs: [list[0]!.uscc], barredIndustries: [] };
      await h().store.transaction(async (r) => {
        const all = await r.directory.drawSlice(agencyId, spec, { countPlain: false });
        expect(all.directorySize).toBeNull();
        expect(all.plainGroups).toBeNull();
        expect(all.specials.map((e) => e.uscc)).toContain(list[0]!.uscc);
        const some = await r.directory.drawSlice(agencyId, { ...spec, filters: { industries: ['机械'] } }, { countPlain: true });
        expect(some.directorySize).toBe(list.length);
        const plain = list.filter((e) => e.industry === '机械' && e.status === '在营' && !e.keySupervision && e.uscc !== list[0]!.uscc);
        expect((some.plainGroups ?? []).reduce((n, g) => n + g.count, 0)).toBe(plain.filter((e) => e.riskLevel !== ('中' as never)).length);
        const directed = await r.directory.drawSlice(agencyId, { ...spec, filters: { usccs: [list[1]!.uscc] } }, { countPlain: true });
        expect(directed).toMatchObject({ directorySize: list.length, plainGroups: [] });
        expect(directed.specials.map((e) => e.uscc)).toEqual([list[1]!.uscc]);
      });
    });
  });
}
