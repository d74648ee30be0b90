import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { audit } from '../app/audit';
import { systemClock } from '../app/ports/clock';
import { exportFiles } from '../app/use-cases/export-year';
import { loadYearReport } from '../app/year-report';
import { shanghaiDate } from '../domain/workdays';
import { resolveAgencyId } from './agency-option';
import { cliStore } from './cli-store';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand } from './command';
import type { CliContext } from './commands';
import { parseFlags } from './flags';
import { spreadsheetWriter } from '../export/workbook';

const USAGE = [
  '用法：',
  '  export <年份> [--out <文件.xlsx>] [--agency <单位编号>]',
  '        导出全年工作的 Excel 文件：公示系统录入、抽查任务公告、检查结果与隐患、整改与复查、',
  '        统计（按行业、乡镇街道、执法人员、单位）、年终考评（单位、人员、计划目标）、检查对象名录',
  '  export <年份> --csv [--out <文件夹>] [--agency <单位编号>]',
  '        每个工作表导出一个 CSV 文件（UTF-8），写入文件夹（默认当前文件夹）',
  '  文件含内部记录（备注、签字、企业联系方式），请妥善保管。只有一个单位时可省略 --agency。',
].join('\n');

/** `npm run cli -- export <year> [--out …] [--csv]`: the chat's `/export` written to files, by the same code. */
export const exportCommand: CliCommand<CliContext> = {
  name: 'export',
  summary: '导出全年工作（Excel 或 CSV）：公示系统录入、抽查公告、检查结果、整改复查、统计、考评',
  usage: USAGE,
  async run(args, io, ctx) {
    const csv = args.includes('--csv');
    const parsed = parseFlags(
      args.filter((a) => a !== '--csv'),
      ['out', 'agency'],
    );
    const clock = ctx.clock ?? systemClock;
    const today = shanghaiDate(clock.now());
    const thisYear = Number(today.slice(0, 4));
    const yearText = parsed.ok ? parsed.positional[0] : undefined;
    const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN;
    if (!parsed.ok || parsed.positional.length !== 1 || !(year >= 2000 && year <= thisYear + 1)) {
      io.err(!parsed.ok ? parsed.error : `请写明要导出的年份（2000–${thisYear + 1}），例如：export ${thisYear}`);
      io.err(USAGE);
      return EXIT_USAGE;
    }
    const agencyId = await resolveAgencyId(ctx, io, parsed.flags['agency']);
    if (agencyId === undefined) return EXIT_FAILURE;
    const store = await cliStore(ctx);
    const done = await store.transaction(async (repos) => {
      const report = (await loadYearReport(repos, { agencyId, year, today, withDirectory: true }))!;
      const files = await exportFiles(report, csv, spreadsheetWriter);
      await audit(repos, 'cli', 'report.exported', {
        agencyId,
        subject: `agency:${agencyId}`,
        data: { year, format: csv ? 'csv' : 'xlsx', files: files.files.map((f) => f.name), tasks: report.tasks.length },
      });
      return { report, ...files };
    });
    if (done.report.tasks.length === 0 && done.report.draws.length === 0) io.err(`注意：${year} 年没有抽取记录，导出的表格中只有检查对象名录。`);
    const out = parsed.flags['out'];
    if (csv) {
      const dir = out ?? '.';
      if (existsSync(dir) && !statSync(dir).isDirectory()) {
        io.err(`--out “${dir}” 是一个文件：--csv 时请给出文件夹。`);
        return EXIT_USAGE;
      }
      mkdirSync(dir, { recursive: true });
      for (const f of done.files) {
        const path = join(dir, f.name);
        writeFileSync(path, Buffer.from(f.base64, 'base64'));
        io.out(path);
      }
      return EXIT_OK;
    }
    const [file] = done.files;
    const path = out ?? file!.name;
    writeFileSync(path, Buffer.from(file!.base64, 'base64'));
    io.out(path);
    return EXIT_OK;
  },
};
