import { describe, expect, it } from 'vitest';
import { buildDemoDataset } from '../../src/domain/demo/demo-dataset';
import { INDUSTRIES } from '../../src/domain/model';
import { usccCheckCharacter } from '../../src/domain/uscc';
import { OFFICER_HEADER_LINE, officersToCsv, officerTemplateCsv, parseOfficerCsv } from '../../src/import';

const code = (first17: string) => first17 + usccCheckCharacter(first17);
const A = code('91410381MA44X5Y7X');
const B = code('91410381MA9XKW0A1');
const HEADER = '姓名,执法证号,证件有效期至,单位,擅长行业,状态,回避企业';

function csv(...lines: string[]): string {
  return lines.join('\n');
}

function one(line: string) {
  const result = parseOfficerCsv(csv(HEADER, line));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const row = result.rows[0];
  if (!row) throw new Error('no row');
  return row;
}

function errorsOf(result: ReturnType<typeof parseOfficerCsv>): string[] {
  if (result.ok) throw new Error(`expected errors, got ${result.rows.length} rows`);
  return result.errors;
}

describe('parseOfficerCsv: good files', () => {
  it('round-trips the demo roster through the CSV writer', () => {
    const { officers } = buildDemoDataset({ referenceDate: '2026-03-01' });
    expect(parseOfficerCsv(officersToCsv(officers))).toEqual({ ok: true, rows: officers });
  });

  it('imports its own template', () => {
    const template = officerTemplateCsv();
    expect(template.startsWith(`\ufeff${OFFICER_HEADER_LINE}\r\n`)).toBe(true);
    const result = parseOfficerCsv(template);
    expect(result.ok && result.rows[0]).toMatchObject({ name: '李四', onDuty: true, expertise: ['建材', '机械'], conflicts: [] });
  });

  it('reads a full row', () => {
    expect(one(`张三,410381001234,2027-12-31,综合行政执法大队,机械、建材,在岗,${A}`)).toEqual({
      name: '张三',
      certificateNo: '410381001234',
      certificateValidUntil: '2027-12-31',
      unit: '综合行政执法大队',
      expertise: ['建材', '机械'],
      onDuty: true,
      conflicts: [A],
    });
  });

  it('works without the optional 回避企业 column', () => {
    const result = parseOfficerCsv(csv('姓名,执法证号,证件有效期至,单位,擅长行业,状态', '张三,410381001234,2027-12-31,法规科,机械,在岗'));
    expect(result.ok && result.rows[0]?.conflicts).toEqual([]);
  });

  it.each([
    ['2027-12-31', '2027-12-31'],
    ['2027/6/3', '2027-06-03'],
    ['2027-6-30', '2027-06-30'],
    ['2027.06.30', '2027-06-30'],
    ['2027年6月30日', '2027-06-30'],
    ['20270630', '2027-06-30'],
    ['2027/6/30 0:00:00', '2027-06-30'],
  ])('accepts the date %s', (text, iso) => {
    expect(one(`张三,410381001234,${text},法规科,机械,在岗,`).certificateValidUntil).toBe(iso);
  });

  it.each([
    ['机械、建材', ['建材', '机械']],
    ['"机械,建材"', ['建材', '机械']],
    ['机械，建材；纺织', ['建材', '机械', '纺织']],
    ['机械;建材', ['建材', '机械']],
    ['机械行业/冶金', ['冶金', '机械']],
    ['全部', [...INDUSTRIES]],
  ])('splits 擅长行业 %s', (text, expected) => {
    expect(one(`张三,410381001234,2027-12-31,法规科,${text},在岗,`).expertise).toEqual(expected);
  });

  it.each([
    ['在岗', true],
    ['不在岗', false],
    ['休假', false],
    ['借调', false],
    ['病假', false],
  ])('maps 状态 %s to onDuty %s', (text, onDuty) => {
    expect(one(`张三,410381001234,2027-12-31,法规科,机械,${text},`).onDuty).toBe(onDuty);
  });

  it('splits 回避企业 on 、 and ; and full-width separators', () => {
    expect(one(`张三,410381001234,2027-12-31,法规科,机械,在岗,"${A}；${B}"`).conflicts).toEqual([A, B]);
    expect(one(`张三,410381001234,2027-12-31,法规科,机械,在岗,${A}、${B}`).conflicts).toEqual([A, B]);
  });
});

