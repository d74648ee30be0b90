/**
 * Getting a Feishu tenant going: the first administrator linked by the CLI, /bind in the group,
 * /link @someone, /people, /unlink, and the roster import (mobile/e-mail resolved to open_id by
 * the contact API; all or nothing). Nobody can claim an identity by typing a certificate number.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsCommand } from '../../../src/cli/accounts-command';
import { chatsCommand } from '../../../src/cli/chats-command';
import type { CliIo } from '../../../src/cli/command';
import { databaseKinds } from '../../support/test-db';
import { GROUP, openIdOf, p2pOf, startFeishuRuntime, titleOf, type FeishuRuntime } from './feishu-runtime';
import { TEST_DRAW_KEY } from '../../support/draw-key';

const UNLINKED = /尚未与本局人员名录关联/;
const directory = [
  { mobile: '13800000002', openId: openIdOf('officer-02') },
  { email: 'o3@yanshi.example', openId: openIdOf('officer-03') },
];

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s) };
  return { io, out, err };
}

for (const kind of databaseKinds()) {
  describe(`Feishu bootstrap: accounts and chats [${kind}]`, () => {
    let t: FeishuRuntime;
    let dir: string;
    let people: Record<string, { name: string; cert: string | null }>;
    const ctx = () => ({ drawKey: () => TEST_DRAW_KEY, openDatabase: async () => t.database });
    const lastText = (chat: string) => t.texts(chat).at(-1) ?? '';
    const feishuAccounts = async () => (await t.query<{ n: number }>(sql`select count(*)::int as n from accounts where platform = 'feishu'`))[0]!.n;
    const say = async (who: string, text: string, o: Parameters<FeishuRuntime['say']>[2] = {}) => {
      await t.say(who, text, o);
      await t.flush();
    };
    const mention = (localId: string) => ({ key: '@_user_2', openId: openIdOf(localId), name: people[localId]!.name, type: 'user' as const });

    beforeAll(async () => {
      t = await startFeishuRuntime(kind, { fake: { directory } });
      dir = await mkdtemp(join(tmpdir(), 'feishu-accounts-'));
      const rows = await t.query<{ local_id: string; name: string; certificate_no: string | null }>(sql`select local_id, name, certificate_no from people`);
      people = Object.fromEntries(rows.map((r) => [r.local_id, { name: r.name, cert: r.certificate_no }]));
    });
    afterAll(async () => {
      await t?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('links the first administrator by CLI, then binds the group and links people in the chat', async () => {
      // Not linked yet: even an administrator gets only the explanation; typing a certificate number claims nothing.
      await say('admin', '/bind');
      expect(lastText(GROUP)).toMatch(UNLINKED);
      await say('officer-01', `/link ${people['officer-01']!.cert} @_user_2`, { p2p: true, mentions: [mention('officer-01')] });
      await say('officer-01', people['officer-01']!.cert!, { p2p: true });
      expect(t.texts(p2pOf('officer-01'))).toEqual([expect.stringMatching(UNLINKED), expect.stringMatching(UNLINKED)]);
      expect(await feishuAccounts()).toBe(0);

      const c = cli();
      const accounts = createAccountsCommand({ resolver: () => undefined });
      expect(await accounts.run(['link', '--platform', 'feishu', '--person', 'admin', '--account', openIdOf('admin')], c.io, ctx())).toBe(0);
      expect(c.out).toEqual([`已将${people['admin']!.name}（管理员）的飞书账号关联为 ${openIdOf('admin')}。`]);

      // Linked, but the group is not bound: a short explanation, except for /bind.
      await say('admin', '/status');
      expect(lastText(GROUP)).toMatch(/本群尚未绑定到任何单位/);
      await say('admin', '/bind', { p2p: true });
      expect(lastText(p2pOf('admin'))).toMatch(/私聊不能绑定/);
      await say('admin', '/bind');
      expect(lastText(GROUP)).toMatch(/^已将本群（飞书）绑定到偃师区应急管理局/);
      await say('admin', '/bind');
      expect(lastText(GROUP)).toMatch(/无需重复绑定/);
      expect(await t.query(sql`select platform, chat_id, bound_by from chats where platform = 'feishu'`)).toEqual([
        { platform: 'feishu', chat_id: GROUP, bound_by: expect.stringMatching(/^person:\d+$/) },
      ]);
      expect(await t.query(sql`select action from audit_log where action = 'chat.bound'`)).toHaveLength(1);

      // /link @someone: the account id comes from the mention, never from what was typed.
      await say('leader', '/status');
      expect(lastText(GROUP)).toMatch(UNLINKED);
      await say('admin', `/link ${people['leader']!.name} @_user_2`, { mentions: [mention('leader')] });
      expect(lastText(GROUP)).toBe(`已将${people['leader']!.name}（局领导）的飞书账号关联为 @${people['leader']!.name}。`);
      await say('leader', '/status');
      expect(titleOf(t.lastCard(GROUP, '进度').card)).toContain('抽查工作进度');
      await say('leader', '/bind', { chat: 'oc_unbound_2' });
      expect(lastText('oc_unbound_2')).toMatch(/只有管理员可以绑定工作群/);
      await say('leader', `/link ${people['officer-01']!.cert} @_user_2`, { mentions: [mention('officer-01')] });
      expect(lastText(GROUP)).toMatch(/只有管理员可以关联人员账号/);
      await say('admin', `/link ${people['officer-01']!.cert}`);
      expect(lastText(GROUP)).toMatch(/^用法：\/link/);
      await say('admin', `/link ${people['officer-01']!.cert} @_user_2`, { mentions: [mention('officer-01')] });
      await say('admin', `/link ${people['officer-02']!.cert} @_user_2`, { mentions: [mention('officer-01')] });
      expect(lastText(GROUP)).toMatch(new RegExp(`已关联到${people['officer-01']!.name}`));
      await say('officer-01', '/tasks', { p2p: true });
      // Linked now: /tasks answers (with no task yet, in words; task cards come once drawn).
      expect(t.texts(p2pOf('officer-01')).at(-1)).toBe('目前没有待办的检查任务。');

      await say('admin', '/people');
      const roster = JSON.stringify(t.lastCard(GROUP, '人员账号关联（飞书）').card);
      expect(roster).toContain('3 / 32 人');
      expect(roster).toContain(openIdOf('officer-01'));

      await say('admin', `/unlink ${people['officer-01']!.cert}`);
      expect(lastText(GROUP)).toMatch(/^已解除/);
      await say('officer-01', '/tasks', { p2p: true });
      expect(lastText(p2pOf('officer-01'))).toMatch(UNLINKED);
      const audit = await t.query<{ action: string }>(sql`select action from audit_log where action like 'account.%' order by id`);
      expect(audit.map((a) => a.action)).toEqual(['account.linked', 'account.linked', 'account.linked', 'account.unlinked']);
    });

    it('imports the roster all or nothing, resolving mobiles and e-mails with the contact API', async () => {
      const file = join(dir, 'accounts.csv');
      const header = '姓名或执法证号,手机号,邮箱,open_id';
      const good = [
        `${people['officer-02']!.name},138 0000 0002,,`,
        `${people['officer-03']!.cert},,O3@yanshi.example,`,
        `${people['officer-04']!.cert},,,${openIdOf('officer-04')}`,
      ];
      const resolver = () => (mobiles: string[], emails: string[]) => t.runtime.feishu!.messenger.resolveOpenIds(mobiles, emails);
      const before = await feishuAccounts();

      await writeFile(file, [header, ...good, `${people['officer-05']!.name},13900000000,,`, '无此人,,,ou_nobody'].join('\n'));
      const bad = cli();
      expect(await createAccountsCommand({ resolver }).run(['import', file, '--platform', 'feishu'], bad.io, ctx())).toBe(1);
      expect(bad.err.join('\n')).toMatch(
        /未保存任何内容[\s\S]*第 5 行（.+）：手机号 13900000000 在飞书通讯录中找不到对应用户[\s\S]*第 6 行：本单位名录中找不到“无此人”/,
      );
      expect(await feishuAccounts()).toBe(before);

      await writeFile(file, [header, ...good].join('\n'));
      const noConfig = cli();
      expect(await createAccountsCommand({ resolver: () => undefined }).run(['import', file, '--platform', 'feishu'], noConfig.io, ctx())).toBe(1);
      expect(noConfig.err.join('\n')).toMatch(/有 2 行没有填写 open_id[\s\S]*FEISHU_APP_ID/);

      const ok = cli();
      expect(await createAccountsCommand({ resolver }).run(['import', file, '--platform', 'feishu'], ok.io, ctx())).toBe(0);
      expect(ok.out).toEqual(['导入完成：新关联 3 人，已是相同关联 0 人。']);
      const linked = await t.query<{ local_id: string; account_id: string }>(
        sql`select p.local_id, a.account_id from accounts a join people p on p.id = a.person_id where a.platform = 'feishu' and p.local_id in ('officer-02', 'officer-03', 'officer-04') order by p.local_id`,
      );
      expect(linked).toEqual(['officer-02', 'officer-03', 'officer-04'].map((l) => ({ local_id: l, account_id: openIdOf(l) })));
      const again = cli();
      await createAccountsCommand({ resolver }).run(['import', file, '--platform', 'feishu'], again.io, ctx());
      expect(again.out).toEqual(['导入完成：新关联 0 人，已是相同关联 3 人。']);

      const bind = cli();
      expect(await chatsCommand.run(['bind', '--platform', 'feishu', '--chat', 'oc_second_group'], bind.io, ctx())).toBe(0);
      expect(bind.out[0]).toMatch(/^已将飞书群 oc_second_group 绑定到偃师区应急管理局。/);
      expect(await chatsCommand.run(['bind', '--platform', 'feishu', '--chat', 'not-a-chat'], cli().io, ctx())).toBe(2);
    });
  });
}
