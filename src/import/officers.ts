import { describeUsccError } from '../domain/uscc';
import type { Officer } from '../domain/model';
import { codeText, parseDateCell, rowError, splitList } from './cells';
import { locateColumns, type ColumnSpec } from './columns';
import { readCsvTable, readTables } from './read-table';
import { parseIndustryList, wrongTemplateHint } from './shared';
import type { ImportResult, ImportSource, RawCell, RawTable } from './types';

type OfficerKey = 'name' | 'certificateNo' | 'certificateValidUntil' | 'unit' | 'expertise' | 'status' | 'conflicts';

/** The officer template's columns, in template order (required first). */
export const OFFICER_COLUMNS: readonly ColumnSpec<OfficerKey>[] = [
  { key: 'name', header: '姓名', required: true, aliases: ['执法人员', '执法人员姓名'] },
  { key: 'certificateNo', header: '执法证号', required: true, aliases: ['执法证件号', '执法证编号', '证件号', '证号', '行政执法证号'] },
  { key: 'certificateValidUntil', header: '证件有效期至', required: true, aliases: ['有效期至', '证件有效期', '执法证有效期', '有效期'] },
  { key: 'unit', header: '单位', required: true, aliases: ['单位科室', '科室', '所在单位', '所在科室', '部门'] },
  { key: 'expertise', header: '擅长行业', required: true, aliases: ['熟悉行业', '执法领域', '擅长领域', '专业领域'] },
  { key: 'status', header: '状态', required: true, aliases: ['在岗状态', '是否在岗', '人员状态'] },
  { key: 'conflicts', header: '回避企业', required: false, aliases: ['需回避企业', '回避企业统一社会信用代码', '回避'] },
];

/** `姓名,执法证号,证件有效期至,单位,擅长行业,状态,回避企业` */
export const OFFICER_HEADER_LINE = OFFICER_COLUMNS.map((c) => c.header).join(',');

const ON_DUTY = new Set(['在岗', '在职', '正常', '是']);
const OFF_DUTY = new Set([
  '不在岗',
  '离岗',
  '否',
  '休假',
  '请假',
  '病假',
  '产假',
  '事假',
  '年假',
  '借调',
  '外派',
  '挂职',
  '出差',
  '学习',
  '培训',
  '脱产学习',
  '停职',
  '退休',
  '调离',
  '离职',
]);

/**
 * Parse the officer roster (执法检查人员名录库) from an uploaded CSV or XLSX file.
 * Required columns 姓名, 执法证号, 证件有效期至, 单位, 擅长行业, 状态; optional 回避企业 (USCCs).
 * Any error rejects the whole file.
 */
export async function parseOfficerFile(source: ImportSource): Promise<ImportResult<Officer>> {
  const read = await readTables(source);
  return read.ok ? parseOfficerTables(read.tables) : read;
}

/** The same for CSV text or bytes, synchronously. */
export function parseOfficerCsv(input: Uint8Array | string): ImportResult<Officer> {
  const read = readCsvTable(input);
  return read.ok ? parseOfficerTables(read.tables) : read;
}

/** Parse already-read sheets. */
export function parseOfficerTables(tables: readonly RawTable[]): ImportResult<Officer> {
  const located = locateColumns(tables, OFFICER_COLUMNS, OFFICER_HEADER_LINE);
  if (!located.ok) return { ok: false, errors: [...located.errors, ...wrongTemplateHint(tables, 'officer')] };
  const { columns, dataRows } = located.located;
  const errors: string[] = [];
  const rows: Officer[] = [];
  const firstRowOf = new Map<string, number>();

  for (const row of dataRows) {
    const field = (key: OfficerKey): { header: string; cell: RawCell | undefined; text: string } => {
      const col = columns.get(key);
      const cell = col ? row.cells[col.index] : undefined;
      return { header: col?.header ?? '', cell, text: cell?.text ?? '' };
    };
    const r = row.rowNumber;
    const before = errors.length;

    const name = field('name');
    if (name.text === '') errors.push(rowError(r, name.header, '', '为空：请填写执法人员姓名'));

    const cert = field('certificateNo');
    const certificateNo = codeText(cert.cell);
    if (certificateNo === '') errors.push(rowError(r, cert.header, '', '为空：请填写行政执法证号'));
    else {
      const first = firstRowOf.get(certificateNo);
      if (first !== undefined) {
        errors.push(rowError(r, cert.header, certificateNo, `与第 ${first} 行重复：一个执法证号只能对应一名执法人员，请核对`));
      } else firstRowOf.set(certificateNo, r);
    }

    const valid = field('certificateValidUntil');
    const validUntil = parseDateCell(valid.cell);
    if (valid.text === '') errors.push(rowError(r, valid.header, '', '为空：请填写执法证有效期的最后一天，如 2027-12-31'));
    else if (!validUntil) {
      errors.push(rowError(r, valid.header, valid.text, '不是有效日期：请写成 YYYY-MM-DD（如 2027-12-31）或 YYYY/M/D（如 2027/12/31），或使用 Excel 日期格式'));
    }

    const unit = field('unit');
    if (unit.text === '') errors.push(rowError(r, unit.header, '', '为空：请填写所在单位或科室，如 综合行政执法大队'));

    const expertise = parseIndustryList(r, field('expertise'), errors);
    const onDuty = parseDuty(r, field('status'), errors);
    const conflicts = parseConflicts(r, field('conflicts'), errors);

    if (errors.length > before || !validUntil || !expertise || onDuty === null || !conflicts) continue;
    rows.push({
      certificateNo,
      name: name.text,
      unit: unit.text,
      certificateValidUntil: validUntil,
      expertise,
      onDuty,
      conflicts,
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (rows.length === 0) {
    return { ok: false, errors: ['文件中没有执法人员数据：第 1 行是表头，请从第 2 行起每行填写一名执法人员'] };
  }
  return { ok: true, rows };
}

function parseDuty(r: number, field: { header: string; text: string }, errors: string[]): boolean | null {
  const t = field.text.replace(/\s+/g, '');
  if (ON_DUTY.has(t)) return true;
  if (OFF_DUTY.has(t)) return false;
  errors.push(
    t === ''
      ? rowError(r, field.header, '', '为空：请填写“在岗”或“不在岗”')
      : rowError(r, field.header, field.text, '无法识别：请填写“在岗”或“不在岗”（休假、请假、借调、培训等也可直接填写，视为不在岗）'),
  );
  return null;
}

function parseConflicts(r: number, field: { header: string; text: string }, errors: string[]): string[] | null {
  const codes = splitList(field.text.normalize('NFKC').toUpperCase());
  let ok = true;
  for (const code of codes) {
    const problem = describeUsccError(code);
    if (problem) {
      errors.push(rowError(r, field.header, code, `${problem}（多个代码用“、”或“;”分隔）`));
      ok = false;
    }
  }
  return ok ? codes : null;
}
