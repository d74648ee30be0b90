/** `chats bind` runs the chat's /bind use case as the CLI operator: same rules, same audit entry. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccountsCommand } from '../../src/cli/accounts-command';
import { chatsCommand } from '../../src/cli/chats-command';
import { directoryCommand } from '../../src/cli/directory-command';
import { describeEachDb } from '../support/test-db';
import { demoDatabase, feishuChat, runCli } from './cli-harness';

describeEachDb('chats CLI', (kind) => {
  let t: Awaited<ReturnType<typeof demoDatabase>>;
  let say: ReturnType<typeof feishuChat>;
  const bind = (...args: string[]) => runCli(chatsCommand, ['bind', '--platform', 'feishu', ...args], t.ctx);

  beforeAll(async () => {
    t = await demoDatabase(kind);
    say = feishuChat(t.database);
    await runCli(createAccountsCommand(), ['link', '--platform', 'feishu', '--person', 'admin', '--account', 'ou_admin'], t.ctx);
  });
  afterAll(() => t?.database.close());

  it('binds a group as /bind does, with the same audit entry, and a repeat changes nothing', async () => {
    expect(await bind('--chat', 'oc_from_cli')).toEqual({
      code: 0,
      out: ['已将飞书群 oc_from_cli 绑定到偃师区应急管理局。局领导可在该群 @机器人 发送 /draw 发起抽取。'],
      err: [],
    });
    expect((await bind('--chat', 'oc_from_cli')).out).toEqual(['飞书群 oc_from_cli 已绑定到偃师区应急管理局，无需重复绑定。']);
    expect(await say('ou_admin', { id: 'oc_from_chat', kind: 'group' }, '/bind')).toMatch(/^已将本群（飞书）绑定到偃师区应急管理局。/);
    expect(await say('ou_admin', { id: 'oc_p2p_admin', kind: 'direct' }, '/bind')).toMatch(/私聊不能绑定/);

    const admin = t.person('admin');
    const entry = (actor: string, chatId: string) => ({
      agency_id: 1,
      actor,
      action: 'chat.bound',
      subject: `chat:feishu:${chatId}`,
      data: { platform: 'feishu', chatId },
    });
    expect(await t.query(sql`select agency_id, actor, action, subject, data from audit_log where action = 'chat.bound' order by id`)).toEqual([
      entry('cli', 'oc_from_cli'),
      entry(`person:${admin.id}`, 'oc_from_chat'),
    ]);
    expect(await t.query(sql`select chat_id, bound_by from chats where platform = 'feishu' order by id`)).toEqual([
      { chat_id: 'oc_from_cli', bound_by: 'cli' },
      { chat_id: 'oc_from_chat', bound_by: `person:${admin.id}` },
    ]);
  });

  it('refuses to move a group to another agency, in Chinese, saving nothing', async () => {
    await runCli(directoryCommand, ['agency', '--name', '测试区应急管理局', '--short', '测应急'], t.ctx);
    const before = { chats: await t.count('chats'), audit: await t.count('audit_log') };
    expect(await bind('--chat', 'oc_from_chat', '--agency', '2')).toEqual({
      code: 1,
      out: [],
      err: ['未保存任何内容：飞书群 oc_from_chat 已绑定到其他单位，不能改绑。'],
    });
    expect({ chats: await t.count('chats'), audit: await t.count('audit_log') }).toEqual(before);
  });

  it('answers bad usage with exit 2 and the reason in Chinese', async () => {
    const r = await bind('--chat', 'group-1');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('“group-1”不像飞书群的 chat_id（以 oc_ 开头）。');
    expect((await runCli(chatsCommand, ['unbind'], t.ctx)).err[0]).toBe('未知的子命令“unbind”。');
  });
});
