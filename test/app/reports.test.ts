/**
 * `/stats` and `/export` as a leader uses them in the local chat, over the two years of
 * test/support/published-results.ts (today 2026-03-02): the figures on the card, the workbook
 * sent by direct message (opened with exceljs: sheets and values), its CSVs, the register that
 * imports back unchanged, and who may ask.
 */
import { localFileUrl } from '../support/documents';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_NAMES } from '../../src/app/views/export-sheets';
import { parseEnterpriseTables, readTables } from '../../src/import';
import { INTERNAL_NOTE, seedPublicRecord, type PublicRecordScenario } from '../support/published-results';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';

let t: TestRuntime<'memory'>;
let scenario: PublicRecordScenario;
beforeAll(async () => {
  t = await startTestRuntime({ kind: 'memory' });
  scenario = await seedPublicRecord(t);
});
afterAll(() => t?.close());

const fields = (text: string) => Object.fromEntries([...text.matchAll(/^(.+?)：(\d+)$/gm)].map((m) => [m[1], Number(m[2])]));

/** The newest file message in a direct chat, downloaded as the page's link does. */
async function lastFile(localId: string): Promise<{ name: string; bytes: Buffer }> {
  const m = [...t.chat.dm(localId)].reverse().find((x) => x.file);
  if (!m) throw new Error(`no file in the direct chat of ${localId}: ${transcript(t.chat.dm(localId))}`);
  const res = await t.runtime.app.request(localFileUrl(m));
  expect(res.status).toBe(200);
  return { name: m.file!.name, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A sheet's rows as arrays of cell texts (dates as YYYY-MM-DD, numbers as numbers), header first. */
function sheetRows(book: ExcelJS.Workbook, name: string): Array<Array<string | number>> {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const rows: Array<Array<string | number>> = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(
      values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? v : v === undefined || v === null ? '' : String(v))),
    );
  });
  return rows;
}

describe('/stats', () => {
  it('shows the year’s figures with a chart by industry, tables by township, unit and officer', async () => {
    await t.chat.say('leader', '/stats');
    const card = t.chat.lastCard(t.chat.group(), 'stats:2026').card;
    expect(card.title).toBe('2026 年抽查统计（截至 2026-03-02）');
    // 24 drawn (the cancelled draw's 2 left out); 23 confirmed and inspected (the 24th had a recusal and waits);
    // 22 published the day they were inspected; 5 「已责令改正」 with a hazard fixed on the spot, 5 「待后续处理」 with one under 限期整改.
    expect(fields(cardText(card))).toMatchObject({
      检查任务: 24,
      已确认: 23,
      已检查: 23,
      按时公示: 22,
      逾期公示: 0,
      逾期未公示: 0,
      发现隐患: 10,
      已整改隐患: 5,
      重大事故隐患: 0,
    });
    const chart = card.sections.find((s) => s.type === 'chart');
    expect(chart?.type === 'chart' && new Set(chart.chart.data.map((d) => d.series))).toEqual(new Set(['任务', '已检查', '按时公示']));
    const tables = card.sections.filter((s) => s.type === 'table');
    expect(tables.map((s) => (s.type === 'table' ? s.columns[0] : ''))).toEqual(['行业', '乡镇/街道', '单位', '执法人员', '放弃与撤销（按人员）']);
    // Who abandoned, asked for and agreed to cancellations (issue 18): the scenario's leader abandoned one
    // draw and asked for a cancellation the administrator agreed to.
    const endings = tables[4]!.type === 'table' ? tables[4]!.rows : [];
    expect(endings).toEqual([
      [await t.data.personName('leader'), '1', '1', '0'],
      [await t.data.personName('admin'), '0', '0', '1'],
    ]);
    const byIndustry = tables[0]!.type === 'table' ? tables[0]!.rows : [];
    expect(byIndustry.reduce((n, r) => n + Number(r[1]), 0)).toBe(24);
  });

  it('shows another year, and the year-end assessment', async () => {
    await t.chat.say('leader', '/stats 2025');
    const old = t.chat.lastCard(t.chat.group(), 'stats:2025').card;
    expect(fields(cardText(old))).toMatchObject({ 检查任务: 4, 已检查: 4, 按时公示: 4, 发现隐患: 2, 已整改隐患: 1 });
    await t.chat.say('leader', '/stats 2026 考评');
    const assessment = t.chat.lastCard(t.chat.group(), 'stats:2026:assessment').card;
    expect(assessment.title).toBe('2026 年年终考评（截至 2026-03-02）');
    const [units, officers] = assessment.sections.filter((s) => s.type === 'table');
    expect(units?.type === 'table' && units.columns).toEqual(['单位', '任务', '完成', '完成率', '应公示', '按时公示', '及时率']);
    // Every result due was published on time: 100 % wherever something was due.
    for (const row of units?.type === 'table' ? units.rows : []) expect(row[6]).toMatch(/^(100\.0%|—)$/);
    expect(officers?.type === 'table' && officers.rows.length).toBeGreaterThan(10);
  });

  it('answers a bad year in Chinese, says when a year has no draw, and is for leaders and administrators only', async () => {
    await t.chat.say('leader', '/stats 1999');
    expect(transcript(t.chat.group())).toMatch(/年份 1999 不在 2000–2027 之间/);
    await t.chat.say('leader', '/stats 明年');
    expect(transcript(t.chat.group())).toMatch(/看不懂“明年”。可以写：\/stats、\/stats 2026、\/stats 2026 考评。/);
    await t.chat.say('leader', '/stats 2024');
    expect(cardText(t.chat.lastCard(t.chat.group(), 'stats:2024').card)).toContain('2024 年没有抽取记录。有记录的年份：2026、2025');
    await t.chat.say('officer-01', '/stats');
    expect(transcript(t.chat.group())).toMatch(/只有局领导或管理员可以查看统计和考评/);
  });
});

