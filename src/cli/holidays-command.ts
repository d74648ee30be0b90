/**
 * `holidays`: the State Council holiday schedule kept in the database.
 *
 *   holidays import <file>   load one year's schedule from an override file (CSV or JSON, see
 *                            src/domain/workdays/holiday-file.ts); all or nothing; provisional
 *                            publication deadlines are recomputed
 *   holidays list            loaded years (built-in and imported) and the imported days
 *
 * Also `workdaysWithDatabase`: the `workdays` command with the database's overrides
 * (`--builtin` skips the database, e.g. while the server holds the PGlite folder).
 */
import { importHolidayText } from '../app/use-cases/import-holidays';
import { BUILT_IN_SCHEDULES, createWorkdayCalendar, isYearComplete, type CalendarOverride } from '../domain/workdays';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, readInputFile, type CliCommand } from './command';
import type { CliContext } from './commands';
import { runAsOperator } from './run-as-operator';
import { printRefusal } from './use-case-output';
import { workdaysCommand } from './workdays-command';

/** The administrator overrides kept in the database, read through the store port. */
async function storedOverrides(ctx: CliContext): Promise<CalendarOverride[]> {
  const read = await runAsOperator(ctx, { kind: 'cli' }, (uc) => uc.repos.holidays.overrides());
  if (!read.ok) throw new Error(read.refusal);
  return read.value;
}

const USAGE = [
  '用法：',
  '  holidays import <文件>   导入一年的放假调休安排（CSV 或 JSON，格式见 src/domain/workdays/holiday-file.ts）',
  '  holidays list            列出已载入的年份和已导入的日期',
].join('\n');

export const holidaysCommand: CliCommand<CliContext> = {
  name: 'holidays',
  summary: '节假日安排：导入、查看（存于数据库）',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'import' && rest.length === 1) {
      const data = readInputFile(rest[0]!, io);
      if (data === undefined) return EXIT_FAILURE;
      // The schedule is national: the CLI operator loads it for every agency, no --agency needed.
      const outcome = await runAsOperator(ctx, { kind: 'cli' }, (uc) => importHolidayText(uc, data.toString('utf8')));
      if (!outcome.ok) {
        printRefusal(io, outcome.refusal);
        return EXIT_FAILURE;
      }
      const result = outcome.value;
      if (!result.ok) {
        io.err('未导入，请修改文件后重试：');
        for (const e of result.errors) io.err(`  ${e}`);
        return EXIT_FAILURE;
      }
      io.out(`已导入 ${result.year} 年放假安排：${result.days} 个日期${result.source ? `（来源：${result.source}）` : ''}。`);
      for (const r of result.recomputed) io.out(`  任务 ${r.taskId} 的公示期限：${r.from} → ${r.to}${r.provisional ? '（仍为暂定）' : ''}`);
      return EXIT_OK;
    }
    if (sub === 'list' && rest.length === 0) {
      const overrides = await storedOverrides(ctx);
      const imported = overrides.filter(isYearComplete).map((o) => o.year);
      const builtIn = BUILT_IN_SCHEDULES.map((s) => s.year);
      const calendar = createWorkdayCalendar(overrides);
      io.out(`内置年份：${builtIn.join('、')}`);
      io.out(`导入年份：${imported.length ? imported.sort((a, b) => a - b).join('、') : '（无）'}`);
      io.out(`已载入：${calendar.loadedYears().join('、')}`);
      for (const o of overrides) if (!isYearComplete(o)) io.out(`  ${o.date} ${o.kind === 'holiday' ? '放假' : '上班'}${o.name ? ` ${o.name}` : ''}`);
      return EXIT_OK;
    }
    io.err(sub === undefined ? '缺少子命令。' : `无法识别“holidays ${args.join(' ')}”。`);
    io.err(USAGE);
    return EXIT_USAGE;
  },
};

/** `workdays …` with the administrator overrides stored in the database; `--builtin` skips them. */
export const workdaysWithDatabase: CliCommand<CliContext> = {
  name: workdaysCommand.name,
  summary: workdaysCommand.summary,
  usage: `${workdaysCommand.usage}\n  加 --builtin 只用内置数据，不读数据库`,
  run(args, io, ctx) {
    if (args.includes('--builtin'))
      return workdaysCommand.run(
        args.filter((a) => a !== '--builtin'),
        io,
        undefined,
      );
    return workdaysCommand.run(args, io, { loadHolidayOverrides: () => storedOverrides(ctx) });
  },
};
