import { checkGroupSize } from '../../domain/draw/policy';
import { isoDateOf } from '../../domain/workdays/dates';
import { INDUSTRIES, type IsoDate, type RiskLevel } from '../../domain/model';
import type { DrawFilters, QuotaSpec } from '../../domain/draw/types';
import { AppError } from '../use-case';
import { docNoExample, looksLikeDocNo, readBatchWord, readDocNo } from '../../domain/plan';
import type { PrepareDrawInput } from '../use-cases/prepare-draw';

/** Splits on ASCII/full-width spaces and list punctuation. */
export function listTokens(text: string): string[] {
  return text.split(/[\s\u3000,，、;；]+/).filter(Boolean);
}

const RISK_WORDS: Record<string, RiskLevel> = { 高风险: '高', 较高风险: '较高', 一般风险: '一般', 低风险: '低' };

/**
 * Next month as an inspection window, valid on `today`: without a year when next month is in
 * this year (as people write it), and always in full (a yearless window in December would be
 * read as this year's, already over).
 */
function nextMonthWindow(today: IsoDate): { short?: string; full: string } {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const [ny, nm] = m === 12 ? [y + 1, 1] : [y, m + 1];
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  const full = `${ny}-${pad(nm)}-01至${ny}-${pad(nm)}-${pad(last)}`;
  return ny === y ? { short: `${nm}月1日-${nm}月${last}日`, full } : { full };
}

/** An example of `/draw` that is valid on `today`: its window is next month. */
export function drawExample(today: IsoDate): string {
  const w = nextMonthWindow(today);
  return `/draw 冶金 建材 10家 每组2人 ${w.short ?? w.full}`;
}

/** How to write a window, with examples valid on `today`. */
function windowForms(today: IsoDate): string {
  const w = nextMonthWindow(today);
  return w.short ? `应为“${w.short}”或“${w.full}”` : `应为“${w.full}”`;
}

/** What one word of a `/draw` command is. */
type DrawWord =
  | { kind: 'industry'; industry: string }
  | { kind: 'industryQuota'; industry: string; count: number }
  | { kind: 'risk'; level: RiskLevel }
  | { kind: 'riskRatio'; level: RiskLevel; ratio: number }
  | { kind: 'count'; count: number }
  | { kind: 'groupSize'; size: number }
  | { kind: 'expertise' }
  | { kind: 'directed' }
  | { kind: 'uscc'; uscc: string }
  | { kind: 'township'; township: string }
  | { kind: 'window'; text: string }
  | { kind: 'planWord' }
  | { kind: 'docNo'; docNo: string }
  | { kind: 'badDocNo'; text: string }
  | { kind: 'tooLarge'; text: string }
  | { kind: 'batch'; no: number };

/** Above any directory's size (the domain's limit on a count): said as too large, not as “not a positive integer”. */
const LARGEST_COUNT = 100_000_000;

function readWord(raw: string): DrawWord | undefined {
  if (raw === '计划') return { kind: 'planWord' };
  const plan = raw.replace(/^计划/, '');
  if (looksLikeDocNo(plan)) {
    const docNo = readDocNo(plan);
    return docNo ? { kind: 'docNo', docNo } : { kind: 'badDocNo', text: raw };
  }
  const batch = readBatchWord(raw);
  if (batch !== undefined) return { kind: 'batch', no: batch };
  const industryQuota = /^(冶金|有色|建材|机械|轻工|纺织)(\d+)家?$/.exec(raw);
  const number = industryQuota?.[2] ?? /^(\d+)家?$|^每组(\d+)人$/.exec(raw)?.slice(1).find(Boolean);
  if (number !== undefined && Number(number) > LARGEST_COUNT) return { kind: 'tooLarge', text: raw };
  const riskRatio = /^(高风险|较高风险|一般风险|低风险)(\d+(?:\.\d+)?)%$/.exec(raw);
  const count = /^(\d+)家?$/.exec(raw);
  const perGroup = /^每组(\d+)人$/.exec(raw);
  if ((INDUSTRIES as readonly string[]).includes(raw)) return { kind: 'industry', industry: raw };
  if (industryQuota) return { kind: 'industryQuota', industry: industryQuota[1]!, count: Number(industryQuota[2]) };
  if (RISK_WORDS[raw]) return { kind: 'risk', level: RISK_WORDS[raw]! };
  if (riskRatio) return { kind: 'riskRatio', level: RISK_WORDS[riskRatio[1]!]!, ratio: Number(riskRatio[2]) / 100 };
  if (count) return { kind: 'count', count: Number(count[1]) };
  if (perGroup) return { kind: 'groupSize', size: Number(perGroup[1]) };
  if (raw === '需专长' || raw === '专长') return { kind: 'expertise' };
  if (raw === '定向') return { kind: 'directed' };
  if (/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(raw)) return { kind: 'uscc', uscc: raw };
  if (/(镇|乡|街道)$/.test(raw)) return { kind: 'township', township: raw };
  if (/\d/.test(raw) && /[-－~～至到]/.test(raw)) return { kind: 'window', text: raw };
  return undefined;
}

