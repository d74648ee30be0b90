import type { PublicResultCursor, PublicResultFilter } from '../app/ports/public-record';
import { RESULT_CATEGORIES } from '../domain/catalog/result-categories';

/** What a results request asks for, read from its query string. */
export interface PublicQuery {
  filter: PublicResultFilter;
  after?: PublicResultCursor;
  before?: PublicResultCursor;
  /** Results per page (default {@link DEFAULT_PAGE_SIZE}); undefined for a CSV of everything from the cursor on. */
  limit?: number;
  /** The draw announcements shown start below this id. */
  drawsBefore?: number;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const MAX_ID = 2_147_483_647;

/** A request the page refuses: 400 with this Chinese message. */
export class PublicQueryError extends Error {}

/** The parameters this page reads; others (such as those a messenger adds to a shared link) are ignored. */
const KNOWN = ['q', 'industry', 'township', 'year', 'result', 'agency', 'after', 'before', 'limit', 'draws_before'] as const;
type Known = (typeof KNOWN)[number];

const LABELS: Record<Known, string> = {
  q: '查询内容（q）',
  industry: '行业（industry）',
  township: '乡镇/街道（township）',
  year: '年份（year）',
  result: '检查结果（result）',
  agency: '检查实施机关（agency）',
  after: '分页位置（after）',
  before: '分页位置（before）',
  limit: '每页条数（limit）',
  draws_before: '公告分页位置（draws_before）',
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)~(\d{1,10})$/;

function text(name: Known, raw: string, max: number): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  if (CONTROL.test(value) || value.includes('\ufffd')) throw new PublicQueryError(`${LABELS[name]}含有无法识别的字符，请重新输入。`);
  if ([...value].length > max) throw new PublicQueryError(`${LABELS[name]}太长：最多 ${max} 个字。`);
  return value;
}

function integer(name: Known, raw: string, min: number, max: number, example: string): number | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const n = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) throw new PublicQueryError(`${LABELS[name]}“${value.slice(0, 20)}”无效：应为 ${min}–${max} 之间的整数，例如 ${example}。`);
  return n;
}

/** A cursor `2026-03-05T02:00:00.123456Z~42`, checked down to a real instant (a wrong one never reaches the database). */
export function parseCursor(name: Known, raw: string): PublicResultCursor | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const m = CURSOR.exec(value);
  const at = m ? new Date(m[1]!) : undefined;
  const id = m ? Number(m[2]) : 0;
  if (!m || !at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 23) !== m[1]!.slice(0, 23) || id < 1 || id > MAX_ID) {
    throw new PublicQueryError(`${LABELS[name]}无效：请使用页面上的“上一页”“下一页”链接翻页。`);
  }
  return { publishedAt: m[1]!, id };
}

export const formatCursor = (c: PublicResultCursor): string => `${c.publishedAt}~${c.id}`;

function resultCode(raw: string): string | undefined {
  const value = text('result', raw, 40);
  if (value === undefined) return undefined;
  const category = RESULT_CATEGORIES.find((c) => c.code === value || c.label === value);
  if (!category) throw new PublicQueryError(`检查结果“${value}”无效：可选 ${RESULT_CATEGORIES.map((c) => c.label).join('、')}。`);
  return category.code;
}

/**
 * Reads a results request from its URL. Percent-decoding never throws here (URLSearchParams
 * turns a broken sequence into U+FFFD, refused as unreadable); every value is bounded before it
 * reaches a query. Throws PublicQueryError with the Chinese reason.
 */
export function parsePublicQuery(url: string, options: { thisYear: number }): PublicQuery {
  const params = new URL(url).searchParams;
  const one = (name: Known): string => {
    const all = params.getAll(name);
    if (all.length > 1) throw new PublicQueryError(`${LABELS[name]}只能给一次。`);
    return all[0] ?? '';
  };
  for (const name of KNOWN) one(name);
  const year = integer('year', one('year'), 2000, options.thisYear + 1, String(options.thisYear));
  const agencyId = integer('agency', one('agency'), 1, MAX_ID, '1');
  const filter: PublicResultFilter = {
    q: text('q', one('q'), 50),
    industry: text('industry', one('industry'), 20),
    township: text('township', one('township'), 40),
    year,
    result: resultCode(one('result')),
    agencyId,
  };
  for (const key of Object.keys(filter) as Array<keyof PublicResultFilter>) if (filter[key] === undefined) delete filter[key];
  const after = parseCursor('after', one('after'));
  const before = parseCursor('before', one('before'));
  if (after && before) throw new PublicQueryError('after 和 before 不能同时使用：请使用页面上的“上一页”“下一页”链接翻页。');
  return {
    filter,
    ...(after ? { after } : {}),
    ...(before ? { before } : {}),
    limit: integer('limit', one('limit'), 1, MAX_PAGE_SIZE, String(DEFAULT_PAGE_SIZE)),
    drawsBefore: integer('draws_before', one('draws_before'), 1, MAX_ID, '10'),
  };
}

/** The query string of a filter (and optional page), for links that keep it. */
export function queryString(filter: PublicResultFilter, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  const put = (k: string, v: string | number | undefined) => v !== undefined && v !== '' && params.set(k, String(v));
  put('q', filter.q);
  put('industry', filter.industry);
  put('township', filter.township);
  put('year', filter.year);
  put('result', filter.result);
  put('agency', filter.agencyId);
  for (const [k, v] of Object.entries(extra)) put(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}
