import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { normalizeMobile, parseAccountFile, parseAccountTables } from '../../src/import/accounts';
import { readCsvTable } from '../../src/import/read-table';
import { writeXlsx } from '../../src/import/write-xlsx';

const csv = (text: string) => {
  const read = readCsvTable(text);
  if (!read.ok) throw new Error(read.errors.join());
  return parseAccountTables(read.tables);
};

describe('account list import', () => {
  it('reads the four columns (aliases accepted), normalizing mobiles and e-mails', () => {
    expect(csv('姓名,手机号码,电子邮箱,OpenID\n张三,+86 138-0000-0001,,\n41030002,,Li@Example.CN,\n王五,,,ou_abc')).toEqual({
      ok: true,
      rows: [
        { rowNumber: 2, person: '张三', mobile: '13800000001' },
        { rowNumber: 3, person: '41030002', email: 'li@example.cn' },
        { rowNumber: 4, person: '王五', openId: 'ou_abc' },
      ],
    });
  });
  it('names every bad row and returns no rows', () => {
    const r = csv('姓名或执法证号,手机号,邮箱,open_id\n,13800000001,,\n张三,,,\n李四,12ab,not-mail,');
    expect(r).toEqual({
      ok: false,
      errors: [
        '第 2 行「姓名或执法证号」为空：请填写姓名或执法证号',
        '第 3 行：手机号、邮箱、open_id、钉钉UserID 都为空，请至少填写一项',
        '第 4 行「手机号」12ab：不是有效的手机号',
        '第 4 行「邮箱」not-mail：不是有效的邮箱地址',
      ],
    });
  });
  it('needs the person column', () => {
    const r = csv('手机号,邮箱\n13800000001,');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/表头缺少必填列：「姓名或执法证号」/);
  });
  it('reads XLSX the same way', async () => {
    const data = await writeXlsx([
      ['姓名或执法证号', '手机号', '邮箱', 'open_id'],
      ['张三', '13800000001', '', ''],
    ]);
    expect(await parseAccountFile({ data, filename: 'accounts.xlsx' })).toEqual({ ok: true, rows: [{ rowNumber: 2, person: '张三', mobile: '13800000001' }] });
  });
  it('reads the 钉钉UserID column beside open_id, and refuses a userId kept as a spreadsheet number', async () => {
    expect(csv('姓名或执法证号,手机号,钉钉UserID\n张三,,0326112345\n李四,13800000001,')).toEqual({
      ok: true,
      rows: [
        { rowNumber: 2, person: '张三', dingtalkUserId: '0326112345' },
        { rowNumber: 3, person: '李四', mobile: '13800000001' },
      ],
    });
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('人员').addRows([
      ['姓名或执法证号', '钉钉UserID'],
      ['张三', 326112345],
      ['李四', 'manager4102'],
    ]);
    const data = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await parseAccountFile({ data, filename: 'accounts.xlsx' })).toEqual({
      ok: false,
      errors: ['第 2 行「钉钉UserID」326112345：是数字格式的单元格，开头的 0 或末尾的位数可能已丢失：请把该列设为“文本”格式后按原样重新填写'],
    });
  });
  it('keeps foreign numbers with their country code', () => {
    expect(normalizeMobile('+852 5123 4567')).toBe('+85251234567');
    expect(normalizeMobile('8613800000001')).toBe('13800000001');
  });
});