describe('parseOfficerCsv: errors', () => {
  it('reports a bad date with the accepted formats', () => {
    const errors = errorsOf(parseOfficerCsv(csv(HEADER, '张三,410381001234,2027-02-30,法规科,机械,在岗,', '李四,410381001235,明年,法规科,机械,在岗,')));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toBe(
      '第 2 行「证件有效期至」2027-02-30：不是有效日期：请写成 YYYY-MM-DD（如 2027-12-31）或 YYYY/M/D（如 2027/12/31），或使用 Excel 日期格式',
    );
    expect(errors[1]).toMatch(/^第 3 行「证件有效期至」明年：不是有效日期/);
  });

  it('reports unknown and missing industries', () => {
    const errors = errorsOf(
      parseOfficerCsv(csv(HEADER, '张三,410381001234,2027-12-31,法规科,机械、化工、烟花爆竹,在岗,', '李四,410381001235,2027-12-31,法规科,,在岗,')),
    );
    expect(errors[0]).toBe(
      '第 2 行「擅长行业」机械、化工、烟花爆竹：「化工」「烟花爆竹」不在本方案范围内，可选：冶金、有色、建材、机械、轻工、纺织（多个用“、”分隔）',
    );
    expect(errors[1]).toMatch(/^第 3 行「擅长行业」为空/);
  });

  it('reports an unknown 状态', () => {
    const errors = errorsOf(parseOfficerCsv(csv(HEADER, '张三,410381001234,2027-12-31,法规科,机械,摸鱼,')));
    expect(errors[0]).toMatch(/^第 2 行「状态」摸鱼：无法识别：请填写“在岗”或“不在岗”/);
  });

  it('reports a duplicate certificate number with both rows', () => {
    const errors = errorsOf(
      parseOfficerCsv(
        csv(
          HEADER,
          '张三,410381001234,2027-12-31,法规科,机械,在岗,',
          '李四,410381001235,2027-12-31,法规科,机械,在岗,',
          '王五,410381001234,2027-12-31,法规科,机械,在岗,',
        ),
      ),
    );
    expect(errors).toEqual(['第 4 行「执法证号」410381001234：与第 2 行重复：一个执法证号只能对应一名执法人员，请核对']);
  });

  it('reports an invalid USCC among the conflicts', () => {
    const bad = A.slice(0, 17) + (A.endsWith('0') ? '1' : '0');
    const errors = errorsOf(parseOfficerCsv(csv(HEADER, `张三,410381001234,2027-12-31,法规科,机械,在岗,${B}、${bad}`)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`第 2 行「回避企业」${bad}：校验位（第 18 位）应为 ${A.slice(17)}`);
  });

  it('reports empty required cells', () => {
    const errors = errorsOf(parseOfficerCsv(csv(HEADER, ',,,,机械,在岗,')));
    expect(errors).toEqual([
      '第 2 行「姓名」为空：请填写执法人员姓名',
      '第 2 行「执法证号」为空：请填写行政执法证号',
      '第 2 行「证件有效期至」为空：请填写执法证有效期的最后一天，如 2027-12-31',
      '第 2 行「单位」为空：请填写所在单位或科室，如 综合行政执法大队',
    ]);
  });

  it('names missing header columns and shows the expected header line', () => {
    const errors = errorsOf(parseOfficerCsv(csv('姓名,执法证号,单位', '张三,410381001234,法规科')));
    expect(errors[0]).toContain('表头缺少必填列：「证件有效期至」「擅长行业」「状态」');
    expect(errors[0]).toContain(OFFICER_HEADER_LINE);
  });

  it('returns nothing partial', () => {
    const result = parseOfficerCsv(csv(HEADER, '张三,410381001234,2027-12-31,法规科,机械,在岗,', '李四,410381001235,2027-13-01,法规科,机械,在岗,'));
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/^第 3 行「证件有效期至」2027-13-01/)] });
  });

  it('says when the enterprise directory was uploaded instead', () => {
    const errors = errorsOf(parseOfficerCsv(csv('统一社会信用代码,企业名称,行业,乡镇街道', `${A},偃师区示例甲有限公司,机械,山化镇`)));
    expect(errors.at(-1)).toContain('看起来是企业名录');
  });
});
