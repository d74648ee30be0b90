import { audit } from '../audit';
import { messagePeople } from '../message-people';
import { fileBytes, type OutgoingFile, SENDABLE_FILE_BYTES } from '../ports/messenger';
import type { Spreadsheets, Workbook } from '../ports/spreadsheets';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { yearWorkbook } from '../views/export-sheets';
import { loadYearReport, type YearReport } from '../year-report';

/** The files of a year's export: one .xlsx, or (with `csv`) one CSV per sheet. */
export async function exportFiles(report: YearReport, csv: boolean, writer: Spreadsheets): Promise<{ workbook: Workbook; files: OutgoingFile[] }> {
  const workbook = yearWorkbook(report, writer);
  if (!csv) return { workbook, files: [await writer.xlsx(workbook)] };
  const base = workbook.fileName.replace(/\.xlsx$/, '');
  return { workbook, files: workbook.sheets.map((s) => writer.csv(s, `${base}-${s.name}.csv`)) };
}

/**
 * Why a file cannot be sent on the platform (over its limit), with what to do instead; none when
 * every file fits. Checked before anything is recorded, so an export too large is not half done.
 */
export function oversizeFile(files: readonly OutgoingFile[], limitBytes: number): string | undefined {
  const big = files.find((f) => fileBytes(f) > limitBytes);
  if (!big) return undefined;
  const mb = (n: number) => (n / 1048576).toFixed(1);
  return (
    `导出文件“${big.name}”有 ${mb(fileBytes(big))} MB，超过本平台单个文件 ${mb(limitBytes)} MB 的上限，未发送。` +
    '请改用 /export 年份 csv 分表导出，或由管理员在服务器上运行 npm run cli -- export 年份 取得文件。'
  );
}

/**
 * `/export [年份] [csv]` (leaders, administrators): the year's workbook as a file. It holds notes,
 * signatures and enterprises' contacts, so it goes to the asker's direct chat only (a group sees
 * that it was sent); the export is recorded in the audit log.
 */
export async function exportYear(ctx: UseCaseContext, input: { year: number | undefined; csv: boolean }): Promise<UseCaseResult> {
  const { repos, actor, origin } = ctx;
  const today = todayOf(ctx.env);
  const year = input.year ?? Number(today.slice(0, 4));
  const report = (await loadYearReport(repos, { agencyId: actor.agencyId, year, today, withDirectory: true }))!;
  if (report.tasks.length === 0 && report.draws.length === 0) {
    const years = report.years.length ? `有记录的年份：${report.years.join('、')}，例如 /export ${report.years[0]}。` : '';
    return { reply: { type: 'text', text: `${year} 年没有抽取记录，未生成导出文件。${years}` } };
  }
  const { workbook, files } = await exportFiles(report, input.csv, ctx.env.spreadsheets);
  const tooLarge = oversizeFile(files, SENDABLE_FILE_BYTES[origin.platform]);
  if (tooLarge) throw new AppError('invalid', tooLarge);
  await audit(repos, actor, 'report.exported', {
    agencyId: actor.agencyId,
    subject: `agency:${actor.agencyId}`,
    data: { year, format: input.csv ? 'csv' : 'xlsx', files: files.map((f) => f.name), tasks: report.tasks.length },
  });
  const what = input.csv ? `${files.length} 个 CSV 文件（每个工作表一个）` : `Excel 文件“${workbook.fileName}”`;
  // Asked in a direct chat, one file is the reply itself; several go in order (the reply may come first).
  if (origin.kind === 'direct' && files.length === 1) return { reply: { type: 'file', file: files[0]! }, toast: { kind: 'success', text: `已生成${what}。` } };
  const key = ctx.requestKey ?? `${year}:${ctx.env.clock.now().toISOString()}`;
  const missing = await messagePeople(
    repos,
    actor.agencyId,
    origin.platform,
    files.map((file, i) => ({ personId: actor.id, message: { type: 'file' as const, file }, idempotencyKey: `export:${key}:${i}` })),
  );
  // Nothing is recorded as exported when it cannot be sent (the transaction rolls back).
  if (missing.length) throw new AppError('invalid', '找不到你在本平台的账号，无法私聊发送导出文件：请管理员用 /link 关联你的账号后再试。');
  if (origin.kind === 'direct') return { reply: { type: 'text', text: `正在发送 ${year} 年的 ${what}。` } };
  return { reply: { type: 'text', text: `${year} 年的 ${what}已私聊发送给${actor.name}（含内部记录，不在群内发送）。` } };
}
