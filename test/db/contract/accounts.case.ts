import { describe, expect, it } from 'vitest';
import type { Harness } from './harness';
import { seedBureau } from './fixtures';

/** Repos.accounts: linking, unlinking, the roster and bound chats. */
export function accountCases(h: () => Harness): void {
  describe('accounts', () => {
    it('finds people by local id, certificate or name, in one agency or in all', async () => {
      const b = await seedBureau(h());
      const other = await seedBureau(h(), `${b.t}x`);
      await h().store.transaction(async (r) => {
        expect((await r.accounts.findPeople(`o1-${b.t}`)).map((p) => p.id)).toEqual([b.officerA]);
        expect((await r.accounts.findPeople(`B${b.t}`, b.agencyId)).map((p) => p.id)).toEqual([b.officerB]);
        expect((await r.accounts.findPeople(`丙${b.t}`)).map((p) => p.id)).toEqual([b.officerC]);
        expect(await r.accounts.findPeople(`o1-${b.t}`, other.agencyId)).toEqual([]);
        expect(await r.accounts.findPeople('没有这个人')).toEqual([]);
      });
    });

    it('links an account in place of the person’s earlier one on that platform, and unlinks', async () => {
      const b = await seedBureau(h());
      await h().store.transaction(async (r) => {
        expect(await r.accounts.link(b.officerA, 'feishu', `ou_a_${b.t}`, 'admin')).toEqual([]);
        expect(await r.accounts.ownerOf('feishu', `ou_a_${b.t}`)).toBe(b.officerA);
        expect(await r.accounts.link(b.officerA, 'feishu', `ou_a_${b.t}`, 'admin')).toEqual([]);
        expect(await r.accounts.link(b.officerA, 'feishu', `ou_a2_${b.t}`, 'admin')).toEqual([`ou_a_${b.t}`]);
        expect(await r.accounts.ownerOf('feishu', `ou_a_${b.t}`)).toBeUndefined();
        // The local account is another platform's, untouched.
        expect(await r.accounts.ownerOf('local', `local-3-${b.t}`)).toBe(b.officerA);
        const roster = await r.accounts.roster(b.agencyId, 'feishu');
        expect(roster.map((p) => [p.id, p.accountId])).toEqual([
          [b.admin, null],
          [b.leader, null],
          [b.officerB, null],
          [b.officerA, `ou_a2_${b.t}`],
          [b.officerC, null],
          [b.officerD, null],
        ]);
        expect(roster[3]).toEqual({
          id: b.officerA,
          agencyId: b.agencyId,
          name: `甲${b.t}`,
          role: 'officer',
          unit: '综合行政执法大队',
          certificateNo: `A${b.t}`,
          accountId: `ou_a2_${b.t}`,
        });
        expect(await r.accounts.unlink(b.officerA, 'feishu')).toEqual([`ou_a2_${b.t}`]);
        expect(await r.accounts.unlink(b.officerA, 'feishu')).toEqual([]);
        expect(await r.directory.personByAccount('feishu', `ou_a2_${b.t}`)).toBeUndefined();
      });
    });

    it('refuses to link an account that is another person’s', async () => {
      const b = await seedBureau(h());
      await h().store.transaction((r) => r.accounts.link(b.officerA, 'feishu', `ou_${b.t}`, 'admin'));
      await expect(h().store.transaction((r) => r.accounts.link(b.officerB, 'feishu', `ou_${b.t}`, 'admin'))).rejects.toThrow();
      expect(await h().store.transaction((r) => r.accounts.ownerOf('feishu', `ou_${b.t}`))).toBe(b.officerA);
    });

    it('binds a chat once, to whichever agency binds it first', async () => {
      const b = await seedBureau(h());
      const other = await seedBureau(h(), `${b.t}y`);
      await h().store.transaction(async (r) => {
        expect(await r.accounts.bindChat(b.agencyId, 'feishu', `oc_2_${b.t}`, 'admin')).toBe(true);
        expect(await r.accounts.bindChat(b.agencyId, 'feishu', `oc_1_${b.t}`, 'admin')).toBe(true);
        expect(await r.accounts.bindChat(b.agencyId, 'feishu', `oc_1_${b.t}`, 'admin')).toBe(false);
        expect(await r.accounts.bindChat(other.agencyId, 'feishu', `oc_1_${b.t}`, 'admin')).toBe(false);
        expect(await r.accounts.chatsOf(b.agencyId, 'feishu')).toEqual([`oc_2_${b.t}`, `oc_1_${b.t}`]);
        expect(await r.accounts.chatsOf(other.agencyId, 'feishu')).toEqual([]);
        expect(await r.accounts.chatsOf(b.agencyId, 'local')).toEqual([`group-${b.t}`]);
        expect(await r.directory.agencyOfChat('feishu', `oc_1_${b.t}`)).toBe(b.agencyId);
      });
    });
  });
}
