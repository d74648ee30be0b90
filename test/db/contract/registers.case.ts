import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../src/app/ports/store';
import type { Harness } from './harness';
import { enterprise, seedBureau, uscc } from './fixtures';

const AT = new Date('2026-03-05T02:00:00Z');
const PREVIEW: ImportPreview = { rows: 2, added: 1, updated: 1, unchanged: 0, delisted: 0, examples: { added: ['甲'], updated: ['乙'], delisted: [] } };

/** Repos.registers: the registers as an import reads and writes them, and imports waiting for 确认导入. */
export function registerCases(h: () => Harness): void {
  describe('registers', () => {
    it('reads the directory and the roster as an import compares them', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const list = await r.registers.enterprises(b.agencyId);
        expect(list.map((e) => e.uscc)).toEqual([1, 2, 3, 4, 5, 6].map((i) => uscc(b.t, i)));
        expect(list[0]).toEqual({ ...enterprise(b.t, 1), address: '岳滩镇1号', contactPerson: '王经理', phone: '13800000000' });
        const officers = await r.registers.officers(b.agencyId);
        expect(officers.map((o) => o.certificateNo)).toEqual([`A${b.t}`, `B${b.t}`, `C${b.t}`, `D${b.t}`]);
        expect(officers[0]).toEqual({
          certificateNo: `A${b.t}`,
          name: `甲${b.t}`,
          unit: '综合行政执法大队',
          certificateValidUntil: '2030-12-31',
          expertise: ['建材'],
          onDuty: true,
          conflicts: [uscc(b.t, 1)],
        });
        expect(officers[3]?.certificateValidUntil).toBe('');
      });
    });

    it('upserts enterprises and marks the ones no longer listed, deleting none', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const changed = { ...enterprise(b.t, 2, { industry: '建材' }), name: '改名', riskLevel: '低' as const, address: '新地址' };
        const added = enterprise(b.t, 7, { industry: '纺织' });
        await r.registers.applyEnterprises(b.agencyId, { upsert: [changed, added], delist: [uscc(b.t, 3), uscc(b.t, 6)] }, AT);
        const list = await r.registers.enterprises(b.agencyId);
        expect(list).toHaveLength(7);
        expect(list.find((e) => e.uscc === uscc(b.t, 2))).toMatchObject({ name: '改名', riskLevel: '低', address: '新地址', industry: '建材' });
        expect(list.find((e) => e.uscc === uscc(b.t, 7))).toEqual(added);
        expect(list.filter((e) => e.status === '移出名录').map((e) => e.uscc)).toEqual([uscc(b.t, 3), uscc(b.t, 6)]);
        // 移出名录 is not 在营: no longer eligible, and out of the percentage targets' base.
        expect(await r.directory.eligibleByIndustry(b.agencyId)).toEqual({ 机械: 1, 建材: 2, 纺织: 1 });
      });
    });

    it('upserts officers by certificate and marks the ones no longer listed off duty', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const newcomer = {
          certificateNo: `N${b.t}`,
          name: '新人',
          unit: '法规科',
          certificateValidUntil: '2031-01-01',
          expertise: ['机械'],
          onDuty: true,
          conflicts: [],
        };
        const changed = {
          certificateNo: `A${b.t}`,
          name: `甲${b.t}`,
          unit: '法规科',
          certificateValidUntil: '2032-06-30',
          expertise: ['建材', '机械'],
          onDuty: true,
          conflicts: [],
        };
        await r.registers.applyOfficers(b.agencyId, { upsert: [changed, newcomer], delist: [`B${b.t}`] }, AT);
        const officers = await r.registers.officers(b.agencyId);
        expect(officers.find((o) => o.certificateNo === `A${b.t}`)).toEqual(changed);
        expect(officers.find((o) => o.certificateNo === `N${b.t}`)).toEqual(newcomer);
        expect(officers.find((o) => o.certificateNo === `B${b.t}`)?.onDuty).toBe(false);
        expect((await r.directory.personByCertificate(b.agencyId, `N${b.t}`))?.role).toBe('officer');
      });
    });

    it('keeps an import until it ends once, with its rows until then', async () => {
      const b = await seedBureau(h());
      const expiresAt = new Date('2026-03-06T02:00:00Z');
      const row = {
        agencyId: b.agencyId,
        key: 'k'.repeat(16),
        register: 'enterprises' as const,
        fileName: '名录.xlsx',
        preview: PREVIEW,
        baseline: 'ab',
        full: true,
        createdBy: b.admin,
        expiresAt,
      };
      const stored = await h().store.transaction((r) => r.registers.insertPending({ ...row, rows: [enterprise(b.t, 9)] }));
      expect(stored).toEqual({ ...row, id: expect.any(Number), status: 'pending', createdAt: expect.any(Date), endedAt: null });
      await h().store.transaction(async (r) => {
        expect(await r.registers.pending(b.agencyId, stored.id)).toEqual(stored);
        expect(await r.registers.pending(b.agencyId + 1000, stored.id)).toBeUndefined();
        expect(await r.registers.lockPending(b.agencyId, stored.id)).toEqual({ ...stored, rows: [enterprise(b.t, 9)] });
        expect(await r.registers.endPending(stored.id, 'applied', b.admin, AT)).toBe(true);
        expect(await r.registers.endPending(stored.id, 'cancelled', b.admin, AT)).toBe(false);
      });
      const ended = await h().store.transaction((r) => r.registers.lockPending(b.agencyId, stored.id));
      expect(ended).toMatchObject({ status: 'applied', endedAt: AT, rows: [] });
    });
  });
}
