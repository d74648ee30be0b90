/** Statistics and exports: `/stats [年份] [考评]`, `/export [年份] [csv]` (leaders and administrators). */
import type { IsoDate } from '../../domain/model';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';
import { exportYear, prepareExport } from '../use-cases/export-year';
import { showStats } from '../use-cases/show-stats';
import { command, type CommandText, type PrepareContext } from './entry';

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

/** What `/stats` and `/export` read: the year (this year when omitted) and whether the keyword was written. */
interface YearInput {
  year: number | undefined;
  flag: boolean;
}

/** `/stats` and `/export`: `[年份]` (this year when omitted) and one optional keyword; anything else is answered with examples of this year. */
function yearCommand<P = undefined>(entry: {
  words: readonly [string, ...string[]];
  summary: string;
  keyword: { words: ReadonlySet<string>; shown: string; means: string };
  plain: string;
  does: string;
  prepare?: (ctx: PrepareContext, input: YearInput) => Promise<P>;
  run: (ctx: UseCaseContext, input: YearInput, prepared?: P) => Promise<UseCaseResult>;
}) {
  const [word] = entry.words;
  const { shown } = entry.keyword;
  return command({
    words: entry.words,
    help: {
      usage: `/${word} [年份] [${shown}]`,
      summary: entry.summary,
      examples: (today: IsoDate) => [`/${word} ${today.slice(0, 4)}　${entry.plain}`, `/${word} ${today.slice(0, 4)} ${shown}　${entry.keyword.means}`],
    },
    places: ['group', 'direct'],
    permission: { roles: ['leader', 'admin'], does: entry.does },
    parse: (text: CommandText, { today }) => {
      const year = today.slice(0, 4);
      let input: YearInput = { year: undefined, flag: false };
      for (const w of text.args) {
        const y = yearOf(w, today);
        if (y !== undefined && input.year === undefined) input = { ...input, year: y };
        else if (entry.keyword.words.has(w) && !input.flag) input = { ...input, flag: true };
        else throw new AppError('invalid', `看不懂“${w.slice(0, 20)}”。可以写：/${word}、/${word} ${year}、/${word} ${year} ${shown}。`);
      }
      return input;
    },
    ...(entry.prepare ? { prepare: entry.prepare } : {}),
    run: entry.run,
  });
}

export const reportCommands = [
  yearCommand({
    words: ['stats', '统计'],
    summary: '年度统计（按行业、乡镇、人员、单位，含图表）；加“考评”看年终考评',
    keyword: { words: ASSESSMENT_WORDS, shown: '考评', means: '年终考评（完成率、及时率）' },
    plain: '本年统计',
    does: '查看统计和考评',
    run: (ctx, { year, flag }) => showStats(ctx, { year, assessment: flag }),
  }),
  yearCommand({
    words: ['export', '导出'],
    summary: '导出全年工作 Excel（公示系统录入、抽查公告、检查结果与隐患、整改复查、统计、考评、检查对象名录），私聊发送给你',
    keyword: { words: CSV_WORDS, shown: 'csv', means: '每个工作表一个 CSV 文件' },
    plain: '一个 Excel 文件',
    does: '导出全年工作记录',
    // Rendered before the transaction: the register sheet holds the whole directory.
    prepare: (ctx, { year, flag }) => prepareExport(ctx, { year, csv: flag }),
    run: (ctx, { year, flag }, prepared) => exportYear(ctx, { year, csv: flag }, prepared),
  }),
];
