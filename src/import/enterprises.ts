import { describeUsccError } from '../domain/uscc';
import { ENTERPRISE_STATUSES, RISK_LEVELS, type Enterprise, type EnterpriseStatus, type RiskLevel } from '../domain/model';
import { codeText, parseYesNo, rowError } from './cells';
import { locateColumns, type ColumnSpec } from './columns';
import { readCsvTable, readTables } from './read-table';
import { parseIndustry, wrongTemplateHint } from './shared';
import type { ImportResult, ImportSource, RawRow, RawTable } from './types';

type EnterpriseKey = 'uscc' | 'name' | 'industry' | 'township' | 'riskLevel' | 'status' | 'address' | 'contactPerson' | 'phone' | 'keySupervision';

/** The enterprise template's columns, in template order (required first). */
export const ENTERPRISE_COLUMNS: readonly ColumnSpec<EnterpriseKey>[] = [
  { key: 'uscc', header: '统一社会信用代码', required: true, aliases: ['社会信用代码', '信用代码', '统一代码'] },
  { key: 'name', header: '企业名称', required: true, aliases: ['单位名称', '名称', '企业单位名称'] },
  { key: 'industry', header: '行业', required: true, aliases: ['所属行业', '行业类别', '行业分类'] },
  { key: 'township', header: '乡镇街道', required: true, aliases: ['乡镇', '街道', '所属乡镇', '所属乡镇街道', '所在乡镇街道'] },
  { key: 'riskLevel', header: '风险等级', required: false, aliases: ['风险级别', '安全风险等级'] },
  { key: 'status', header: '状态', required: false, aliases: ['经营状态', '企业状态', '登记状态'] },
  { key: 'address', header: '地址', required: false, aliases: ['企业地址', '经营地址', '住所', '经营场所'] },
  { key: 'contactPerson', header: '负责人', required: false, aliases: ['主要负责人', '联系人'] },
  { key: 'phone', header: '联系电话', required: false, aliases: ['电话', '手机', '联系方式'] },
  { key: 'keySupervision', header: '重点监管', required: false, aliases: ['是否重点监管', '重点监管对象'] },
];

/** `统一社会信用代码,企业名称,行业,乡镇街道,风险等级,状态,地址,负责人,联系电话,重点监管` */
export const ENTERPRISE_HEADER_LINE = ENTERPRISE_COLUMNS.map((c) => c.header).join(',');

/**
 * Parse the enterprise directory (检查对象名录库) from an uploaded CSV or XLSX file.
 * Required columns 统一社会信用代码, 企业名称, 行业, 乡镇街道; optional 风险等级 (default 一般),
 * 状态 (default 在营), 地址, 负责人, 联系电话, 重点监管 (default 否). Any error rejects the whole file.
 */
export async function parseEnterpriseFile(source: ImportSource): Promise<ImportResult<Enterprise>> {
  const read = await readTables(source);
  return read.ok ? parseEnterpriseTables(read.tables) : read;
}

/** The same for CSV text or bytes, synchronously. */
export function parseEnterpriseCsv(input: Uint8Array | string): ImportResult<Enterprise> {
  const read = readCsvTable(input);
  return read.ok ? parseEnterpriseTables(read.tables) : read;
}

