/** Statistics and exports: `/stats [年份] [考评]`, `/export [年份] [csv]` (leaders and administrators). */
import type { IsoDate } from '../../domain/model';
import { AppError } from '../use-case';
import { exportYear } from '../use-cases/export-year';
import { showStats } from '../use-cases/show-stats';
import { command, type CommandText } from './entry';

const ASSESSMENT_WORDS = new Set(['考评', '年终考评', '考核', '年终考核']);
const CSV_WORDS = new Set(['csv', 'CSV']);

/** A year written 2026 or 2026年, from 2000 to next year. */
function yearOf(word: string, today: IsoDate): number | undefined {
  const m = /^(\d{4})年?$/.exec(word);
  if (!m) return undefined;
  const year = Number(m[1]);
  const thisYear = Number(today.slice(0, 4));
  if (year < 2000 || year > thisYear + 1) throw new AppError('invalid', `年份 ${year} 不在 2000–${thisYear + 1} 之间，例如：${thisYear}。`);
  return year;
}

/** Reads `[年份]` and one optional keyword; anything else is answered with the command's examples. */
function yearAndFlag(text: CommandText, today: IsoDate, flags: Set<string>, examples: string): { year: number | undefined; flag: boolean } {
  let year: number | undefined;
  let flag = false;
  for (const word of text.args) {
    const y = yearOf(word, today);
    if (y !== undefined && year === undefined) year = y;
    else if (flags.has(word) && !flag) flag = true;
    else throw new AppError('invalid', `看不懂“${word.slice(0, 20)}”。${examples}`);
  }
  return { year, flag };
}

const leadersMay = (does: string) => ({ roles: ['leader', 'admin'] as const, does });

export const reportCommands = [
  command({
    words: ['stats', '统计'],
    help: {
      usage: '/stats [年份] [考评]',
      summary: '年度统计（按行业、乡镇、人员、单位，含图表）；加“考评”看年终考评',
      examples: ['/stats 2026　本年统计', '/stats 2026 考评　年终考评（完成率、及时率）'],
    },
    places: ['group', 'direct'],
    permission: leadersMay('查看统计和考评'),
    parse: (text, { today }) => {
      const { year, flag } = yearAndFlag(text, today, ASSESSMENT_WORDS, `可以写：/stats、/stats ${today.slice(0, 4)}、/stats ${today.slice(0, 4)} 考评。`);
      return { year, assessment: flag };
    },
    run: showStats,
  }),
  command({
    words: ['export', '导出'],
    help: {
      usage: '/export [年份] [csv]',
      summary: '导出全年工作 Excel（公示系统录入、抽查公告、检查结果与隐患、整改复查、统计、考评、检查对象名录），私聊发送给你',
      examples: ['/export 2026　一个 Excel 文件', '/export 2026 csv　每个工作表一个 CSV 文件'],
    },
    places: ['group', 'direct'],
    permission: leadersMay('导出全年工作记录'),
    parse: (text, { today }) => {
      const { year, flag } = yearAndFlag(text, today, CSV_WORDS, `可以写：/export、/export ${today.slice(0, 4)}、/export ${today.slice(0, 4)} csv。`);
      return { year, csv: flag };
    },
    run: exportYear,
  }),
];
