import { audit } from '../audit';
import { messagePeople } from '../message-people';
import { fileBytes, type OutgoingFile, SENDABLE_FILE_BYTES } from '../ports/messenger';
import type { Spreadsheets, Workbook } from '../ports/spreadsheets';
import type { PrepareContext } from '../commands/entry';
import type { Repos } from '../ports/store';
import { type AppEnv, AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
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
 * A year's export as rendered: the files, or the answer when the year has nothing to export.
 * Rendering reads the whole directory (the register sheet) and takes seconds for a large one.
 */
export type RenderedExport = { kind: 'empty'; text: string } | { kind: 'files'; workbookName: string; files: OutgoingFile[]; tasks: number };

/** An export rendered before the command's transaction (see `prepareExport`), for whom and what. */
export interface PreparedExport {
  agencyId: number;
  year: number;
  csv: boolean;
  rendered: RenderedExport;
}

async function renderExport(repos: Repos, env: AppEnv, q: { agencyId: number; year: number; csv: boolean }): Promise<RenderedExport> {
  const report = (await loadYearReport(repos, { agencyId: q.agencyId, year: q.year, today: todayOf(env), withDirectory: true }))!;
  return renderReport(report, q, env);
}

async function renderReport(report: YearReport, q: { year: number; csv: boolean }, env: AppEnv): Promise<RenderedExport> {
  if (report.tasks.length === 0 && report.draws.length === 0) {
    const years = report.years.length ? `有记录的年份：${report.years.join('、')}，例如 /export ${report.years[0]}。` : '';
    return { kind: 'empty', text: `${q.year} 年没有抽取记录，未生成导出文件。${years}` };
  }
  const { workbook, files } = await exportFiles(report, q.csv, env.spreadsheets);
  return { kind: 'files', workbookName: workbook.fileName, files, tasks: report.tasks.length };
}

const yearOrThis = (year: number | undefined, env: AppEnv) => year ?? Number(todayOf(env).slice(0, 4));

/**
 * `/export`'s work done before its transaction: the year read in a short transaction, then
 * rendered with no transaction open, so a large directory does not hold the database (on the
 * embedded PGlite, every delivery's acknowledgement) for the seconds it takes.
 */
export async function prepareExport(ctx: PrepareContext, input: { year: number | undefined; csv: boolean }): Promise<PreparedExport> {
  const year = yearOrThis(input.year, ctx.env);
  const { agencyId, report } = await ctx.read(async (repos, actor) => ({
    agencyId: actor.agencyId,
    report: (await loadYearReport(repos, { agencyId: actor.agencyId, year, today: todayOf(ctx.env), withDirectory: true }))!,
  }));
  return { agencyId, year, csv: input.csv, rendered: await renderReport(report, { year, csv: input.csv }, ctx.env) };
}

/**
 * `/export [年份] [csv]` (leaders, administrators): the year's workbook as a file. It holds notes,
 * signatures and enterprises' contacts, so it goes to the asker's direct chat only (a group sees
 * that it was sent); the export is recorded in the audit log. `prepared`: the export rendered
 * before the transaction (used when it is this agency's, year's and format's; else rendered here).
 */
export async function exportYear(ctx: UseCaseContext, input: { year: number | undefined; csv: boolean }, prepared?: PreparedExport): Promise<UseCaseResult> {
  const { repos, actor, origin } = ctx;
  const year = yearOrThis(input.year, ctx.env);
  const q = { agencyId: actor.agencyId, year, csv: input.csv };
  const ready = prepared && prepared.agencyId === q.agencyId && prepared.year === q.year && prepared.csv === q.csv ? prepared.rendered : undefined;
  const rendered = ready ?? (await renderExport(repos, ctx.env, q));
  if (rendered.kind === 'empty') return { reply: { type: 'text', text: rendered.text } };
  const { files } = rendered;
  const tooLarge = oversizeFile(files, SENDABLE_FILE_BYTES[origin.platform]);
  if (tooLarge) throw new AppError('invalid', tooLarge);
  await audit(repos, actor, 'report.exported', {
    agencyId: actor.agencyId,
    subject: `agency:${actor.agencyId}`,
    data: { year, format: input.csv ? 'csv' : 'xlsx', files: files.map((f) => f.name), tasks: rendered.tasks },
  });
  const what = input.csv ? `${files.length} 个 CSV 文件（每个工作表一个）` : `Excel 文件“${rendered.workbookName}”`;
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
