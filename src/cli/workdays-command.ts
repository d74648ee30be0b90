/**
 * `workdays`: working-day arithmetic from the command line.
 *
 *   workdays add <YYYY-MM-DD> <n>   the date n working days after the given day (counting starts
 *                                   the next day), e.g. the 5-working-day publication deadline
 *   workdays is <YYYY-MM-DD>        workday | weekend | holiday
 *   workdays count <year>           number of working days in the year
 *
 * Each result is one `io.out` call (one line, no trailing newline). A result that relied on a
 * year with no holiday schedule still goes to stdout, with a Chinese warning on stderr; `count`
 * refuses such a year (exit 1). Bad usage or a bad value: message on stderr, exit 2.
 *
 * Uses the built-in calendar (国务院 notices 2023–2026), plus the overrides from
 * `ctx.loadHolidayOverrides()` when the caller provides it (e.g. from the database).
 */
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIo } from './command';
import { MAX_WORKDAYS_TO_ADD, addDays, createWorkdayCalendar, parseIsoDate, type CalendarOverride, type WorkdayCalendar } from '../domain/workdays/index';

/** What `workdays` uses from the CLI context; every field is optional. */
export interface WorkdaysCliContext {
  /** Administrator overrides (days and `{ year, complete: true }` declarations), e.g. from the DB. */
  loadHolidayOverrides?: () => Promise<readonly CalendarOverride[]>;
}

const USAGE = [
  '用法：',
  '  workdays add <YYYY-MM-DD> <n>   从该日的次日起数 n 个工作日，输出到期日',
  '  workdays is <YYYY-MM-DD>        输出 workday（工作日）、weekend（周末）或 holiday（节假日）',
  '  workdays count <年份>           输出该年的工作日天数',
].join('\n');

export const workdaysCommand: CliCommand<WorkdaysCliContext | undefined> = {
  name: 'workdays',
  summary: '工作日计算（按国务院放假调休安排）',
  usage: USAGE,
  async run(args, io, ctx) {
    const [sub, ...rest] = args;
    if (sub === 'help' || sub === '--help' || sub === '-h') {
      io.out(USAGE);
      return EXIT_OK;
    }
    const expected: Record<string, number> = { add: 2, is: 1, count: 1 };
    const arity = sub === undefined ? undefined : expected[sub];
    if (sub === undefined || arity === undefined) {
      io.err(sub === undefined ? '缺少子命令。' : `未知的子命令“${sub}”。`);
      io.err(USAGE);
      return EXIT_USAGE;
    }
    if (rest.length !== arity) {
      io.err(`“workdays ${sub}”需要 ${arity} 个参数，实际为 ${rest.length} 个。`);
      io.err(USAGE);
      return EXIT_USAGE;
    }

    // Validate the arguments before touching any data source.
    const a0 = rest[0] ?? '';
    const a1 = rest[1] ?? '';
    if ((sub === 'add' || sub === 'is') && !checkDate(a0, io)) return EXIT_USAGE;
    if (sub === 'add' && !/^\d{1,5}$/.test(a1)) return badCount(a1, io);
    if (sub === 'add' && Number(a1) > MAX_WORKDAYS_TO_ADD) return badCount(a1, io);
    if (sub === 'count' && !/^\d{4}$/.test(a0)) {
      io.err(`年份“${a0}”无效，应为四位数字年份，例如 2025。`);
      return EXIT_USAGE;
    }

    const calendar = await loadCalendar(ctx, io);
    if (!calendar) return EXIT_FAILURE;

    try {
      return runSub(sub, a0, a1, calendar, io);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      io.err(`超出支持的日期范围（1000–9999 年）：${e.message}`);
      return EXIT_USAGE;
    }
  },
};

function runSub(sub: string, a0: string, a1: string, calendar: WorkdayCalendar, io: CliIo): number {
  if (sub === 'add') {
    const result = calendar.addWorkdays(a0, Number(a1));
    io.out(result.date);
    if (result.provisional) {
      const years = calendar.missingYears(addDays(a0, 1), result.date);
      io.err(provisionalWarning(years, '结果按周一至周五推算，仅供参考'));
    }
    return EXIT_OK;
  }
  if (sub === 'is') {
    const info = calendar.describeDay(a0);
    io.out(info.kind);
    if (!info.scheduled) {
      const how = info.source === 'weekday-rule' ? '按周一至周五判断' : '该日取自相邻年份的通知或单日设置';
      io.err(provisionalWarning([Number(a0.slice(0, 4))], `${how}，仅供参考`));
    }
    return EXIT_OK;
  }
  const year = Number(a0);
  if (!calendar.hasSchedule(year)) {
    io.err(`${year} 年的放假安排尚未载入，无法统计工作日天数。请在国务院公布该年放假安排后导入放假文件。`);
    return EXIT_FAILURE;
  }
  io.out(String(calendar.countWorkdays(year)));
  return EXIT_OK;
}

function checkDate(value: string, io: CliIo): boolean {
  if (parseIsoDate(value)) return true;
  io.err(`日期“${value}”无效，应为 YYYY-MM-DD 格式的真实日期，例如 2026-11-30。`);
  return false;
}

function badCount(value: string, io: CliIo): number {
  io.err(`天数“${value}”无效，应为 0 到 ${MAX_WORKDAYS_TO_ADD} 之间的整数。`);
  return EXIT_USAGE;
}

function provisionalWarning(years: number[], what: string): string {
  return `警告：${years.join('、')} 年的国务院放假安排尚未载入，${what}；该年安排公布后请导入放假文件并重新计算。`;
}

async function loadCalendar(ctx: WorkdaysCliContext | undefined, io: CliIo): Promise<WorkdayCalendar | null> {
  try {
    const overrides = ctx?.loadHolidayOverrides ? await ctx.loadHolidayOverrides() : [];
    return createWorkdayCalendar(overrides);
  } catch (e) {
    io.err(`读取放假安排失败：${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}
