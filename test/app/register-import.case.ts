/**
 * Registers from the chat, through the local chat on the in-memory store: a file sent to the bot
 * is checked as the CLI checks it; a bad file changes nothing and names every problem; a good one
 * shows what it would change and changes nothing before 确认导入; 取消 changes nothing; a double
 * click on 确认导入 imports once; a confirmation after the register changed is refused.
 */
import { localFileUrl } from '../support/documents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enterprise } from '../../src/domain/model';
import { usccCheckCharacter } from '../../src/domain/uscc';
import { enterprisesToCsv, parseEnterpriseFile } from '../../src/import';

/** A valid USCC (GB 32100-2015 check character) from its first 17 characters. */
const code = (first17: string) => first17 + usccCheckCharacter(first17);
import { cardText, startTestRuntime, type StoreKind, type TestRuntime } from '../support/test-runtime';

/** Run on the in-memory store (test/app) and on each real database, where a double click meets a row lock (test/db). */
export function describeRegisterImport(kind: StoreKind): void {
  describe(`registers from the chat [${kind}]`, () => {
    let t: TestRuntime<StoreKind>;
    let register: Enterprise[];
    const csv = (rows: readonly Enterprise[]) => new TextEncoder().encode(enterprisesToCsv(rows));
    const directory = () => t.data.directory();
    const preview = () => t.chat.lastCard(t.chat.dm('admin'), 'import:');
    const click = (label: string, card = preview()) =>
      t.chat.click('admin', card.id, t.chat.button(card.card, label).action, t.chat.button(card.card, label).payload);
    const fresh = {
      uscc: code('91410381MA9XKW0A1'),
      name: '新来的机械厂',
      industry: '机械',
      township: '岳滩镇',
      riskLevel: '一般',
      status: '在营',
      keySupervision: false,
    } as const;
    /** The register with one enterprise renamed, the last two dropped and one new. */
    const edited = () => [{ ...register[0]!, name: '改过名的企业' }, ...register.slice(1, -2), fresh];

    beforeAll(async () => {
      t = await startTestRuntime({ kind });
      register = await t.store.transaction((r) => r.registers.enterprises(1));
      expect(register.length).toBe(300);
    });
    afterAll(() => t?.close());

    it('sends the import template as a file the administrator can download', async () => {
      await t.chat.say('admin', '/template 企业', 'dm');
      const message = t.chat.dm('admin').at(-1)!;
      expect(message.file?.name).toBe('检查对象名录库导入模板.xlsx');
      const res = await t.runtime.app.request(localFileUrl(message));
      expect(res.status).toBe(200);
      const parsed = await parseEnterpriseFile({ data: new Uint8Array(await res.arrayBuffer()), filename: 'x.xlsx' });
      expect(parsed.ok && parsed.rows.map((r) => r.name)).toEqual(['偃师区示例机械有限公司']);
      expect((await t.chat.say('admin', '/template 表格', 'dm')).body.toast?.text).toMatch(/^请写明要哪个模板/);
    });

    it('refuses a bad file whole, naming every problem, and changes nothing', async () => {
      const before = await directory();
      const rows = edited();
      const wrong = code('91410381MA9XKW0A9').replace(/.$/, (c) => (c === '0' ? '1' : '0'));
      const bad = [{ ...rows[0]!, uscc: wrong }, { ...rows[1]!, name: '' }, ...rows.slice(2)];
      const sent = await t.chat.upload('admin', '企业名录.csv', csv(bad));
      expect(sent.body.toast).toEqual({ kind: 'error', text: '未导入：企业名录.csv 有 2 处问题。' });
      const card = t.chat.dm('admin').at(-1)!.card!;
      expect(card.title).toBe('未导入：企业名录.csv 有 2 处问题');
      const text = cardText(card);
      expect(text).toMatch(new RegExp(`第 2 行「统一社会信用代码」${wrong}：.*校验`));
      expect(text).toContain('第 3 行「企业名称」为空：请填写企业名称');
      expect(await directory()).toEqual(before);
      expect(await t.data.auditCount('directory.import_previewed')).toBe(0);
    });

    it('refuses files from anyone but an administrator, and files that are no register', async () => {
      expect((await t.chat.upload('leader', '企业名录.csv', csv(edited()))).body.toast?.text).toBe('只有管理员可以导入名录。你的身份是局领导。');
      expect((await t.chat.upload('admin', '照片.png', new Uint8Array([1, 2, 3]))).body.toast?.kind).toBe('error');
      // An officer's spreadsheet is a record of his inspection, never a register: he is told how to attach it.
      expect((await t.chat.upload('officer-01', '检查表.xlsx', new Uint8Array([1, 2, 3]))).body.toast?.text).toMatch(
        /^未保存“检查表\.xlsx”：请先在任务卡上点“上传证据”/,
      );
      expect(cardText(t.chat.dm('admin').at(-1)!.card!)).toContain('“照片.png”不是名录文件：请发送 Excel（.xlsx）或 CSV 文件。');
      const other = new TextEncoder().encode('序号,名称\n1,甲\n');
      await t.chat.upload('admin', '别的表.csv', other);
      expect(cardText(t.chat.dm('admin').at(-1)!.card!)).toMatch(/看不出这是企业名录还是执法人员名录/);
    });

    it('previews what a good file changes, changes nothing until confirmed, and nothing when cancelled', async () => {
      const before = await directory();
      const sent = await t.chat.upload('admin', '企业名录.csv', csv(edited()));
      expect(sent.body.toast).toBeUndefined();
      const card = preview();
      expect(card.card.title).toBe('导入预览：企业名录.csv');
      const text = cardText(card.card);
      for (const line of ['文件中：299 家', '新增：1 家', '更新：1 家', '不变：297 家', '不再列入：2 家（标记为“移出名录”，不再参与抽取，历史记录保留）'])
        expect(text).toContain(line);
      expect(text).toContain(`${register[0]!.name} → 改过名的企业`);
      expect(text).toContain(`新来的机械厂（${fresh.uscc}）`);
      expect(card.card.actions?.map((a) => a.label)).toEqual(['确认导入', '取消']);
      expect(await directory()).toEqual(before);

      const confirm = t.chat.button(card.card, '确认导入');
      expect((await click('取消')).body.toast?.text).toBe('已取消导入，名录未改动。');
      expect(cardText(t.chat.dm('admin').find((m) => m.id === card.id)!.card!)).toContain('状态：已取消，名录未改动');
      // The old card's 确认导入, clicked after the cancel, imports nothing.
      expect((await t.chat.click('admin', card.id, confirm.action, confirm.payload)).body.toast?.text).toBe(
        '这次导入已取消，名录未改动。如需导入请重新发送文件。',
      );
      expect(await directory()).toEqual(before);
    });

    it('imports once on a double click, marking the enterprises no longer listed, deleting none', async () => {
      await t.chat.upload('admin', '企业名录.csv', csv(edited()));
      const card = preview();
      const replies = await Promise.all([click('确认导入', card), click('确认导入', card)]);
      expect(replies.map((r) => r.body.toast?.kind).sort()).toEqual(['info', 'success']);
      expect(replies.find((r) => r.body.toast?.kind === 'success')!.body.toast!.text).toBe(
        '已导入企业名录（检查对象名录库）：新增 1 家，更新 1 家，不再列入 2 家。',
      );
      const after = await directory();
      expect(after).toHaveLength(301);
      expect(after.find((e) => e.uscc === register[0]!.uscc)?.name).toBe('改过名的企业');
      expect(after.find((e) => e.uscc === fresh.uscc)?.name).toBe('新来的机械厂');
      expect(after.filter((e) => e.status === '移出名录').map((e) => e.uscc)).toEqual(
        register
          .slice(-2)
          .map((e) => e.uscc)
          .sort(),
      );
      expect(await t.data.auditCount('directory.enterprises_imported')).toBe(1);
      expect(cardText(t.chat.dm('admin').find((m) => m.id === card.id)!.card!)).toContain('状态：已导入');
      // The same file again changes nothing, and says so.
      await t.chat.upload('admin', '企业名录.csv', csv(edited()));
      expect(t.chat.dm('admin').at(-1)!.text).toBe('企业名录.csv 与当前企业名录（检查对象名录库）一致（299 家），无需导入，名录未改动。');
    });

    it('imports an exported register back with no change (the /export workbook and its CSV)', async () => {
      const fileOf = async (name: string) => {
        const m = [...t.chat.dm('admin')].reverse().find((x) => x.file?.name === name);
        if (!m) throw new Error(`no file ${name} in the administrator's direct chat`);
        const res = await t.runtime.app.request(localFileUrl(m));
        expect(res.status).toBe(200);
        return new Uint8Array(await res.arrayBuffer());
      };
      // A year with a draw (the chat exports none without one).
      await t.chat.say('leader', '/draw 1家');
      const draw = t.chat.lastCard(t.chat.group(), 'draw:');
      const execute = t.chat.button(draw.card, '确认抽取');
      expect((await t.chat.click('leader', draw.id, execute.action, execute.payload)).body.toast?.kind).not.toBe('error');
      const before = await directory();
      await t.chat.say('admin', '/export 2026', 'dm');
      const book = await fileOf('偃应急2026年双随机抽查工作导出.xlsx');
      await t.chat.upload('admin', '导出.xlsx', book);
      expect(t.chat.dm('admin').at(-1)!.text).toBe(`导出.xlsx 与当前企业名录（检查对象名录库）一致（${before.length} 家），无需导入，名录未改动。`);
      await t.chat.say('admin', '/export 2026 csv', 'dm');
      await t.chat.upload('admin', '名录.csv', await fileOf('偃应急2026年双随机抽查工作导出-检查对象名录.csv'));
      expect(t.chat.dm('admin').at(-1)!.text).toBe(`名录.csv 与当前企业名录（检查对象名录库）一致（${before.length} 家），无需导入，名录未改动。`);
      expect(await directory()).toEqual(before);
    });

    it('refuses a confirmation when the register changed after the preview, and an expired one', async () => {
      const first = [...edited(), { ...fresh, uscc: code('91410381MA9XKW0A2'), name: '第二家新厂' }];
      await t.chat.upload('admin', '甲.csv', csv(first));
      const older = preview();
      await t.chat.upload('admin', '乙.csv', csv([...edited(), { ...fresh, uscc: code('91410381MA9XKW0A3'), name: '第三家新厂' }]));
      expect((await click('确认导入')).body.toast?.kind).toBe('success');
      const refused = await click('确认导入', older);
      expect(refused.body.toast?.text).toBe('未导入：预览之后企业名录（检查对象名录库）已有改动。请重新发送文件，按新的预览确认。');
      expect((await directory()).some((e) => e.name === '第二家新厂')).toBe(false);
      expect(await t.data.auditCount('directory.import_refused')).toBe(1);

      await t.chat.upload('admin', '丙.csv', csv(first));
      t.clock.set('2026-03-03T02:00:00Z');
      expect((await click('确认导入')).body.toast?.text).toBe('这次预览已过期，名录未改动。请重新发送文件。');
      expect((await directory()).some((e) => e.name === '第二家新厂')).toBe(false);
    });
  });
}
