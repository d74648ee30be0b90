/**
 * A register file sent to the bot on Feishu, as Feishu delivers it: a signed, encrypted
 * `im.message.receive_v1` of type file in the administrator's p2p chat; the bot fetches the file
 * from the fake's message-resource endpoint, answers with the preview card, and 确认导入 comes back
 * as a card callback. A bad file changes nothing; a double 确认导入 imports once.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enterprise } from '../../../src/domain/model';
import { enterprisesToXlsx, parseEnterpriseFile } from '../../../src/import';
import { databaseKinds } from '../../support/test-db';
import { buttonValue, openIdOf, p2pOf, startFeishuRuntime, titleOf, type FeishuRuntime } from './feishu-runtime';

const ADMIN = openIdOf('admin');

for (const kind of databaseKinds()) {
  describe(`registers from a Feishu chat [${kind}]`, () => {
    let t: FeishuRuntime;
    let register: Enterprise[];
    const names = () => t.query<{ uscc: string; name: string; status: string }>(sql`select uscc, name, status from enterprises order by uscc`);
    beforeAll(async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
      register = await t.store.transaction((r) => r.registers.enterprises(1));
    });
    afterAll(() => t?.close());

    it('sends the template as a file', async () => {
      await t.say('admin', '/template 企业', { p2p: true });
      await t.flush();
      const [file] = t.fake.filesTo(ADMIN);
      expect(file?.fileName).toBe('检查对象名录库导入模板.xlsx');
      const parsed = await parseEnterpriseFile({ data: new Uint8Array(file!.data), filename: file!.fileName });
      expect(parsed.ok).toBe(true);
    });

    it('answers a bad .xlsx with every problem and changes nothing', async () => {
      const before = await names();
      const data = await enterprisesToXlsx([{ ...register[0]!, industry: '化工' }, ...register.slice(1)]);
      expect(await t.sendFile('admin', '名录.xlsx', data)).toEqual({ status: 200, body: {} });
      await t.flush();
      const card = t.lastCard(ADMIN, '未导入');
      expect(titleOf(card.card)).toBe('未导入：名录.xlsx 有 1 处问题');
      expect(JSON.stringify(card.card)).toContain('第 2 行：行业「化工」不在本方案范围内');
      expect(await names()).toEqual(before);
      // The bot fetched the file through the message-resource endpoint.
      expect(
        t.fake.calls.some(
          (c) => c.method === 'GET' && /\/open-apis\/im\/v1\/messages\/om_file_\d+\/resources\/file_v3_\d+$/.test(c.path) && c.query['type'] === 'file',
        ),
      ).toBe(true);
    });

    it('previews a good file, imports it once on 确认导入 clicked twice, and ignores files in the group', async () => {
      const data = await enterprisesToXlsx([{ ...register[0]!, name: '飞书改名的企业' }, ...register.slice(1, -1)]);
      await t.sendFile('admin', '名录.xlsx', data);
      await t.flush();
      const preview = t.lastCard(ADMIN, '导入预览：名录.xlsx');
      const text = JSON.stringify(preview.card);
      expect(text).toContain('更新**：1 家');
      expect(text).toContain('不再列入**：1 家');
      expect((await names()).find((e) => e.uscc === register[0]!.uscc)?.name).toBe(register[0]!.name);

      const confirm = buttonValue(preview.card, '确认导入');
      const [a, b] = await Promise.all([
        t.click('admin', { ...preview, chat: p2pOf('admin'), value: confirm, eventId: 'ev_confirm_1' }),
        t.click('admin', { ...preview, chat: p2pOf('admin'), value: confirm, eventId: 'ev_confirm_2' }),
      ]);
      expect([a.body['toast'], b.body['toast']].map((x) => (x as { type: string }).type).sort()).toEqual(['info', 'success']);
      const after = await names();
      expect(after.find((e) => e.uscc === register[0]!.uscc)?.name).toBe('飞书改名的企业');
      expect(after.find((e) => e.uscc === register.at(-1)!.uscc)?.status).toBe('移出名录');
      expect(after).toHaveLength(register.length);
      expect((await t.query<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'directory.enterprises_imported'`))[0]!.n).toBe(1);

      const queued = await t.outboxCount();
      await t.sendFile('admin', '名录.xlsx', data, { group: true });
      expect(await t.outboxCount()).toBe(queued);
    });

    it('refuses a file from someone who is not an administrator', async () => {
      await t.sendFile('leader', '名录.xlsx', await enterprisesToXlsx(register));
      await t.flush();
      expect(t.texts(openIdOf('leader')).at(-1)).toBe('只有管理员可以导入名录。你的身份是局领导。');
    });
  });
}
