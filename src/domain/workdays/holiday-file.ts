/**
 * Parser for the holiday override file an administrator writes when 国务院办公厅 publishes the
 * next year's schedule (《关于YYYY年部分节假日安排的通知》, usually in Oct–Dec), so that deadlines
 * in that year stop being provisional before the built-in data (`holiday-data.ts`) is updated.
 *
 * A file describes ONE year completely: every day off (放假, including the Saturdays/Sundays
 * inside a block, as in the notice's “共8天”) and every 调休 working weekend day (上班). Days not
 * listed follow the plain rule (Mon–Fri work, Sat/Sun rest). A parsed file therefore also
 * declares the year complete: pass `result.calendarOverrides` to `createWorkdayCalendar`.
 *
 * ## CSV (UTF-8, with or without BOM; what Excel/WPS "CSV UTF-8" saves)
 *
 * ```csv
 * # 国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）
 * 年份,2027
 * 日期,类型,名称
 * 2027-01-01,放假,元旦
 * 2027-01-02,放假,元旦
 * 2027-01-03,放假,元旦
 * 2027-02-06,上班,春节调休
 * ```
 *
 * - The year is given once, by a line `年份,2027` or a comment `# year: 2027` (also
 *   `# 年份：2027`), before the header line.
 * - Then the header `日期,类型,名称` (the 名称 column may be left out entirely).
 * - One date per line: 日期 `YYYY-MM-DD`; 类型 `放假` or `上班`; 名称 required for 放假
 *   (e.g. 元旦, 春节), optional for 上班. Fields may be wrapped in double quotes.
 * - Lines starting with `#` are comments (`# source: …` / `# 来源：…` is kept as the source);
 *   blank lines are ignored.
 *
 * ## JSON
 *
 * ```json
 * { "year": 2027, "source": "国办发明电〔2026〕X号",
 *   "days": [{ "date": "2027-01-01", "type": "放假", "name": "元旦" },
 *            { "date": "2027-02-06", "type": "上班" }] }
 * ```
 *
 * ## Validation (all or nothing)
 *
 * Every line is checked and every problem reported, each in Simplified Chinese with the line
 * (CSV) or item (JSON) and how to fix it; if there is any error nothing is returned to apply.
 * Rejected: invalid dates; dates outside the year (except December of the previous year, since an
 * 元旦 block may start there — the 2019 notice had 2018-12-29 上班 and 2018-12-31 放假);
 * duplicate dates; a 类型 other than 放假/上班; 放假 without a name; a name longer than 20
 * characters or with control characters; 上班 on a Monday–Friday (already a working day:
 * almost certainly a typo); a file with no 放假 day at all.
 */
import type { IsoDate } from '../model';
import type { CalendarOverride, HolidayOverride } from './calendar';
import { splitCsvLine, trimTrailingEmpty } from './csv-line';
import { isWeekend, parseIsoDate, weekdayNameZh } from './dates';

export type HolidayFileResult =
  | {
      ok: true;
      year: number;
      /** The listed days, sorted by date. */
      overrides: HolidayOverride[];
      /** `overrides` plus `{ year, complete: true }`: what `createWorkdayCalendar` takes. */
      calendarOverrides: CalendarOverride[];
      /** Notice named in the file (`# source:` line or JSON `source`), if any. */
      source?: string;
    }
  | { ok: false; errors: string[] };

/** Accepted years in a file (catches typos such as 2207). */
export const HOLIDAY_FILE_MIN_YEAR = 2000;
export const HOLIDAY_FILE_MAX_YEAR = 2100;
const MAX_NAME_LENGTH = 20;

const TYPE_TO_KIND: Record<string, HolidayOverride['kind']> = { 放假: 'holiday', 上班: 'workday' };

