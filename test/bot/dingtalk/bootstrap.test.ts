/**
 * Getting a DingTalk organisation going, as for Feishu: the first administrator linked by the CLI,
 * `@机器人 /bind` in the group (the text arrives without the robot's name, after a space),
 * `/link 证号 @某人` (the person from `atUsers`, his name from the text), and the roster import:
 * 钉钉UserID given, or the mobile resolved through getbymobile on the fake DingTalk; all or nothing,
 * every problem by row, column, value and reason.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountsCommand } from '../../../src/cli/accounts-command';
import type { CliIo } from '../../../src/cli/command';
import { databaseKinds } from '../../support/test-db';
import { TEST_DRAW_KEY } from '../../support/draw-key';
import { DT_GROUP, staffOf, startDingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';

function cli() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s) };
  return { io, out, err };
}

for (const kind of databaseKinds()) {
  describe(`DingTalk bootstrap: accounts and the group [${kind}]`, () => {
    let t: DingtalkRuntime;
    let dir: string;
    let people: Record<string, { name: string; cert: string }>;
    const ctx = () => ({ drawKey: () => TEST_DRAW_KEY, openDatabase: async () => t.database });
    const say = async (who: string, text: string, o: Parameters<DingtalkRuntime['say']>[2] = {}) => {
      await t.say(who, text, o);
      await t.flush();
    };
    const lastText = (to: string) => t.texts(to).at(-1) ?? '';
    const dingtalkAccounts = () =>
      t.query<{ local_id: string; account_id: string }>(
        sql`select p.local_id, a.account_id from accounts a join people p on p.id = a.person_id where a.platform = 'dingtalk' order by p.local_id`,
      );

    beforeAll(async () => {
      t = await startDingtalkRuntime(kind, {
        fake: { contacts: { '13800000002': staffOf('officer-02'), '13800000005': staffOf('officer-05') } },
      });
      dir = await mkdtemp(join(tmpdir(), 'dingtalk-accounts-'));
      const rows = await t.query<{ local_id: string; name: string; certificate_no: string | null }>(sql`select local_id, name, certificate_no from people`);
      people = Object.fromEntries(rows.map((r) => [r.local_id, { name: r.name, cert: r.certificate_no ?? r.local_id }]));
    });
    afterAll(async () => {
      await t?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('links the administrator by CLI, binds the group with @机器人 /bind, links a person with /link 证号 @某人', async () => {
      await say('admin', '/bind');
      expect(lastText(DT_GROUP)).toMatch(/尚未与本局人员名录关联/);

      const byCli = cli();
      expect(await createAccountsCommand().run(['link', '--platform', 'dingtalk', '--person', 'admin', '--account', staffOf('admin')], byCli.io, ctx())).toBe(
        0,
      );
      const mixUp = cli();
      expect(await createAccountsCommand().run(['link', '--platform', 'dingtalk', '--person', 'admin', '--account', 'ou_abc'], mixUp.io, ctx())).toBe(2);
      expect(mixUp.err[0]).toContain('是飞书的 open_id，不是钉钉 userId');

      await say('admin', '/bind');
      expect(lastText(DT_GROUP)).toMatch(/绑定/);
      const [bound] = await t.query<{ n: number }>(sql`select count(*)::int as n from chats where platform = 'dingtalk' and chat_id = ${DT_GROUP}`);
      expect(bound!.n).toBe(1);

      // DingTalk removes the robot's @name but keeps the @name of the person (with a U+2005 after it, as clients send it).
      const officer = people['officer-01']!;
      await say('admin', `/link ${officer.cert} @${officer.name}\u2005`, { at: ['officer-01'] });
      expect(lastText(DT_GROUP)).toBe(`已将${officer.name}（执法人员，执法证 ${officer.cert}）的钉钉账号关联为 @${officer.name}。`);
      // A client that leaves the robot's name in front of the command: still the command.
      await say('officer-01', '@双随机机器人 /tasks');
      expect(lastText(DT_GROUP)).toBe('目前没有待办的检查任务。');
      expect(await dingtalkAccounts()).toEqual([
        { local_id: 'admin', account_id: staffOf('admin') },
        { local_id: 'officer-01', account_id: staffOf('officer-01') },
      ]);
    });

    it('imports the roster all or nothing: 钉钉UserID, or the mobile through getbymobile; problems by row, column, value', async () => {
      const file = join(dir, 'roster.csv');
      const header = '姓名或执法证号,手机号,邮箱,open_id,钉钉UserID';
      const good = [
        `${people['officer-02']!.name},138 0000 0002,,,`,
        `${people['officer-03']!.cert},,,ou_feishu_only,${staffOf('officer-03')}`,
        `${people['officer-04']!.cert},,,${staffOf('officer-04')},`,
        `${people['officer-05']!.cert},+86 138-0000-0005,,ou_officer05,`,
      ];
      const resolver = () => (mobiles: string[]) => t.runtime.dingtalk!.messenger.resolveUserIds(mobiles);
      const before = await dingtalkAccounts();

      await writeFile(
        file,
        [
          header,
          ...good,
          `${people['officer-06']!.name},13900000000,,,`,
          `${people['officer-07']!.name},,o7@yanshi.example,,`,
          `${people['officer-08']!.name},,,,ou_wrong`,
        ].join('\n'),
      );
      const bad = cli();
      expect(await createAccountsCommand({ resolver }).run(['import', file, '--platform', 'dingtalk'], bad.io, ctx())).toBe(1);
      const refusal = bad.err.join('\n');
      expect(refusal).toContain('未保存任何内容');
      expect(refusal).toContain(`第 6 行「手机号」13900000000：在钉钉通讯录中找不到对应用户（${people['officer-06']!.name}）`);
      expect(refusal).toContain(`第 7 行「邮箱」o7@yanshi.example：钉钉不能按邮箱查找用户（${people['officer-07']!.name}）`);
      expect(refusal).toContain('第 8 行「钉钉UserID」ou_wrong：这是飞书的 open_id，不是钉钉 userId');
      expect(await dingtalkAccounts()).toEqual(before);
      // Only the rows without an id were looked up, each mobile once.
      expect(t.fake.lookups.sort()).toEqual(['13800000002', '13800000005', '13900000000']);

      await writeFile(file, [header, ...good].join('\n'));
      const noConfig = cli();
      expect(await createAccountsCommand({ resolver: () => undefined }).run(['import', file, '--platform', 'dingtalk'], noConfig.io, ctx())).toBe(1);
      expect(noConfig.err.join('\n')).toMatch(/有 2 行没有填写 钉钉UserID[\s\S]*DINGTALK_APP_KEY/);

      const ok = cli();
      expect(await createAccountsCommand({ resolver }).run(['import', file, '--platform', 'dingtalk'], ok.io, ctx())).toBe(0);
      expect(ok.out).toEqual(['导入完成：新关联 4 人，已是相同关联 0 人。']);
      const linked = (await dingtalkAccounts()).filter((a) => ['officer-02', 'officer-03', 'officer-04', 'officer-05'].includes(a.local_id));
      expect(linked).toEqual(['officer-02', 'officer-03', 'officer-04', 'officer-05'].map((l) => ({ local_id: l, account_id: staffOf(l) })));
      const audit = await t.query<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'account.linked' and data->>'via' = 'import'`);
      expect(audit[0]!.n).toBe(4);

      // The same roster, for Feishu: the open_id column, the 钉钉UserID column left alone.
      const feishuRows = cli();
      await writeFile(file, [header, `${people['officer-03']!.cert},,,ou_feishu_only,${staffOf('officer-03')}`].join('\n'));
      expect(await createAccountsCommand({ resolver: () => undefined }).run(['import', file, '--platform', 'feishu'], feishuRows.io, ctx())).toBe(0);
      const [feishu] = await t.query<{ account_id: string }>(sql`select account_id from accounts where platform = 'feishu'`);
      expect(feishu!.account_id).toBe('ou_feishu_only');
    });
  });
}
