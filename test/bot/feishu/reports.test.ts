/**
 * `/stats` and `/export` through Feishu, as Feishu delivers them: the statistics card with VChart's
 * grouped bars in the group, and the workbook uploaded (`POST /open-apis/im/v1/files`) and sent to
 * the leader as a file message, the group only told that it was.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_NAMES } from '../../../src/app/views/export-sheets';
import { GROUP, buttonValue, openIdOf, startFeishuRuntime, type FeishuRuntime } from './feishu-runtime';

describe('statistics and export through Feishu [pglite]', () => {
  let t: FeishuRuntime;
  beforeAll(async () => {
    t = await startFeishuRuntime('pglite');
    await t.linkEveryone();
    await t.say('leader', '/draw 机械 建材 3家 每组2人');
    await t.flush();
    const announcement = t.lastCard(GROUP, '抽取准备');
    await t.click('leader', { ...announcement, chat: GROUP, value: buttonValue(announcement.card, '确认抽取') });
    await t.flush();
  });
  afterAll(() => t?.close());

  it('shows /stats as a card with a grouped bar chart', async () => {
    await t.say('leader', '/stats');
    await t.flush();
    const { card } = t.lastCard(GROUP, '2026 年抽查统计');
    const chart = JSON.stringify(card).match(/"tag":"chart"/g);
    expect(chart).toHaveLength(1);
    expect(JSON.stringify(card)).toContain('"xField":["label","series"]');
    expect(JSON.stringify(card)).toContain('"seriesField":"series"');
  });

  it('uploads the workbook and sends it to the leader, telling the group', async () => {
    await t.say('leader', '/export 2026');
    await t.flush();
    expect(t.texts(GROUP).at(-1)).toMatch(/Excel 文件“偃应急2026年双随机抽查工作导出.xlsx”已私聊发送给/);
    expect(t.fake.files).toHaveLength(1);
    const [upload] = t.fake.files;
    expect(upload).toMatchObject({ fileType: 'xls', fileName: '偃应急2026年双随机抽查工作导出.xlsx' });
    const sent = t.fake.messagesTo(openIdOf('leader')).filter((m) => m.msgType === 'file');
    expect(sent).toMatchObject([{ receiveIdType: 'open_id', content: { file_key: upload!.fileKey } }]);
    expect(t.fake.messagesTo(GROUP).some((m) => m.msgType === 'file')).toBe(false);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(upload!.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(SHEET_NAMES));
    expect(book.getWorksheet(SHEET_NAMES.draws)!.getRow(2).getCell(1).value).toBe('偃应急抽〔2026〕1号');
  });
});