/** Parses a CSV or JSON override file (JSON when the text starts with `{` or `[`). */
export function parseHolidayFile(text: string): HolidayFileResult {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return { ok: false, errors: ['文件为空：请按“年份,2027”、“日期,类型,名称”的格式填写。'] };
  }
  return /^[{[]/.test(body.trimStart()) ? parseJson(body) : parseCsv(body);
}

interface RawEntry {
  /** 第 3 行 / days 第 2 项 */
  where: string;
  date: string;
  type: string;
  name: string;
}

function parseCsv(text: string): HolidayFileResult {
  const errors: string[] = [];
  const entries: RawEntry[] = [];
  let year: number | undefined;
  let yearLine = 0;
  let headerSeen = false;
  let source: string | undefined;

  const declareYear = (raw: string, lineNo: number): void => {
    if (yearLine !== 0) {
      errors.push(`第 ${lineNo} 行：年份重复声明（第 ${yearLine} 行已声明），请只保留一行年份。`);
      return;
    }
    yearLine = lineNo;
    if (entries.length > 0 || headerSeen) {
      errors.push(`第 ${lineNo} 行：年份应写在表头“日期,类型,名称”之前。`);
    }
    const y = parseYear(raw);
    if (y === undefined) errors.push(`第 ${lineNo} 行：${yearProblem(raw)}`);
    else year = y;
  };

  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((rawLine, index) => {
    const lineNo = index + 1;
    const line = rawLine.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s*(year|年份)\s*[:：]\s*(.*)$/i.exec(line);
      if (m) declareYear((m[2] ?? '').trim(), lineNo);
      const s = /^#\s*(source|来源)\s*[:：]\s*(.+)$/i.exec(line);
      if (s) source = (s[2] ?? '').trim();
      return;
    }
    const split = splitCsvLine(line);
    if (!split.ok) {
      errors.push(`第 ${lineNo} 行：${split.error}`);
      return;
    }
    const cells = trimTrailingEmpty(split.cells);
    if (cells.length === 0) return;
    if (cells.length === 1 && line.includes('，')) {
      errors.push(`第 ${lineNo} 行：请用英文逗号“,”分隔各列，不要用中文逗号“，”。`);
      return;
    }
    const first = cells[0] ?? '';
    if (first === '年份') {
      declareYear(cells.length === 2 ? (cells[1] ?? '') : cells.slice(1).join(','), lineNo);
      return;
    }
    if (first === '日期') {
      if (headerSeen) {
        errors.push(`第 ${lineNo} 行：表头重复，请删除多余的“日期,类型,名称”行。`);
      } else if (!isHeader(cells)) {
        errors.push(`第 ${lineNo} 行：表头应为“日期,类型,名称”，实际为“${cells.join(',')}”。`);
      }
      headerSeen = true;
      return;
    }
    if (!headerSeen) {
      errors.push(`第 ${lineNo} 行：在表头“日期,类型,名称”之前出现了数据，请先写表头。`);
      return;
    }
    if (cells.length > 3) {
      errors.push(`第 ${lineNo} 行：有 ${cells.length} 列，应为 3 列（日期,类型,名称）；名称中如有英文逗号请改用顿号“、”。`);
      return;
    }
    entries.push({
      where: `第 ${lineNo} 行`,
      date: cells[0] ?? '',
      type: cells[1] ?? '',
      name: cells[2] ?? '',
    });
  });

  if (yearLine === 0) {
    errors.unshift('缺少年份：请在表头前加一行“年份,2027”（或“# year: 2027”）。');
  }
  if (!headerSeen && errors.length === 0) {
    errors.push('缺少表头：请在日期行之前加一行“日期,类型,名称”。');
  }
  return finish(year, entries, errors, source);
}

function parseJson(text: string): HolidayFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [`JSON 格式错误：${detail}。请检查括号、引号和逗号。`] };
  }
  if (!isRecord(data)) {
    return { ok: false, errors: ['JSON 顶层应为对象：{ "year": 2027, "days": [...] }。'] };
  }
  const errors: string[] = [];
  for (const key of Object.keys(data)) {
    if (!['year', 'days', 'source'].includes(key)) {
      errors.push(`JSON：未知字段“${key}”，只允许 year、days、source。`);
    }
  }
  let year: number | undefined;
  const rawYear = data['year'];
  if (rawYear === undefined) {
    errors.push('JSON：缺少 year，请写成 "year": 2027。');
  } else {
    year = parseYear(String(rawYear));
    if (year === undefined) errors.push(`JSON：${yearProblem(String(rawYear))}`);
  }
  let source: string | undefined;
  if (data['source'] !== undefined) {
    if (typeof data['source'] === 'string' && data['source'].trim() !== '') {
      source = data['source'].trim();
    } else errors.push('JSON：source 应为文字，例如 "国办发明电〔2026〕X号"。');
  }
  const entries: RawEntry[] = [];
  const days = data['days'];
  if (!Array.isArray(days)) {
    errors.push('JSON：缺少 days 数组，请写成 "days": [{ "date": "2027-01-01", "type": "放假", "name": "元旦" }]。');
  } else {
    days.forEach((item: unknown, i) => {
      const where = `days 第 ${i + 1} 项`;
      if (!isRecord(item)) {
        errors.push(`${where}：应为对象 { "date": ..., "type": ..., "name": ... }。`);
        return;
      }
      for (const key of Object.keys(item)) {
        if (!['date', 'type', 'name'].includes(key)) {
          errors.push(`${where}：未知字段“${key}”，只允许 date、type、name。`);
        }
      }
      const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : v === undefined ? '' : String(v));
      entries.push({ where, date: str(item['date']), type: str(item['type']), name: str(item['name']) });
    });
  }
  return finish(year, entries, errors, source);
}