describe('/export', () => {
  let book: ExcelJS.Workbook;

  it('sends the workbook to the asker’s direct chat, not to the group', async () => {
    const before = await t.data.auditCount('report.exported');
    await t.chat.say('leader', '/export 2026');
    expect(transcript(t.chat.group())).toMatch(/2026 年的 Excel 文件“偃应急2026年双随机抽查工作导出.xlsx”已私聊发送给.+（含内部记录，不在群内发送）/);
    expect(t.chat.group().some((m) => m.file)).toBe(false);
    const file = await lastFile('leader');
    expect(file.name).toBe('偃应急2026年双随机抽查工作导出.xlsx');
    book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(SHEET_NAMES));
    expect(await t.data.auditCount('report.exported')).toBe(before + 1);
  });

  it('lists one 公示系统 row per inspected enterprise, with what the public page shows', async () => {
    const [header, ...rows] = sheetRows(book, SHEET_NAMES.gsxt);
    expect(header).toEqual([
      '检查实施机关',
      '抽查任务编号',
      '抽查类型',
      '企业名称',
      '统一社会信用代码',
      '检查日期',
      '检查事项',
      '检查结果',
      '备注',
      '公示期限',
      '公示状态',
      '公示系统记录编号',
    ]);
    expect(rows).toHaveLength(23);
    const tasks = await t.data.tasks(scenario.drawIds.y2026);
    const second = tasks.find((x) => x.ordinal === 1)!;
    expect(rows.find((r) => r[4] === second.uscc)).toEqual([
      '偃师区应急管理局',
      '偃应急抽〔2026〕1号',
      '不定向抽查',
      second.enterpriseName,
      second.uscc,
      '2026-03-02',
      '第1—10项；不符合：第2项',
      '发现问题已责令改正',
      '已责令立即整改',
      '2026-03-09',
      '已公示',
      `豫公示-${10000 + second.id}`,
    ]);
    expect(rows.filter((r) => r[10] === '待公示')).toHaveLength(1);
  });

  it('has the draws, the findings with their notes, the rectifications, the statistics and the assessment', async () => {
    const draws = sheetRows(book, SHEET_NAMES.draws);
    expect(draws.slice(1).map((r) => [r[0], r[9], r[8]])).toEqual([
      ['偃应急抽〔2026〕1号', '已抽取', 24],
      ['偃应急抽〔2026〕2号', '已放弃', 0],
      ['偃应急抽〔2026〕3号', '已撤销', 2],
    ]);
    expect(String(draws[1]![18]).split('\n')).toHaveLength(24);
    const findings = sheetRows(book, SHEET_NAMES.findings);
    expect(findings).toHaveLength(24);
    expect(findings.slice(1).every((r) => r.includes(INTERNAL_NOTE))).toBe(true);
    const hazards = sheetRows(book, SHEET_NAMES.hazards);
    expect(hazards).toHaveLength(11);
    expect(
      hazards
        .slice(1)
        .map((r) => `${r[6]} ${r[10]} ${r[12]}`)
        .sort(),
    ).toEqual([...Array(5).fill('一般事故隐患 立即整改 当场整改'), ...Array(5).fill('一般事故隐患 限期整改 ')].sort());
    expect(sheetRows(book, SHEET_NAMES.rechecks)).toHaveLength(1);
    const rectifications = sheetRows(book, SHEET_NAMES.rectifications).slice(1);
    expect(rectifications.map((r) => r[10]).sort()).toEqual([...Array(5).fill('当场整改'), ...Array(5).fill('整改中')].sort());
    const industry = sheetRows(book, SHEET_NAMES.byIndustry);
    expect(industry[0]).toEqual(['行业', '检查任务', '已确认', '已检查', '按时公示', '逾期公示', '逾期未公示', '发现隐患', '已整改隐患', '重大事故隐患']);
    expect(industry.at(-1)).toEqual(['合计', 24, 23, 23, 22, 0, 0, 10, 5, 0]);
    const units = sheetRows(book, SHEET_NAMES.assessUnits);
    expect(units[0]).toEqual(['单位', '检查任务', '已完成', '完成率', '应公示', '按时公示', '及时率']);
    expect(units.slice(1).every((r) => typeof r[3] === 'number' && r[3] <= 1)).toBe(true);
    expect(book.getWorksheet(SHEET_NAMES.assessUnits)!.getColumn(4).numFmt).toBe('0.0%');
  });

  it('has the enterprise directory in the import template, and it imports back unchanged', async () => {
    const buffer = await book.xlsx.writeBuffer();
    const read = await readTables({ data: new Uint8Array(buffer as ArrayBuffer), filename: 'export.xlsx' });
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const parsed = parseEnterpriseTables(read.tables.filter((x) => x.sheetName === SHEET_NAMES.register));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const directory = await t.store.transaction(async (r) => r.reports.enterprises((await r.directory.agencies())[0]!.id));
    expect(parsed.rows).toEqual(directory);
  });

  it('sends one CSV per sheet with csv, in order, and says so', async () => {
    await t.chat.say('leader', '/export 2025 csv', 'dm');
    const files = t.chat.dm('leader').filter((m) => m.file?.name.startsWith('偃应急2025年'));
    expect(files.map((m) => m.file!.name)).toEqual(Object.values(SHEET_NAMES).map((s) => `偃应急2025年双随机抽查工作导出-${s}.csv`));
    const gsxt = files[0]!;
    const res = await t.runtime.app.request(localFileUrl(gsxt));
    const rows = parseCsv(Buffer.from(await res.arrayBuffer()).toString('utf8'), { bom: true }) as string[][];
    expect(rows).toHaveLength(5);
    expect(rows.slice(1).every((r) => r[1] === '偃应急抽〔2025〕1号')).toBe(true);
    expect(t.chat.dm('leader').some((m) => m.text === `正在发送 2025 年的 ${Object.keys(SHEET_NAMES).length} 个 CSV 文件（每个工作表一个）。`)).toBe(true);
  });

  it('answers in a direct chat with the workbook itself', async () => {
    await t.chat.say('leader', '/export 2025', 'dm');
    expect(t.chat.dm('leader').at(-1)?.file?.name).toBe('偃应急2025年双随机抽查工作导出.xlsx');
  });

  it('says when a year has nothing, and refuses officers and bad words', async () => {
    await t.chat.say('leader', '/export 2024');
    expect(transcript(t.chat.group())).toMatch(/2024 年没有抽取记录，未生成导出文件。有记录的年份：2026、2025/);
    await t.chat.say('leader', '/export 2026 pdf');
    expect(transcript(t.chat.group())).toMatch(/看不懂“pdf”。可以写：\/export、\/export 2026、\/export 2026 csv。/);
    await t.chat.say('officer-02', '/export');
    expect(transcript(t.chat.group())).toMatch(/只有局领导或管理员可以导出全年工作记录/);
  });
});
