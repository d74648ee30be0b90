/**
 * The database path of a prepared draw (drawSlice + freezeLot, in SQL) against the domain's
 * in-memory prepareDraw on the same directory: same lot byte for byte, same hash, same
 * exclusions, strata and counts, and the same refusal when there is none — over random
 * directories with awkward names (TAB, LF, CR, comma, backslash, non-BMP characters), every
 * status, key supervision, history, standing conflicts and filters.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freezeDraw } from '../../src/app/freeze-draw';
import { AppError } from '../../src/app/use-case';
import { rowsOf, type Database, type DbOrTx } from '../../src/db/client';
import { agencies, drawLots, enterprises, externalInspections, people } from '../../src/db/schema';
import { createDrizzleStore, reposFor } from '../../src/db/store';
import { readLotLines, readStoredLot } from '../../src/db/repos/draw-repo';
import { SeededRandom } from '../../src/domain/demo/seeded-random';
import { lotRecords, prepareDraw, serializeEnterprisePool, type PoolEnterprise, type PrepareDrawInput } from '../../src/domain/draw';
import { INDUSTRIES } from '../../src/domain/model';
import { directory, filtersOf, quotasOf } from '../support/random-directory';
import { describeEachDb, openTestDatabase } from '../support/test-db';

const clock = { now: () => new Date('2026-03-02T01:00:00Z') };

describeEachDb('draw lot in SQL', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database?.close());

  async function load(seed: number) {
    const r = new SeededRandom(`draw-lot-${seed}`);
    const { db } = database;
    const [agency] = await db
      .insert(agencies)
      .values({ name: `局${seed}`, shortName: `局${seed}` })
      .returning({ id: agencies.id });
    const agencyId = agency!.id;
    const list = directory(r, 40 + r.int(80), seed % 6 === 0);
    await db.insert(enterprises).values(list.map((e) => ({ ...e, agencyId })));
    const officers = Array.from({ length: 3 + r.int(6) }, (_, i) => ({
      agencyId,
      name: `执法人员${i}`,
      role: 'officer' as const,
      unit: r.int(2) ? '综合行政执法大队' : '法规科',
      certificateNo: `41030${seed}${String(i).padStart(3, '0')}`,
      certificateValidUntil: r.int(8) === 0 ? '2026-03-10' : '2030-12-31',
      expertise: [r.pick(INDUSTRIES)],
      onDuty: r.int(10) !== 0,
      conflicts: r.int(3) === 0 ? [r.pick(list).uscc, r.pick(list).uscc] : [],
      localId: `o-${seed}-${i}`,
    }));
    await db.insert(people).values(officers);
    const history = Array.from({ length: r.int(12) }, () => ({
      agencyId,
      uscc: r.pick(list).uscc,
      date: r.pick(['2025-06-01', '2026-01-15', '2026-02-20']),
      department: '市局',
      random: r.int(2) === 0,
    }));
    if (history.length) await db.insert(externalInspections).values(history);
    const base = {
      drawNo: `局${seed}抽〔2026〕1号`,
      filters: filtersOf(r, list),
      quotas: quotasOf(r),
      policy: { groupSize: 2, cooldownMonths: r.int(2) * 3, requireExpertise: r.int(3) === 0, requireUnit: r.int(4) === 0 ? '综合行政执法大队' : null },
      window: { from: '2026-03-02', to: '2026-03-31' },
      today: '2026-03-02',
      secret: new Uint8Array(32).fill(seed),
    } satisfies Omit<PrepareDrawInput, 'enterprises' | 'officers' | 'history'>;
    return { agencyId, list, base, r };
  }

  it('gives the lot, hash, exclusions and strata of the in-memory draw, or the same refusal', async () => {
    let prepared = 0;
    let refused = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const { agencyId, list, base, r } = await load(seed);
      await database.db.transaction(async (tx) => {
        const repos = reposFor(tx, clock);
        const { officers, history } = await repos.directory.drawRoster(agencyId);
        const reference = prepareDraw({ ...base, enterprises: list, officers, history });
        const got = await freezeDraw(repos, agencyId, base).catch((e: unknown) => e);
        if (!reference.ok) {
          refused += 1;
          expect(got, `seed ${seed}`).toBeInstanceOf(AppError);
          expect((got as AppError).message, `seed ${seed}`).toBe(`无法抽取：${reference.reason}`);
          return;
        }
        prepared += 1;
        if (got instanceof Error) throw got;
        const { head, lotId } = got as Awaited<ReturnType<typeof freezeDraw>>;
        const [stored] = await tx.select().from(drawLots).where(eq(drawLots.id, lotId));
        expect(stored!.body, `seed ${seed}`).toBe(serializeEnterprisePool(reference.enterprisePool));
        expect(stored!.size).toBe(reference.enterprisePool.length);
        // Any records read back by position are the lot's records at those positions.
        const lot = reference.enterprisePool;
        const positions = [lot.length - 1, 0, ...Array.from({ length: 5 }, () => r.int(lot.length)), lot.length - 1].filter((p) => p >= 0);
        const partial = await readLotLines(tx, lotId, stored!.size, stored!.lineLengths!, positions);
        expect(
          positions.map((p) => partial.at(p)),
          `seed ${seed}`,
        ).toEqual(positions.map((p) => lot[p]));
        await expectFallbacks(tx, stored!, positions, lot, seed);
        expect(head.enterprisePoolHash, `seed ${seed}`).toBe(reference.enterprisePoolHash);
        const byUscc = (a: { uscc: string }, b: { uscc: string }) => (a.uscc < b.uscc ? -1 : 1);
        expect([...head.excludedEnterprises].sort(byUscc)).toEqual([...reference.excludedEnterprises].sort(byUscc));
        const { enterprisePool: _pool, ...rest } = reference;
        expect({ ...head, excludedEnterprises: [] }).toEqual({ ...rest, excludedEnterprises: [] });
      });
    }
    expect(prepared).toBeGreaterThan(8);
    expect(refused).toBeGreaterThan(0);
  });

  /**
   * A lot frozen before migration 0005 has no line lengths: it is read whole, whatever the draw
   * asks for. Lengths that do not add up to the body are refused rather than misread.
   */
  async function expectFallbacks(tx: DbOrTx, stored: typeof drawLots.$inferSelect, positions: number[], lot: readonly PoolEnterprise[], seed: number) {
    const copy = async (lineLengths: Uint8Array | null) => {
      const [row] = await tx
        .insert(drawLots)
        .values({ agencyId: stored.agencyId, size: stored.size, sha256: stored.sha256, body: stored.body, lineLengths })
        .returning({ id: drawLots.id });
      return { id: row!.id, size: stored.size, lineLengths };
    };
    const legacy = await readStoredLot(tx, await copy(null), positions);
    expect(legacy.whole, `seed ${seed}`).toBe(true);
    expect(lotRecords(legacy.lot), `seed ${seed}`).toEqual(lot);
    const partial = await readStoredLot(tx, { id: stored.id, size: stored.size, lineLengths: stored.lineLengths }, positions);
    expect(partial.whole).toBe(false);
    if (lot.length === 0) return;
    const wrong = Uint8Array.from(stored.lineLengths!);
    new DataView(wrong.buffer).setUint32(wrong.length - 4, new DataView(wrong.buffer).getUint32(wrong.length - 4) + 1);
    await expect(readStoredLot(tx, await copy(wrong), positions), `seed ${seed}`).rejects.toThrow(/line lengths add up to/);
  }

  it('keeps nothing of a draw refused after its lot was frozen', async () => {
    const { agencyId, base } = await load(99);
    const lots = async () => rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from draw_lots`))[0]!.n;
    const before = await lots();
    const store = createDrizzleStore(database.db, clock);
    // A total quota is planned from the frozen lot's size: an empty lot is refused only then.
    const empty = { ...base, filters: { townships: ['没有企业的乡镇'] }, quotas: 3 };
    const got = await store.transaction((repos) => freezeDraw(repos, agencyId, empty)).catch((e: unknown) => e);
    expect(got).toBeInstanceOf(AppError);
    expect((got as AppError).message).toContain('符合条件的企业仅 0 家');
    expect(await lots()).toBe(before);
  });

  it('refuses to change or delete a frozen lot', async () => {
    const { db } = database;
    const [row] = rowsOf<{ id: number }>(await db.execute(sql`select id from draw_lots order by id limit 1`));
    await expect(db.execute(sql`update draw_lots set body = 'x' where id = ${row!.id}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from draw_lots where id = ${row!.id}`)).rejects.toThrow();
  });
});
