import { describe, expect, it } from 'vitest';
import { buildDemoDataset } from '../../src/domain/demo/demo-dataset';
import { usccCheckCharacter } from '../../src/domain/uscc';
import { ENTERPRISE_HEADER_LINE, enterpriseTemplateCsv, enterprisesToCsv, parseEnterpriseCsv, parseEnterpriseFile } from '../../src/import';

const code = (first17: string) => first17 + usccCheckCharacter(first17);
const A = code('91410381MA44X5Y7X');
const B = code('91410381MA9XKW0A1');
const C = code('91410381MAC3P8RT2');
const REQUIRED = '统一社会信用代码,企业名称,行业,乡镇街道';

function csv(...lines: string[]): string {
  return lines.join('\r\n');
}

function errorsOf(result: ReturnType<typeof parseEnterpriseCsv>): string[] {
  if (result.ok) throw new Error(`expected errors, got ${result.rows.length} rows`);
  return result.errors;
}

describe('parseEnterpriseCsv: good files', () => {
  it('round-trips the demo directory through the CSV writer', () => {
    const { enterprises } = buildDemoDataset({ referenceDate: '2026-03-01' });
    const result = parseEnterpriseCsv(enterprisesToCsv(enterprises));
    expect(result).toEqual({ ok: true, rows: enterprises });
  });

  it('imports its own template (BOM, header, one example row)', () => {
    const template = enterpriseTemplateCsv();
    expect(template.startsWith(`\ufeff${ENTERPRISE_HEADER_LINE}\r\n`)).toBe(true);
    const result = parseEnterpriseCsv(new TextEncoder().encode(template));
    expect(result.ok && result.rows).toHaveLength(1);
  });

  it('applies the defaults for the optional columns', () => {
    const result = parseEnterpriseCsv(csv(REQUIRED, `${A},偃师区示例宏达机械有限公司,机械,首阳山街道`));
    expect(result).toEqual({
      ok: true,
      rows: [
        { uscc: A, name: '偃师区示例宏达机械有限公司', industry: '机械', township: '首阳山街道', riskLevel: '一般', status: '在营', keySupervision: false },
      ],
    });
  });

  it('strips a BOM from bytes and trims cells (including full-width spaces)', () => {
    const bytes = new TextEncoder().encode(`\ufeff${REQUIRED}\n ${A} ,\u3000偃师区示例华兴建材有限公司\u3000, 建材 ,岳滩镇\n`);
    const result = parseEnterpriseCsv(bytes);
    expect(result.ok && result.rows[0]).toMatchObject({ uscc: A, name: '偃师区示例华兴建材有限公司', industry: '建材', township: '岳滩镇' });
  });

  it('accepts columns in another order, header aliases, a title row above the header', () => {
    const result = parseEnterpriseCsv(
      csv(
        '偃师区工贸企业名录（示例）',
        '乡镇（街道）,*企业名称,所属行业,统一社会信用代码（必填）,风险等级,是否重点监管',
        `顾县镇,偃师区示例恒信针织有限公司,纺织行业,${A},较大风险,是`,
      ),
    );
    expect(result.ok && result.rows[0]).toMatchObject({ township: '顾县镇', industry: '纺织', riskLevel: '较高', keySupervision: true });
  });

  it('maps common spellings of risk and status, upper-cases and half-widths the code', () => {
    const lower = A.toLowerCase().replace('9', '９');
    const result = parseEnterpriseCsv(
      csv(
        `${REQUIRED},风险等级,状态`,
        `${lower},偃师区示例甲有限公司,机械,山化镇,重大风险,存续（在营、开业、在册）`,
        `${B},偃师区示例乙有限公司,建材,山化镇,蓝色,吊销，未注销`,
      ),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.uscc, r.riskLevel, r.status])).toEqual([
      [A, '高', '在营'],
      [B, '低', '吊销'],
    ]);
  });

  it('reads through parseEnterpriseFile with a .csv name', async () => {
    const data = new TextEncoder().encode(csv(REQUIRED, `${A},偃师区示例甲有限公司,机械,山化镇`));
    const result = await parseEnterpriseFile({ data, filename: '企业名录.csv' });
    expect(result.ok && result.rows).toHaveLength(1);
  });
});

