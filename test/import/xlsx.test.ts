import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildDemoDataset } from '../../src/domain/demo/demo-dataset';
import { usccCheckCharacter } from '../../src/domain/uscc';
import { detectFormat, enterprisesToXlsx, officersToXlsx, parseEnterpriseFile, parseOfficerFile } from '../../src/import';

const code = (first17: string) => first17 + usccCheckCharacter(first17);
const A = code('91410381MA44X5Y7X');

async function workbookBytes(fill: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as ArrayLike<number>);
}

const demo = buildDemoDataset({ referenceDate: '2026-03-01' });

describe('XLSX import', () => {
  it('round-trips the demo enterprises and officers through the XLSX writers', async () => {
    const enterprises = await parseEnterpriseFile({ data: await enterprisesToXlsx(demo.enterprises), filename: '企业.xlsx' });
    expect(enterprises).toEqual({ ok: true, rows: demo.enterprises });
    const officers = await parseOfficerFile({ data: await officersToXlsx(demo.officers), filename: '人员.xlsx' });
    expect(officers).toEqual({ ok: true, rows: demo.officers });
  });

  it('reads a hand-made sheet: Excel date cells, serial numbers, numeric certificate numbers, rich text', async () => {
    const data = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['姓名', '执法证号', '证件有效期至', '单位', '擅长行业', '状态', '回避企业']);
      ws.addRow(['张三', 410381001234, new Date(Date.UTC(2027, 11, 31)), '综合行政执法大队', '机械、建材', '在岗', A]);
      ws.addRow([{ richText: [{ text: '李' }, { text: '四' }] }, '410381001235', 46935, '法规科', '纺织', '休假', null]);
      ws.addRow(['王五', '410381001236', '2027/7/1', '工贸监管科', '冶金，有色', '在岗', '']);
      ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    });
    const result = await parseOfficerFile({ data, filename: 'roster.xlsx' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.name, r.certificateNo, r.certificateValidUntil, r.onDuty, r.expertise, r.conflicts])).toEqual([
      ['张三', '410381001234', '2027-12-31', true, ['建材', '机械'], [A]],
      ['李四', '410381001235', '2028-07-01', false, ['纺织'], []],
      ['王五', '410381001236', '2027-07-01', true, ['冶金', '有色'], []],
    ]);
  });

  it('uses the sheet that holds the header (an instructions sheet may come first)', async () => {
    const data = await workbookBytes((wb) => {
      wb.addWorksheet('填写说明').addRow(['请按模板填写，统一社会信用代码列设为文本格式']);
      const ws = wb.addWorksheet('企业名录');
      ws.addRow(['统一社会信用代码', '企业名称', '行业', '乡镇街道']);
      ws.addRow([A, '偃师区示例甲有限公司', '机械', '山化镇']);
    });
    const result = await parseEnterpriseFile({ data, filename: 'x.xlsx' });
    expect(result.ok && result.rows.map((r) => r.uscc)).toEqual([A]);
  });

  it('reports the spreadsheet row number, counting blank rows', async () => {
    const data = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('企业名录');
      ws.addRow(['统一社会信用代码', '企业名称', '行业', '乡镇街道']);
      ws.addRow([A, '偃师区示例甲有限公司', '机械', '山化镇']);
      ws.getCell('A6').value = code('91410381MA9XKW0A1');
      ws.getCell('B6').value = '偃师区示例乙有限公司';
      ws.getCell('C6').value = '化工';
      ws.getCell('D6').value = '山化镇';
    });
    const result = await parseEnterpriseFile({ data, filename: 'x.xlsx' });
    expect(result).toEqual({ ok: false, errors: ['第 6 行：行业「化工」不在本方案范围内，可选：冶金、有色、建材、机械、轻工、纺织'] });
  });

  it('explains a USCC stored as a number', async () => {
    const data = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('企业名录');
      ws.addRow(['统一社会信用代码', '企业名称', '行业', '乡镇街道']);
      // biome-ignore lint/correctness/noPrecisionLoss: the point: Excel keeps only 15 digits of a number cell
      ws.addRow([914103811234567890, '偃师区示例甲有限公司', '机械', '山化镇']);
    });
    const result = await parseEnterpriseFile({ data, filename: 'x.xlsx' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toContain('数字格式，Excel 只保留 15 位有效数字');
  });

  it('reports a bad date cell and nothing partial', async () => {
    const data = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('人员');
      ws.addRow(['姓名', '执法证号', '证件有效期至', '单位', '擅长行业', '状态']);
      ws.addRow(['张三', '410381001234', new Date(Date.UTC(2027, 11, 31)), '法规科', '机械', '在岗']);
      ws.addRow(['李四', '410381001235', '2027-13-40', '法规科', '机械', '在岗']);
    });
    const result = await parseOfficerFile({ data, filename: 'x.xlsx' });
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/^第 3 行「证件有效期至」2027-13-40：不是有效日期/)] });
  });

  it('refuses a damaged .xlsx with a readable message', async () => {
    const data = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    const result = await parseOfficerFile({ data, filename: 'x.xlsx' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toContain('无法读取这个 Excel 文件');
  });
});

describe('detectFormat', () => {
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0]);
  const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0]);
  const text = new TextEncoder().encode('姓名,执法证号');

  it('prefers an explicit format, then the content, then the file name', () => {
    expect(detectFormat({ data: text, format: 'xlsx' })).toEqual({ ok: true, format: 'xlsx' });
    expect(detectFormat({ data: zip, filename: 'renamed.csv' })).toEqual({ ok: true, format: 'xlsx' });
    expect(detectFormat({ data: text, filename: 'a.CSV' })).toEqual({ ok: true, format: 'csv' });
    expect(detectFormat({ data: text })).toEqual({ ok: true, format: 'csv' });
  });

  it('refuses old .xls and WPS files with advice', () => {
    for (const source of [
      { data: ole, filename: 'a.xls' },
      { data: text, filename: 'a.xls' },
      { data: text, filename: 'a.et' },
    ]) {
      const result = detectFormat(source);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.errors[0]).toContain('另存为');
    }
  });
});