/**
 * Reads the words after `/draw`. `today` resolves dates written without a year (“6月1日”).
 * Bad input throws with what was wrong and a correct example; input that can be read two ways
 * throws a question that shows both readings and the exact text to send. Nothing is guessed.
 */
export function parseDraw(body: string, today: IsoDate): PrepareDrawInput {
  // Full-width digits, letters and ％ (１０家, ３０％) read as half-width.
  const args = listTokens(body.normalize('NFKC'));
  const example = drawExample(today);
  const bad = (message: string): never => {
    throw new AppError('invalid', `${message}\n正确示例：${example}`);
  };
  const ask = (question: string): never => {
    throw new AppError('invalid', question);
  };
  const resend = (words: readonly string[]) => `/draw ${words.join(' ')}`;
  const words = args.map((raw) => {
    const word = readWord(raw);
    if (!word) {
      return bad(
        `看不懂“${raw}”。可以写：行业（${INDUSTRIES.join('、')}）、数量（如 10家）、每组人数（如 每组2人）、检查期（如 ${example.split(' ').at(-1)}）、风险等级（如 高风险）、乡镇街道名称、定向 加统一社会信用代码、计划文号（如 计划 ${docNoExample(Number(today.slice(0, 4)))}）、批次（如 第一批）。`,
      );
    }
    return word;
  });
  const of = <K extends DrawWord['kind']>(kind: K) => words.filter((w): w is Extract<DrawWord, { kind: K }> => w.kind === kind);

  const counts = words.flatMap((w, i) => (w.kind === 'count' ? [i] : []));
  if (counts.length > 1) {
    // “冶金 2家 建材 3家”: each count follows an industry, so per-industry quotas are the likely
    // reading; but “2家” alone is a total, so ask rather than keep the last.
    const afterIndustry = counts.every((i) => words[i - 1]?.kind === 'industry');
    if (afterIndustry) {
      const merged = args.flatMap((raw, i) =>
        words[i + 1]?.kind === 'count' && words[i]!.kind === 'industry' ? [] : counts.includes(i) ? [`${args[i - 1]}${raw}`] : [raw],
      );
      return ask(
        `“${args.join(' ')}”里写了 ${counts.length} 个数量，可以理解为分行业数量，也可能写错了总数。\n如果要分行业抽取，请发送：${resend(merged)}\n如果要一共抽取若干家，请只写一个数量，例如：${resend(args.filter((_, i) => !counts.includes(i) || i === counts[0]))}`,
      );
    }
    return bad(`写了 ${counts.length} 个数量（${counts.map((i) => args[i]).join('、')}），总数只能写一个。`);
  }
  const tooLarge = of('tooLarge')[0];
  if (tooLarge) return bad(`“${tooLarge.text}”中的数字太大：抽取数量应在本局名录的企业数以内，每组人数应在执法人员数以内。`);
  const badDocNo = of('badDocNo')[0];
  if (badDocNo) return bad(`计划文号“${badDocNo.text}”写法不对，应写成“${docNoExample(Number(today.slice(0, 4)))}”（简称、〔年份〕、序号、号）。`);
  for (const [kind, what] of [
    ['groupSize', '每组人数'],
    ['window', '检查期'],
    ['docNo', '计划文号'],
    ['batch', '批次'],
  ] as const) {
    const found = words.flatMap((w, i) => (w.kind === kind ? [args[i]] : []));
    if (found.length > 1) return bad(`写了 ${found.length} 个${what}（${found.join('、')}），只能写一个。`);
  }

  const windowWord = of('window')[0];
  let window: { from: IsoDate; to: IsoDate } | undefined;
  if (windowWord) {
    const read = readWindow(windowWord.text, today);
    if ('problem' in read) return bad(read.problem);
    if ('readings' in read) {
      const at = words.indexOf(windowWord);
      return ask(
        [
          read.question,
          ...read.readings.map((r) => `${r.label}，请发送：${resend(args.map((a, i) => (i === at ? `${r.window.from}至${r.window.to}` : a)))}`),
        ].join('\n'),
      );
    }
    window = read.window;
  }

  const directed = of('directed').length > 0;
  const usccs = of('uscc').map((w) => w.uscc);
  const total = of('count')[0]?.count;
  const byIndustry = Object.fromEntries(of('industryQuota').map((w) => [w.industry, w.count]));
  const byRiskRatio: Partial<Record<RiskLevel, number>> = Object.fromEntries(of('riskRatio').map((w) => [w.level, w.ratio]));
  const groupSize = of('groupSize')[0]?.size;
  if (directed && usccs.length === 0) return bad('“定向”抽取需要列出企业的统一社会信用代码。');
  if (!directed && usccs.length > 0) return bad('列出企业代码时请加上“定向”二字。');
  const quotaKinds = [total !== undefined, Object.keys(byIndustry).length > 0, Object.keys(byRiskRatio).length > 0].filter(Boolean).length;
  if (quotaKinds === 0 && !directed) return bad('请写明抽取数量，例如“10家”，或分行业数量“冶金3家 建材5家”，或按风险比例“高风险30%”。');
  if (quotaKinds > 1) return bad('数量只能用一种写法：总数（10家）、分行业（冶金3家）或风险比例（高风险30%），不能混用。');
  const tooSmall = groupSize === undefined ? null : checkGroupSize(groupSize);
  if (tooSmall) return bad(tooSmall.reason);
  const filters: DrawFilters = {};
  const industries = of('industry').map((w) => w.industry);
  const townships = of('township').map((w) => w.township);
  const riskLevels = of('risk').map((w) => w.level);
  if (industries.length) filters.industries = industries;
  if (townships.length) filters.townships = townships;
  if (riskLevels.length) filters.riskLevels = riskLevels;
  if (usccs.length) filters.usccs = usccs;
  const quotas: QuotaSpec = Object.keys(byIndustry).length ? { byIndustry } : Object.keys(byRiskRatio).length ? { byRiskRatio } : (total ?? usccs.length);
  if (of('planWord').length > 0 && of('docNo').length === 0) return bad(`“计划”后面请写计划文号，例如：计划 ${docNoExample(Number(today.slice(0, 4)))}。`);
  const docNo = of('docNo')[0]?.docNo;
  const batch = of('batch')[0]?.no;
  const plan = docNo !== undefined || batch !== undefined ? { ...(docNo ? { docNo } : {}), ...(batch !== undefined ? { batch } : {}) } : undefined;
  return { filters, quotas, groupSize, requireExpertise: of('expertise').length > 0 ? true : undefined, window, ...(plan ? { plan } : {}) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

type Window = { from: IsoDate; to: IsoDate };

/** A window read, refused, or read two ways (then the person is asked which). */
export type WindowReading = { window: Window } | { problem: string } | { question: string; readings: Array<{ label: string; window: Window }> };

/**
 * Reads “6月1日-6月30日”, “2026-06-01至2026-06-30”, “6.1-6.30”. A date without a year is this
 * year's; where that gives a window that ends before it starts, or one already over, the window
 * could be meant otherwise (across the new year, the dates swapped, next year), so the reading
 * is a question, never a guess.
 */
export function readWindow(text: string, today: IsoDate): WindowReading {
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})[-－](\d{4}-\d{1,2}-\d{1,2})$/.exec(text);
  const parts = iso ? [iso[1]!, iso[2]!] : /[至到~～]/.test(text) ? text.split(/[至到~～]/) : text.split(/[-－]/);
  if (parts.length !== 2) return { problem: `检查期“${text}”写法不对，${windowForms(today)}。` };
  const year = Number(today.slice(0, 4));
  const dates = parts.map((p) => parseDate(p.trim(), year));
  if (dates.some((d) => d === undefined)) return { problem: `检查期“${text}”里的日期无效（如 2月30日 并不存在），${windowForms(today)}。` };
  const [a, b] = dates as [{ date: IsoDate; yearless: boolean }, { date: IsoDate; yearless: boolean }];
  const nextYear = (d: IsoDate): IsoDate => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;
  if (b.date < a.date) {
    const readings: Array<{ label: string; window: Window }> = [];
    if (b.yearless && a.date.slice(0, 4) === b.date.slice(0, 4) && nextYear(b.date) >= today) {
      readings.push({ label: `如果是跨年的检查期（${a.date} 至 ${nextYear(b.date)}）`, window: { from: a.date, to: nextYear(b.date) } });
    }
    if (b.date >= today) readings.push({ label: `如果开始和结束写反了（${b.date} 至 ${a.date}）`, window: { from: b.date, to: a.date } });
    if (readings.length === 0) return { problem: `检查期“${text}”的结束日早于开始日，${windowForms(today)}。` };
    return { question: `检查期“${text}”的结束日早于开始日。`, readings };
  }
  if (b.date < today) {
    if (a.yearless && b.yearless) {
      const next = { from: nextYear(a.date), to: nextYear(b.date) };
      return { question: `检查期“${text}”按今年算已经过去（今天是 ${today}）。`, readings: [{ label: `如果是指 ${next.from.slice(0, 4)} 年`, window: next }] };
    }
    return { problem: `检查期“${text}”已经过去（今天是 ${today}）。` };
  }
  return { window: { from: a.date, to: b.date } };
}

function parseDate(text: string, year: number): { date: IsoDate; yearless: boolean } | undefined {
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  const short = /^(\d{1,2})[月./](\d{1,2})日?$/.exec(text);
  const [y, mo, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : short ? [year, Number(short[1]), Number(short[2])] : [0, 0, 0];
  const date = y ? isoDateOf(y, mo, d) : null;
  return date ? { date, yearless: !full } : undefined;
}