describe('parseEnterpriseCsv: errors', () => {
  it('names the row, column and expected check character', () => {
    const wrong = A.slice(0, 17) + (A.endsWith('0') ? '1' : '0');
    const errors = errorsOf(parseEnterpriseCsv(csv(REQUIRED, `${B},偃师区示例甲有限公司,机械,山化镇`, `${wrong},偃师区示例乙有限公司,机械,山化镇`)));
    expect(errors).toEqual([`第 3 行「统一社会信用代码」${wrong}：校验位（第 18 位）应为 ${A.slice(17)}，实际为 ${wrong.slice(17)}，请核对代码是否抄错`]);
  });

  it('reports a bad character and a short code', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv(REQUIRED, `91410381MA44X5Y7Z,偃师区示例甲有限公司,机械,山化镇`)));
    expect(errors[0]).toContain('第 2 行「统一社会信用代码」91410381MA44X5Y7Z：第 17 位「Z」不是合法字符');
    expect(errors[0]).toContain('实际为 17 位');
  });

  it('lists the allowed industries for an unknown one', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv(REQUIRED, `${A},偃师区示例甲化工有限公司,化工,山化镇`)));
    expect(errors).toEqual(['第 2 行：行业「化工」不在本方案范围内，可选：冶金、有色、建材、机械、轻工、纺织']);
  });

  it('names missing header columns and shows the expected header line', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv('统一社会信用代码,企业名称,地址', `${A},偃师区示例甲有限公司,演示路`)));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('表头缺少必填列：「行业」「乡镇街道」');
    expect(errors[0]).toContain(ENTERPRISE_HEADER_LINE);
  });

  it('reports a column given twice', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv(`${REQUIRED},行业`, `${A},偃师区示例甲有限公司,机械,山化镇,机械`)));
    expect(errors[0]).toContain('「行业」出现了两次');
  });

  it('reports a duplicate USCC with both rows', () => {
    const errors = errorsOf(
      parseEnterpriseCsv(
        csv(REQUIRED, `${A},偃师区示例甲有限公司,机械,山化镇`, `${B},偃师区示例乙有限公司,机械,山化镇`, `${A},偃师区示例丙有限公司,建材,山化镇`),
      ),
    );
    expect(errors).toEqual([`第 4 行「统一社会信用代码」${A}：与第 2 行重复：同一企业只能出现一次，请删除或合并重复的行`]);
  });

  it('reports empty required cells, bad risk, status and 重点监管 values, all at once', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv(`${REQUIRED},风险等级,状态,重点监管`, `,,,,极高,倒闭,也许`)));
    expect(errors).toHaveLength(7);
    expect(errors).toContain('第 2 行「统一社会信用代码」为空：请填写 18 位统一社会信用代码');
    expect(errors).toContain('第 2 行「企业名称」为空：请填写企业名称');
    expect(errors.some((e) => e.startsWith('第 2 行「行业」为空'))).toBe(true);
    expect(errors.some((e) => e.startsWith('第 2 行「乡镇街道」为空'))).toBe(true);
    expect(errors.some((e) => e.startsWith('第 2 行「风险等级」极高：无法识别的风险等级'))).toBe(true);
    expect(errors.some((e) => e.startsWith('第 2 行「状态」倒闭：无法识别的状态'))).toBe(true);
    expect(errors.some((e) => e.startsWith('第 2 行「重点监管」也许：请填写“是”或“否”'))).toBe(true);
  });

  it('counts blank lines in the row numbers, as a spreadsheet shows them', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv(REQUIRED, `${A},偃师区示例甲有限公司,机械,山化镇`, '', ',,,', `${B},偃师区示例乙有限公司,化工,山化镇`)));
    expect(errors[0]).toMatch(/^第 5 行/);
  });

  it('explains a code Excel showed in scientific notation', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv(REQUIRED, '9.14104E+17,偃师区示例甲有限公司,机械,山化镇')));
    expect(errors[0]).toContain('科学计数法');
  });

  it('returns nothing partial: one bad row rejects the whole file', () => {
    const result = parseEnterpriseCsv(
      csv(REQUIRED, `${A},偃师区示例甲有限公司,机械,山化镇`, `${B},偃师区示例乙有限公司,化工,山化镇`, `${C},偃师区示例丙有限公司,建材,山化镇`),
    );
    expect(result.ok).toBe(false);
    expect('rows' in result).toBe(false);
  });

  it('refuses a file with a header and no data, and an empty file', () => {
    expect(errorsOf(parseEnterpriseCsv(REQUIRED))[0]).toContain('没有企业数据');
    expect(errorsOf(parseEnterpriseCsv(''))[0]).toContain('文件是空的');
  });

  it('says when the officer roster was uploaded instead', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv('姓名,执法证号,证件有效期至,单位,擅长行业,状态', '张三,410381000001,2027-12-31,法规科,机械,在岗')));
    expect(errors.at(-1)).toContain('看起来是执法人员名录');
  });

  it('reports an unbalanced quote as a CSV format error', () => {
    const errors = errorsOf(parseEnterpriseCsv(csv(REQUIRED, `${A},"偃师区示例甲有限公司,机械,山化镇`)));
    expect(errors[0]).toContain('CSV 文件格式有误');
  });
});
