import { describe, expect, it } from 'vitest';
import { parseHolidayFile } from '../../../src/domain/workdays/index';

const GOOD_CSV = [
  '\uFEFF# 国务院办公厅关于2027年部分节假日安排的通知',
  '# source: 国办发明电〔2026〕X号',
  '年份,2027',
  '日期,类型,名称',
  '2027-01-01,放假,元旦',
  '2027-01-02,放假,元旦',
  '2027-01-03,放假,元旦',
  '',
  '2027-02-06,上班,春节调休',
  '"2027-02-07",上班,',
  '2027-10-01,放假,"国庆节"',
].join('\r\n');

function errorsOf(text: string): string[] {
  const r = parseHolidayFile(text);
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

const csv = (...lines: string[]) => ['年份,2027', '日期,类型,名称', ...lines].join('\n');

describe('parseHolidayFile: CSV', () => {
  it('parses a good file (BOM, CRLF, comments, quotes, blank lines)', () => {
    const r = parseHolidayFile(GOOD_CSV);
    expect(r).toEqual({
      ok: true,
      year: 2027,
      source: '国办发明电〔2026〕X号',
      overrides: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-01-02', kind: 'holiday', name: '元旦' },
        { date: '2027-01-03', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday', name: '春节调休' },
        { date: '2027-02-07', kind: 'workday' },
        { date: '2027-10-01', kind: 'holiday', name: '国庆节' },
      ],
      calendarOverrides: expect.arrayContaining([{ year: 2027, complete: true }]),
    });
    if (r.ok) expect(r.calendarOverrides).toHaveLength(7);
  });

  it('accepts "# year: 2027", a two-column header and December of the previous year', () => {
    const r = parseHolidayFile(['# year: 2027', '日期,类型', '2026-12-31,放假,元旦', '2027-01-01,放假,元旦'].join('\n'));
    expect(r.ok && r.year).toBe(2027);
    expect(r.ok && r.overrides.map((o) => o.date)).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('names the line and says how to fix an invalid date', () => {
    expect(errorsOf(csv('2027-13-01,放假,元旦'))).toEqual(['第 3 行：日期“2027-13-01”无效，应为 YYYY-MM-DD（例如 2027-01-01），且须是真实存在的日期。']);
    expect(errorsOf(csv('2027/1/1,放假,元旦'))[0]).toMatch(/^第 3 行：日期“2027\/1\/1”无效/);
    expect(errorsOf(csv(',放假,元旦'))[0]).toMatch(/^第 3 行：缺少日期/);
  });

  it('rejects a date outside the declared year', () => {
    expect(errorsOf(csv('2026-05-01,放假,劳动节'))[0]).toMatch(/^第 3 行：日期“2026-05-01”不属于 2027 年/);
    expect(errorsOf(csv('2028-01-01,放假,元旦'))[0]).toMatch(/不属于 2027 年/);
  });

  it('rejects duplicates, naming both lines', () => {
    expect(errorsOf(csv('2027-01-01,放假,元旦', '2027-01-01,放假,元旦'))).toEqual(['第 4 行：日期 2027-01-01 重复（第 3 行已填写），每个日期只能出现一次。']);
  });

  it('rejects a bad type, a 放假 without name, a bad name, 上班 on a weekday', () => {
    expect(errorsOf(csv('2027-01-01,休息,元旦'))).toEqual(['第 3 行：类型“休息”无效，应为“放假”或“上班”。']);
    expect(errorsOf(csv('2027-01-01,,元旦'))[0]).toMatch(/第 3 行：缺少类型/);
    expect(errorsOf(csv('2027-01-01,放假'))).toEqual(['第 3 行：放假日期缺少名称，请填写节日名称，例如“元旦”“春节”。']);
    expect(errorsOf(csv(`2027-01-01,放假,${'元'.repeat(21)}`))[0]).toMatch(/第 3 行：名称“元+”过长/);
    expect(errorsOf(csv('2027-01-01,放假,元\u0007旦'))[0]).toMatch(/控制字符/);
    expect(errorsOf(csv('2027-01-01,放假,元旦', '2027-03-03,上班,调休'))).toEqual([
      '第 4 行：2027-03-03 是星期三，本来就是工作日；“上班”只用于调休上班的星期六、星期日，请检查日期。',
    ]);
  });

  it('rejects file-level problems', () => {
    expect(errorsOf('')).toEqual(['文件为空：请按“年份,2027”、“日期,类型,名称”的格式填写。']);
    expect(errorsOf('日期,类型,名称\n2027-01-01,放假,元旦')[0]).toMatch(/^缺少年份/);
    expect(errorsOf('年份,27\n日期,类型,名称\n2027-01-01,放假,元旦')[0]).toMatch(/^第 1 行：年份“27”无效/);
    expect(errorsOf('年份,2027\n年份,2027\n日期,类型,名称\n2027-01-01,放假,元旦')[0]).toMatch(/^第 2 行：年份重复声明/);
    expect(errorsOf('年份,2027\n2027-01-01,放假,元旦')[0]).toMatch(/^第 2 行：在表头“日期,类型,名称”之前出现了数据/);
    expect(errorsOf('年份,2027\n日期,种类,名称\n2027-01-01,放假,元旦')[0]).toMatch(/^第 2 行：表头应为“日期,类型,名称”/);
    expect(errorsOf('年份,2027\n日期,类型,名称')).toEqual(['文件中没有任何日期：请按“日期,类型,名称”逐行列出放假和调休上班的日期。']);
    expect(errorsOf(csv('2027-02-06,上班,调休'))[0]).toMatch(/没有任何“放假”日期/);
    expect(errorsOf(csv('2027-01-01，放假，元旦'))[0]).toMatch(/^第 3 行：请用英文逗号/);
    expect(errorsOf(csv('2027-01-01,放假,元旦,多余'))[0]).toMatch(/^第 3 行：有 4 列，应为 3 列/);
    expect(errorsOf(csv('"2027-01-01,放假,元旦'))[0]).toMatch(/^第 3 行：引号不成对/);
  });

  it('is all or nothing and reports every bad line', () => {
    const errors = errorsOf(csv('2027-01-01,放假,元旦', '2027-02-30,放假,春节', '2027-02-06,加班,春节'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^第 4 行/);
    expect(errors[1]).toMatch(/^第 5 行/);
  });
});

describe('parseHolidayFile: JSON', () => {
  it('parses a good file', () => {
    const r = parseHolidayFile(
      JSON.stringify({
        year: 2027,
        source: '国办发明电〔2026〕X号',
        days: [
          { date: '2027-01-01', type: '放假', name: '元旦' },
          { date: '2027-02-06', type: '上班' },
        ],
      }),
    );
    expect(r).toEqual({
      ok: true,
      year: 2027,
      source: '国办发明电〔2026〕X号',
      overrides: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday' },
      ],
      calendarOverrides: [
        { year: 2027, complete: true },
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-06', kind: 'workday' },
      ],
    });
  });

  it('reports each kind of error with the item number', () => {
    expect(errorsOf('{ "year": 2027, "days": [ }')[0]).toMatch(/^JSON 格式错误/);
    expect(errorsOf('[]')[0]).toMatch(/^JSON 顶层应为对象/);
    expect(errorsOf('{ "days": [] }')[0]).toMatch(/^JSON：缺少 year/);
    expect(errorsOf('{ "year": "二〇二七", "days": [] }')[0]).toMatch(/^JSON：年份“二〇二七”无效/);
    expect(errorsOf('{ "year": 2027 }')[0]).toMatch(/^JSON：缺少 days 数组/);
    expect(errorsOf('{ "year": 2027, "data": [] , "days": []}')[0]).toMatch(/未知字段“data”/);
    const errors = errorsOf(
      JSON.stringify({
        year: 2027,
        days: [
          { date: '2027-01-01', type: '放假', name: '元旦' },
          { date: '2027-13-01', type: '放假', name: '元旦' },
          'x',
          { date: '2027-01-01', type: '放假', name: '元旦' },
          { date: '2027-02-06', type: 'holiday', when: 1 },
        ],
      }),
    );
    expect(errors).toEqual([
      'days 第 3 项：应为对象 { "date": ..., "type": ..., "name": ... }。',
      'days 第 5 项：未知字段“when”，只允许 date、type、name。',
      'days 第 2 项：日期“2027-13-01”无效，应为 YYYY-MM-DD（例如 2027-01-01），且须是真实存在的日期。',
      'days 第 4 项：日期 2027-01-01 重复（days 第 1 项已填写），每个日期只能出现一次。',
      'days 第 5 项：类型“holiday”无效，应为“放假”或“上班”。',
    ]);
  });
});