/** Validates the entries against the year; returns the result or all errors. */
function finish(year: number | undefined, entries: RawEntry[], errors: string[], source: string | undefined): HolidayFileResult {
  const overrides: HolidayOverride[] = [];
  const seen = new Map<IsoDate, string>();
  for (const e of entries) {
    const o = checkEntry(e, year, errors);
    if (!o) continue;
    const previous = seen.get(o.date);
    if (previous !== undefined) {
      errors.push(`${e.where}：日期 ${o.date} 重复（${previous}已填写），每个日期只能出现一次。`);
      continue;
    }
    seen.set(o.date, e.where);
    overrides.push(o);
  }
  if (errors.length === 0 && entries.length === 0) {
    errors.push('文件中没有任何日期：请按“日期,类型,名称”逐行列出放假和调休上班的日期。');
  } else if (errors.length === 0 && !overrides.some((o) => o.kind === 'holiday')) {
    errors.push('文件中没有任何“放假”日期：请列出通知中的全部放假日期（含假期中的周六、周日）。');
  }
  if (errors.length > 0 || year === undefined) return { ok: false, errors };
  overrides.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const result: HolidayFileResult = {
    ok: true,
    year,
    overrides,
    calendarOverrides: [{ year, complete: true }, ...overrides],
  };
  if (source !== undefined) result.source = source;
  return result;
}

function checkEntry(e: RawEntry, year: number | undefined, errors: string[]): HolidayOverride | null {
  const before = errors.length;
  const { where, date, type, name } = e;
  const parts = date === '' ? null : parseIsoDate(date);
  if (date === '') errors.push(`${where}：缺少日期，应为 YYYY-MM-DD（例如 2027-01-01）。`);
  else if (!parts) errors.push(`${where}：日期“${date}”无效，应为 YYYY-MM-DD（例如 2027-01-01），且须是真实存在的日期。`);
  else if (year !== undefined && !(parts.year === year || (parts.year === year - 1 && parts.month === 12))) {
    errors.push(`${where}：日期“${date}”不属于 ${year} 年；只能填写 ${year} 年的日期（元旦假期跨年时可含 ${year - 1} 年 12 月的日期）。`);
  }
  const kind = TYPE_TO_KIND[type];
  if (type === '') errors.push(`${where}：缺少类型，应为“放假”或“上班”。`);
  else if (!kind) errors.push(`${where}：类型“${type}”无效，应为“放假”或“上班”。`);
  if (kind === 'holiday' && name === '') {
    errors.push(`${where}：放假日期缺少名称，请填写节日名称，例如“元旦”“春节”。`);
  }
  if (name.length > MAX_NAME_LENGTH) {
    errors.push(`${where}：名称“${name}”过长，最多 ${MAX_NAME_LENGTH} 个字，例如“中秋节、国庆节”。`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    errors.push(`${where}：名称含有不可见的控制字符，请重新输入名称。`);
  }
  if (kind === 'workday' && parts && !isWeekend(date)) {
    errors.push(`${where}：${date} 是${weekdayNameZh(date)}，本来就是工作日；“上班”只用于调休上班的星期六、星期日，请检查日期。`);
  }
  if (errors.length > before || !kind || !parts) return null;
  const o: HolidayOverride = { date, kind };
  if (name !== '') o.name = name;
  return o;
}

function parseYear(raw: string): number | undefined {
  if (!/^\d{4}$/.test(raw.trim())) return undefined;
  const y = Number(raw.trim());
  return y >= HOLIDAY_FILE_MIN_YEAR && y <= HOLIDAY_FILE_MAX_YEAR ? y : undefined;
}

function yearProblem(raw: string): string {
  return raw.trim() === ''
    ? '年份为空，请写四位数字年份，例如 2027。'
    : `年份“${raw}”无效，应为 ${HOLIDAY_FILE_MIN_YEAR}–${HOLIDAY_FILE_MAX_YEAR} 之间的四位数字，例如 2027。`;
}

function isHeader(cells: string[]): boolean {
  return cells[0] === '日期' && cells[1] === '类型' && (cells.length === 2 || (cells.length === 3 && cells[2] === '名称'));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