/** Parse already-read sheets. */
export function parseEnterpriseTables(tables: readonly RawTable[]): ImportResult<Enterprise> {
  const located = locateColumns(tables, ENTERPRISE_COLUMNS, ENTERPRISE_HEADER_LINE);
  if (!located.ok) return { ok: false, errors: [...located.errors, ...wrongTemplateHint(tables, 'enterprise')] };
  const { columns, dataRows } = located.located;
  const errors: string[] = [];
  const rows: Enterprise[] = [];
  const firstRowOf = new Map<string, number>();

  for (const row of dataRows) {
    const cell = (key: EnterpriseKey) => {
      const col = columns.get(key);
      return { header: col?.header ?? '', cell: col ? row.cells[col.index] : undefined, text: col ? (row.cells[col.index]?.text ?? '') : '' };
    };
    const before = errors.length;
    const uscc = parseUsccCell(row, cell('uscc'), errors);
    const name = cell('name');
    if (name.text === '') errors.push(rowError(row.rowNumber, name.header, '', '为空：请填写企业名称'));
    const industry = parseIndustry(row.rowNumber, cell('industry'), errors);
    const township = cell('township');
    if (township.text === '') errors.push(rowError(row.rowNumber, township.header, '', '为空：请填写企业所在的乡镇或街道'));
    const riskLevel = parseRisk(row.rowNumber, cell('riskLevel'), errors);
    const status = parseStatus(row.rowNumber, cell('status'), errors);
    const key = cell('keySupervision');
    const keySupervision = parseYesNo(key.text, false);
    if (keySupervision === null) errors.push(rowError(row.rowNumber, key.header, key.text, '请填写“是”或“否”（不填视为“否”）'));

    if (uscc) {
      const first = firstRowOf.get(uscc);
      if (first !== undefined) {
        errors.push(rowError(row.rowNumber, cell('uscc').header, uscc, `与第 ${first} 行重复：同一企业只能出现一次，请删除或合并重复的行`));
      } else firstRowOf.set(uscc, row.rowNumber);
    }
    if (errors.length > before || !uscc || !industry || !riskLevel || !status || keySupervision === null) continue;

    const enterprise: Enterprise = {
      uscc,
      name: name.text,
      industry,
      township: township.text,
      riskLevel,
      status,
      keySupervision,
    };
    const address = cell('address').text;
    const contactPerson = cell('contactPerson').text;
    const phone = cell('phone').text;
    if (address) enterprise.address = address;
    if (contactPerson) enterprise.contactPerson = contactPerson;
    if (phone) enterprise.phone = phone;
    rows.push(enterprise);
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) {
    return { ok: false, errors: ['文件中没有企业数据：第 1 行是表头，请从第 2 行起每行填写一家企业'] };
  }
  return { ok: true, rows };
}

interface Field {
  header: string;
  cell: RawRow['cells'][number] | undefined;
  text: string;
}

function parseUsccCell(row: RawRow, field: Field, errors: string[]): string | null {
  const value = codeText(field.cell).toUpperCase();
  if (value === '') {
    errors.push(rowError(row.rowNumber, field.header, '', '为空：请填写 18 位统一社会信用代码'));
    return null;
  }
  if (field.cell?.kind === 'number') {
    errors.push(
      rowError(
        row.rowNumber,
        field.header,
        field.text,
        '这个单元格是数字格式，Excel 只保留 15 位有效数字，代码已经失真：请把该列设为“文本”格式后重新填写完整的 18 位代码',
      ),
    );
    return null;
  }
  const problem = describeUsccError(value);
  if (problem) {
    errors.push(rowError(row.rowNumber, field.header, field.text, problem));
    return null;
  }
  return value;
}

const RISK_ALIASES: Readonly<Record<string, RiskLevel>> = {
  重大: '高',
  红: '高',
  较大: '较高',
  橙: '较高',
  黄: '一般',
  蓝: '低',
  较低: '低',
};

function parseRisk(rowNumber: number, field: Field, errors: string[]): RiskLevel | null {
  if (field.text === '') return '一般';
  const t = field.text
    .replace(/\s+/g, '')
    .replace(/(风险|色)$/, '')
    .replace(/(风险|色)$/, '');
  if ((RISK_LEVELS as readonly string[]).includes(t)) return t as RiskLevel;
  const alias = RISK_ALIASES[t];
  if (alias) return alias;
  errors.push(
    rowError(
      rowNumber,
      field.header,
      field.text,
      `无法识别的风险等级，可选：${RISK_LEVELS.join('、')}（也可写 重大/较大/一般/低 或 红/橙/黄/蓝；不填视为“一般”）`,
    ),
  );
  return null;
}

const STATUS_ALIASES: Readonly<Record<string, EnterpriseStatus>> = {
  存续: '在营',
  开业: '在营',
  在业: '在营',
  正常: '在营',
  营业: '在营',
  停业: '停产',
  歇业: '停产',
  停产整顿: '停产',
  停产停业: '停产',
  已注销: '注销',
  已吊销: '吊销',
  吊销未注销: '吊销',
  已迁出: '迁出',
};

function parseStatus(rowNumber: number, field: Field, errors: string[]): EnterpriseStatus | null {
  if (field.text === '') return '在营';
  const t = field.text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[(（].*[)）]$/, '')
    .replace(/[,，、]/g, '');
  if ((ENTERPRISE_STATUSES as readonly string[]).includes(t)) return t as EnterpriseStatus;
  const alias = STATUS_ALIASES[t];
  if (alias) return alias;
  errors.push(rowError(rowNumber, field.header, field.text, `无法识别的状态，可选：${ENTERPRISE_STATUSES.join('、')}（不填视为“在营”）`));
  return null;
}
