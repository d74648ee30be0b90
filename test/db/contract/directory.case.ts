import { describe, expect, it } from 'vitest';
import { CATALOG, type Harness } from './harness';
import { seedBureau, uscc } from './fixtures';

/** Repos.directory: who is who, where, and what a draw reads. */
export function directoryCases(h: () => Harness): void {
  describe('directory', () => {
    it('reads the agency, people by id, account, certificate and role, and the bound chat', async () => {
      const { t, agencyId, admin, leader, officerA, officerB, officerC, officerD } = await seedBureau(h());
      await h().store.transaction(async (r) => {
        expect(await r.directory.agency(agencyId)).toMatchObject({
          id: agencyId,
          name: `局${t}`,
          shortName: `局${t}`,
          publicationWorkdays: 5,
          countStartDay: false,
          yearlyCap: 1,
          cooldownMonths: 0,
          excludeLastInspector: true,
          groupSize: 2,
          requireExpertise: false,
          requireUnit: null,
        });
        expect(await r.directory.agency(agencyId + 1000)).toBeUndefined();
        const leaderRow = { id: leader, agencyId, name: `局长${t}`, role: 'leader', unit: '', certificateNo: null };
        expect(await r.directory.person(leader)).toEqual(leaderRow);
        expect(await r.directory.personByAccount('local', `local-1-${t}`)).toEqual(leaderRow);
        expect(await r.directory.personByAccount('feishu', `local-1-${t}`)).toBeUndefined();
        expect(await r.directory.personByCertificate(agencyId, `A${t}`)).toMatchObject({ id: officerA, certificateNo: `A${t}` });
        expect(await r.directory.personByCertificate(agencyId + 1000, `A${t}`)).toBeUndefined();
        expect((await r.directory.peopleWithRole(agencyId, ['officer', 'admin'])).map((p) => p.id)).toEqual([admin, officerB, officerA, officerC, officerD]);
        expect(await r.directory.agencyOfChat('local', `group-${t}`)).toBe(agencyId);
        expect(await r.directory.agencyOfChat('feishu', `group-${t}`)).toBeUndefined();
        // Several at once, in the order asked, a repeat and an unknown one included.
        const officerARow = await r.directory.person(officerA);
        expect(
          await r.directory.peopleByAccounts([
            { platform: 'local', accountId: `local-3-${t}` },
            { platform: 'feishu', accountId: `local-1-${t}` },
            { platform: 'local', accountId: `local-1-${t}` },
            { platform: 'local', accountId: `local-3-${t}` },
          ]),
        ).toEqual([officerARow, undefined, leaderRow, officerARow]);
        expect(await r.directory.peopleByAccounts([])).toEqual([]);
        expect(
          await r.directory.agenciesOfChats([
            { platform: 'feishu', chatId: `group-${t}` },
            { platform: 'local', chatId: `group-${t}` },
          ]),
        ).toEqual([undefined, agencyId]);
        expect(await r.directory.agenciesOfChats([])).toEqual([]);
        expect(await r.directory.accountsOf([officerA, leader, 999_999], 'local')).toEqual(
          new Map([
            [leader, `local-1-${t}`],
            [officerA, `local-3-${t}`],
          ]),
        );
        expect(await r.directory.accountsOf([], 'local')).toEqual(new Map());
        // 在营 and not 重点监管: enterprises 1, 6 (机械) and 2, 5 (建材); 3 is 停产, 4 under 重点监管.
        expect(await r.directory.eligibleByIndustry(agencyId)).toEqual({ 机械: 2, 建材: 2 });
        expect(await r.directory.eligibleByIndustry(agencyId + 1000)).toEqual({});
      });
    });

    it('reads enterprises with their optional fields left out when empty', async () => {
      const { t, agencyId } = await seedBureau(h());
      await h().store.transaction(async (r) => {
        const first = await r.directory.enterprise(agencyId, uscc(t, 1));
        expect(first).toEqual({
          uscc: uscc(t, 1),
          name: `企业${t}-1`,
          industry: '机械',
          township: '岳滩镇',
          address: '岳滩镇1号',
          contactPerson: '王经理',
          phone: '13800000000',
          riskLevel: '一般',
          status: '在营',
          keySupervision: false,
        });
        const second = await r.directory.enterprise(agencyId, uscc(t, 2));
        expect(second).toMatchObject({ riskLevel: '高', industry: '建材' });
        expect(second?.address).toBeUndefined();
        expect(await r.directory.enterprise(agencyId + 1000, uscc(t, 1))).toBeUndefined();
        const some = await r.directory.enterprisesByUscc(agencyId, [uscc(t, 3), uscc(t, 5), 'nope']);
        expect([...some.keys()].sort()).toEqual([uscc(t, 3), uscc(t, 5)]);
        expect(some.get(uscc(t, 3))).toMatchObject({ status: '停产' });
      });
    });

    it('gives a draw the officers with a dated certificate in certificate order, and the history of tasks and other departments', async () => {
      const { t, agencyId } = await seedBureau(h());
      const { officers, history } = await h().store.transaction((r) => r.directory.drawRoster(agencyId));
      expect(officers).toEqual([
        {
          certificateNo: `A${t}`,
          name: `甲${t}`,
          unit: '综合行政执法大队',
          certificateValidUntil: '2030-12-31',
          expertise: ['建材'],
          onDuty: true,
          conflicts: [uscc(t, 1)],
        },
        { certificateNo: `B${t}`, name: `乙${t}`, unit: '法规科', certificateValidUntil: '2030-12-31', expertise: ['机械'], onDuty: true, conflicts: [] },
        { certificateNo: `C${t}`, name: `丙${t}`, unit: '法规科', certificateValidUntil: '2030-12-31', expertise: [], onDuty: false, conflicts: [] },
      ]);
      expect(history).toEqual([{ uscc: uscc(t, 6), date: '2026-01-15', officers: [], open: false, random: true }]);
    });

    it('lists the check items in the plan order', async () => {
      expect(await h().store.transaction((r) => r.directory.checkItems())).toEqual(CATALOG);
    });
  });
}
