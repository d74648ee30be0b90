/**
 * The account list an administrator imports to link people to their messenger accounts:
 * columns 姓名或执法证号, 手机号, 邮箱, open_id, 钉钉UserID (at least one of the last four per row;
 * one roster may carry both platforms' ids). Mobile numbers (and, for Feishu, e-mails) are
 * resolved to account ids later, with the messenger's contact API.
 */
import { codeText, rowError } from './cells';
import { locateColumns, type ColumnSpec } from './columns';
import { readTables } from './read-table';
import type { ImportResult, ImportSource, RawTable } from './types';

type AccountKey = 'person' | 'mobile' | 'email' | 'openId' | 'dingtalkUserId';

export const ACCOUNT_COLUMNS: readonly ColumnSpec<AccountKey>[] = [
  { key: 'person', header: '姓名或执法证号', required: true, aliases: ['姓名', '执法证号', '人员', '姓名/执法证号'] },
  { key: 'mobile', header: '手机号', required: false, aliases: ['手机', '手机号码', '移动电话'] },
  { key: 'email', header: '邮箱', required: false, aliases: ['电子邮箱', '邮件', 'email', 'Email', 'E-mail'] },
  { key: 'openId', header: 'open_id', required: false, aliases: ['OpenID', 'openId', 'Open ID', '飞书open_id', '账号'] },
  { key: 'dingtalkUserId', header: '钉钉UserID', required: false, aliases: ['钉钉userId', '钉钉用户ID', '钉钉账号', 'UserID', 'userId', 'staffId'] },
];
export const ACCOUNT_HEADER_LINE = ACCOUNT_COLUMNS.map((c) => c.header).join(',');

export interface AccountRow {
  rowNumber: number;
  /** Local id, certificate number or name, as written. */
  person: string;
  mobile?: string;
  email?: string;
  /** The `open_id` column (Feishu), or the generic 账号 column. */
  openId?: string;
  /** The `钉钉UserID` column. */
  dingtalkUserId?: string;
}

/** Mainland mobiles without +86 (the contact API wants them so); others as written, spaces removed. */
export function normalizeMobile(text: string): string {
  const t = text.normalize('NFKC').replace(/[\s-]+/g, '');
  const m = /^(?:\+?86)?(1\d{10})$/.exec(t);
  return m ? m[1]! : t;
}

export async function parseAccountFile(source: ImportSource): Promise<ImportResult<AccountRow>> {
  const read = await readTables(source);
  return read.ok ? parseAccountTables(read.tables) : read;
}

/** Every row, or every problem (in Chinese, naming the row); never a partial result. */
export function parseAccountTables(tables: readonly RawTable[]): ImportResult<AccountRow> {
  const located = locateColumns(tables, ACCOUNT_COLUMNS, ACCOUNT_HEADER_LINE);
  if (!located.ok) return located;
  const { columns, dataRows } = located.located;
  const errors: string[] = [];
  const rows: AccountRow[] = [];
  for (const row of dataRows) {
    const cell = (key: AccountKey) => {
      const col = columns.get(key);
      return { header: col?.header ?? ACCOUNT_COLUMNS.find((c) => c.key === key)!.header, cell: col ? row.cells[col.index] : undefined };
    };
    const r = row.rowNumber;
    const person = (cell('person').cell?.text ?? '').trim();
    const mobile = normalizeMobile(codeText(cell('mobile').cell)) || undefined;
    const email = (cell('email').cell?.text ?? '').trim().toLowerCase() || undefined;
    const openId = codeText(cell('openId').cell) || undefined;
    const dingtalkUserId = codeText(cell('dingtalkUserId').cell) || undefined;
    if (!person) errors.push(rowError(r, cell('person').header, '', '为空：请填写姓名或执法证号'));
    if (!mobile && !email && !openId && !dingtalkUserId) errors.push(`第 ${r} 行：手机号、邮箱、open_id、钉钉UserID 都为空，请至少填写一项`);
    // A spreadsheet number has lost any leading 0 of a userId (0326…), and its digits past the 15th.
    if (dingtalkUserId && cell('dingtalkUserId').cell?.kind === 'number')
      errors.push(
        rowError(
          r,
          cell('dingtalkUserId').header,
          dingtalkUserId,
          '是数字格式的单元格，开头的 0 或末尾的位数可能已丢失：请把该列设为“文本”格式后按原样重新填写',
        ),
      );
    if (mobile && !/^\+?\d{6,15}$/.test(mobile)) errors.push(rowError(r, cell('mobile').header, mobile, '不是有效的手机号'));
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.push(rowError(r, cell('email').header, email, '不是有效的邮箱地址'));
    rows.push({
      rowNumber: r,
      person,
      ...(mobile ? { mobile } : {}),
      ...(email ? { email } : {}),
      ...(openId ? { openId } : {}),
      ...(dingtalkUserId ? { dingtalkUserId } : {}),
    });
  }
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [`文件中没有数据：第 1 行是表头（${ACCOUNT_HEADER_LINE}），请从第 2 行起每行填写一人`] };
  return { ok: true, rows };
}
