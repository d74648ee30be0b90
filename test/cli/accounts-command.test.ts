/**
 * `accounts` runs the chat's use cases (/link, /unlink, /people) as the CLI operator: the same
 * rules and the same audit entries, each command one transaction, refusals in Chinese that
 * leave nothing behind.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccountsCommand } from '../../src/cli/accounts-command';
import { chatsCommand } from '../../src/cli/chats-command';
import { directoryCommand } from '../../src/cli/directory-command';
import { verifyAuditChain } from '../../src/db/repos/audit-repo';
import { describeEachDb } from '../support/test-db';
import { demoDatabase, feishuChat, runCli } from './cli-harness';
import { TEST_DRAW_KEY } from '../support/draw-key';

const accounts = createAccountsCommand({ resolver: () => undefined });
const GROUP = 'oc_cli_test_group';

describeEachDb('accounts CLI', (kind) => {
  let t: Awaited<ReturnType<typeof demoDatabase>>;
  let say: ReturnType<typeof feishuChat>;
  const cli = (...args: string[]) => runCli(accounts, args, t.ctx);
  const linked = () =>
    t.query<{ local_id: string; account_id: string; linked_by: string }>(
      sql`select p.local_id, a.account_id, a.linked_by from accounts a join people p on p.id = a.person_id where a.platform = 'feishu' order by a.id`,
    );
  const auditOf = (action: string) =>
    t.query<{ agency_id: number; actor: string; action: string; subject: string; data: unknown }>(
      sql`select agency_id, actor, action, subject, data from audit_log where action = ${action} order by id`,
    );

  beforeAll(async () => {
    t = await demoDatabase(kind);
    say = feishuChat(t.database);
  });
  afterAll(() => t?.database.close());

  it('links the first administrator, and writes the same audit entry as /link in the chat', async () => {
    const admin = t.person('admin');
    expect(await cli('link', '--platform', 'feishu', '--person', 'admin', '--account', 'ou_admin')).toEqual({
      code: 0,
      out: [`已将${admin.name}（管理员）的飞书账号关联为 ou_admin。`],
      err: [],
    });
    expect((await runCli(chatsCommand, ['bind', '--platform', 'feishu', '--chat', GROUP], t.ctx)).code).toBe(0);

    const officer = t.person('officer-01');
    const reply = await say('ou_admin', { id: GROUP, kind: 'group' }, `/link ${officer.certificate_no} @_user_1`, [
      { accountId: 'ou_officer01', name: officer.name },
    ]);
    expect(reply).toBe(`已将${officer.name}（执法人员，执法证 ${officer.certificate_no}）的飞书账号关联为 @${officer.name}。`);
    expect((await cli('link', '--platform', 'feishu', '--person', officer.certificate_no!, '--account', 'ou_officer01')).out).toEqual([
      `${officer.name}（执法人员，执法证 ${officer.certificate_no}）已关联到 ou_officer01，无需重复操作。`,
    ]);

    const entry = (actor: string, localId: string, accountId: string) => ({
      agency_id: 1,
      actor,
      action: 'account.linked',
      subject: `person:${t.person(localId).id}`,
      data: { platform: 'feishu', accountId, replaced: [] },
    });
    expect(await auditOf('account.linked')).toEqual([entry('cli', 'admin', 'ou_admin'), entry(`person:${admin.id}`, 'officer-01', 'ou_officer01')]);
    expect(await linked()).toEqual([
      { local_id: 'admin', account_id: 'ou_admin', linked_by: 'cli' },
      { local_id: 'officer-01', account_id: 'ou_officer01', linked_by: `person:${admin.id}` },
    ]);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('refuses a bad key or a taken account in Chinese and saves nothing', async () => {
    const before = { accounts: await t.count('accounts'), audit: await t.count('audit_log') };
    expect(await cli('link', '--platform', 'feishu', '--person', '无此人', '--account', 'ou_nobody')).toEqual({
      code: 1,
      out: [],
      err: ['未保存任何内容：本单位名录中找不到“无此人”。请写执法证号或与名录一致的姓名。'],
    });
    const leader = t.person('leader');
    const taken = await cli('link', '--platform', 'feishu', '--person', 'leader', '--account', 'ou_admin');
    expect(taken.code).toBe(1);
    expect(taken.err).toEqual([
      `未保存任何内容：账号 ou_admin 已关联到${t.person('admin').name}。如需改为${leader.name}，请先运行 npm run cli -- accounts unlink --platform feishu --person ${t.person('admin').name} 解除原关联。`,
    ]);
    expect({ accounts: await t.count('accounts'), audit: await t.count('audit_log') }).toEqual(before);
  });

  it('answers bad usage with exit 2 and the reason in Chinese, before touching the database', async () => {
    const noDb = { drawKey: () => TEST_DRAW_KEY, openDatabase: () => Promise.reject(new Error('bad usage must not open the database')) };
    const usage = async (args: string[], reason: string) => {
      const r = await runCli(accounts, args, noDb);
      expect(r.code).toBe(2);
      expect(r.err[0]).toBe(reason);
      expect(r.err[1]).toMatch(/^用法：/);
    };
    await usage(['link', '--person', 'admin', '--account', 'ou_x'], '请用 --platform 指定平台：feishu / dingtalk / local。');
    await usage(['link', '--platform', 'feishu', '--person', 'admin', '--account', 'x123'], '“x123”不像飞书用户的 open_id（以 ou_ 开头）。');
    await usage(['link', '--platform', 'feishu', '--person', 'admin'], 'accounts link 需要 --account。');
    await usage(['link', '--platform', 'feishu', '--person', 'admin', '--account', 'ou_x', '--agency', '一'], '--agency 应为单位编号（数字）。');
    await usage(['unlink', '--platform', 'feishu'], 'accounts unlink 需要 --person。');
    await usage(['relink', '--platform', 'feishu'], '未知的子命令“relink”。');
    await usage(['list', '--platform', 'feishu', '--color', 'red'], '未知的选项 --color。');
  });

  it('imports all rows through the link use case, or none: a good row is rolled back with a bad one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-accounts-'));
    const file = join(dir, 'accounts.csv');
    const [o2, o3] = [t.person('officer-02'), t.person('officer-03')];
    writeFileSync(
      file,
      ['姓名或执法证号,手机号,邮箱,open_id', `${o2.certificate_no},,,ou_officer02`, `${o3.name},,,ou_officer01`, '无此人,,,ou_ghost'].join('\n'),
    );
    const before = { accounts: await t.count('accounts'), audit: await t.count('audit_log') };
    const bad = await cli('import', file, '--platform', 'feishu');
    expect(bad.code).toBe(1);
    expect(bad.err).toEqual([
      [
        '未保存任何内容：',
        `  - 第 3 行：账号 ou_officer01 已关联到${t.person('officer-01').name}。如需改为${o3.name}，请先运行 npm run cli -- accounts unlink --platform feishu --person ${t.person('officer-01').certificate_no} 解除原关联。`,
        '  - 第 4 行：本单位名录中找不到“无此人”。请写执法证号或与名录一致的姓名。',
      ].join('\n'),
    ]);
    expect({ accounts: await t.count('accounts'), audit: await t.count('audit_log') }).toEqual(before);

    writeFileSync(
      file,
      ['姓名或执法证号,手机号,邮箱,open_id', `${o2.certificate_no},,,ou_officer02`, `${o3.name},,,ou_officer03`, 'admin,,,ou_admin'].join('\n'),
    );
    expect(await cli('import', file, '--platform', 'feishu')).toEqual({ code: 0, out: ['导入完成：新关联 2 人，已是相同关联 1 人。'], err: [] });
    const imported = await auditOf('account.linked');
    expect(imported.slice(-2).map((e) => [e.actor, e.data])).toEqual([
      ['cli', { platform: 'feishu', accountId: 'ou_officer02', replaced: [], via: 'import' }],
      ['cli', { platform: 'feishu', accountId: 'ou_officer03', replaced: [], via: 'import' }],
    ]);
  });

  it('unlinks (the administrator himself too, which the chat refuses) and lists like /people', async () => {
    const admin = t.person('admin');
    expect(await say('ou_admin', { id: GROUP, kind: 'group' }, '/unlink admin')).toMatch(/^不能在聊天中解除自己的关联/);
    const list = await cli('list', '--platform', 'feishu');
    expect(list.code).toBe(0);
    const lines = list.out.join('\n').split('\n');
    expect(lines.slice(0, 3)).toEqual(['【人员账号关联（飞书）】', '已关联：4 / 32 人', '已绑定工作群：1 个']);
    expect(lines.find((l) => l.startsWith(admin.name))).toMatch(/^\S+\s+管理员\s+ou_admin$/);

    expect(await cli('unlink', '--platform', 'feishu', '--person', 'admin')).toEqual({
      code: 0,
      out: [`已解除${admin.name}（管理员）的飞书账号关联。`],
      err: [],
    });
    expect((await auditOf('account.unlinked')).map((e) => [e.actor, e.subject, e.data])).toEqual([
      ['cli', `person:${admin.id}`, { platform: 'feishu', removed: ['ou_admin'] }],
    ]);
    expect((await cli('unlink', '--platform', 'feishu', '--person', 'admin')).out).toEqual([`${admin.name}（管理员）没有关联飞书账号，无需解除。`]);
  });

  it('acts in the agency chosen with --agency, and finds nobody of another agency', async () => {
    expect((await runCli(directoryCommand, ['agency', '--name', '测试区应急管理局', '--short', '测应急'], t.ctx)).out).toEqual(['2']);
    expect((await runCli(directoryCommand, ['staff', '--name', '钱二', '--role', 'admin', '--agency', '2'], t.ctx)).code).toBe(0);
    const which = await cli('link', '--platform', 'feishu', '--person', '钱二', '--account', 'ou_qian');
    expect(which).toMatchObject({ code: 1, err: ['有 2 个单位，请用 --agency 指定：1 偃师区应急管理局；2 测试区应急管理局'] });
    expect((await cli('link', '--platform', 'feishu', '--person', '钱二', '--account', 'ou_qian', '--agency', '1')).err).toEqual([
      '未保存任何内容：本单位名录中找不到“钱二”。请写执法证号或与名录一致的姓名。',
    ]);
    expect((await cli('link', '--platform', 'feishu', '--person', '钱二', '--account', 'ou_qian', '--agency', '2')).out).toEqual([
      '已将钱二（管理员）的飞书账号关联为 ou_qian。',
    ]);
    const [entry] = (await auditOf('account.linked')).slice(-1);
    expect(entry).toMatchObject({ agency_id: 2, actor: 'cli' });
  });
});
