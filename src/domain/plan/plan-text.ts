/**
 * The plan as an administrator writes it in the form card or on the command line: one batch per
 * line (`第一批 2026-04-01至2026-06-30 机械5家 建材10%`) and the check items as numbers
 * (`1-10`, `1、3、5`, `全部`). Read here, written back the same way (the edit form shows them).
 */
import { CHECK_ITEMS, type CheckItemCode } from '../catalog/check-items';
import { INDUSTRIES, type Industry, type IsoDate } from '../model';
import { isoDateOf } from '../workdays/dates';
import { targetWord } from './targets';
import type { PlanBatch, PlanTarget } from './types';

const NUMERALS = '一二三四五六七八九十';

/** `第一批` … `第十二批`, `第3批`. */
export function batchLabel(no: number): string {
  return `第${chineseNumber(no)}批`;
}

function chineseNumber(n: number): string {
  if (n <= 10) return NUMERALS[n - 1] ?? String(n);
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  return String(n);
}

/** The number of `第一批`, `第3批`, `批次2`; undefined for anything else. */
export function readBatchWord(word: string): number | undefined {
  const w = word.normalize('NFKC');
  const m = /^(?:第([一二三四五六七八九十]{1,2}|\d{1,2})批(?:次)?|批次([一二三四五六七八九十]{1,2}|\d{1,2}))$/.exec(w);
  if (!m) return undefined;
  const raw = m[1] ?? m[2]!;
  const n = /^\d+$/.test(raw) ? Number(raw) : fromChinese(raw);
  return n !== undefined && n > 0 ? n : undefined;
}

function fromChinese(s: string): number | undefined {
  if (s.length === 1) return s === '十' ? 10 : NUMERALS.indexOf(s) + 1 || undefined;
  if (s[0] === '十') return 10 + (NUMERALS.indexOf(s[1]!) + 1);
  return undefined;
}

/** A batch as one line of text (what {@link readBatchLines} reads). */
export function batchLine(b: PlanBatch): string {
  return [batchLabel(b.no), `${b.from}至${b.to}`, ...b.targets.map(targetWord)].join(' ');
}

export type TextResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const BATCH_EXAMPLE = '第一批 2026-04-01至2026-06-30 机械5家 建材10%';

/**
 * Reads the batches, one per line, in order: an optional label (`第一批`; when given it must be
 * the line's position), the window (`2026-04-01至2026-06-30`, or `4月1日-6月30日` in the plan's
 * year), then the targets (`机械5家`, `建材10%`). Every problem is named with its line.
 */
export function readBatchLines(text: string, year: number): TextResult<PlanBatch[]> {
  const lines = text
    .normalize('NFKC')
    .split(/\r\n|\n|\r|[;；]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const errors: string[] = [];
  const batches: PlanBatch[] = [];
  lines.forEach((line, index) => {
    const no = index + 1;
    const where = `第 ${no} 行“${line}”`;
    const words = line.split(/[\s,，、]+/).filter(Boolean);
    const label = words[0] !== undefined ? readBatchWord(words[0]) : undefined;
    if (label !== undefined) {
      words.shift();
      if (label !== no) errors.push(`${where}：批次应按顺序书写，这一行是${batchLabel(no)}（写成了${batchLabel(label)}）。`);
    }
    const windowWord = words.shift();
    const window = windowWord === undefined ? undefined : readWindowWord(windowWord, year);
    if (!window) {
      errors.push(`${where}：缺少或看不懂检查时间，应写成“2026-04-01至2026-06-30”或“4月1日-6月30日”，例如：${BATCH_EXAMPLE}`);
      return;
    }
    const targets: PlanTarget[] = [];
    for (const word of words) {
      const target = readTargetWord(word);
      if (!target) {
        errors.push(`${where}：看不懂“${word}”，抽查目标应写成 行业+家数（如 机械5家）或 行业+比例（如 建材10%），行业为：${INDUSTRIES.join('、')}。`);
        continue;
      }
      targets.push(target);
    }
    batches.push({ no, from: window.from, to: window.to, targets });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: batches };
}

/** `机械5家`, `机械5`, `建材10%`, `建材2.5%`. */
export function readTargetWord(word: string): PlanTarget | undefined {
  const m = /^(冶金|有色|建材|机械|轻工|纺织)(\d+(?:\.\d+)?)(家|%)?$/.exec(word.normalize('NFKC'));
  if (!m) return undefined;
  const value = Number(m[2]);
  const industry = m[1] as Industry;
  if (m[3] === '%') return { industry, amount: { kind: 'percent', value } };
  return Number.isInteger(value) ? { industry, amount: { kind: 'count', value } } : undefined;
}

/** `2026-04-01至2026-06-30`, `4月1日-6月30日`, `4.1-6.30` (dates without a year are in `year`). */
export function readWindowWord(word: string, year: number): { from: IsoDate; to: IsoDate } | undefined {
  const iso = /^(\d{4}-\d{1,2}-\d{1,2})[-~至到](\d{4}-\d{1,2}-\d{1,2})$/.exec(word);
  const parts = iso ? [iso[1]!, iso[2]!] : /[至到~]/.test(word) ? word.split(/[至到~]/) : word.split('-');
  if (parts.length !== 2) return undefined;
  const [from, to] = parts.map((p) => readDate(p, year));
  return from && to ? { from, to } : undefined;
}

function readDate(text: string, year: number): IsoDate | undefined {
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  const short = /^(\d{1,2})[月./](\d{1,2})日?$/.exec(text);
  if (full) return isoDateOf(Number(full[1]), Number(full[2]), Number(full[3])) ?? undefined;
  if (short) return isoDateOf(year, Number(short[1]), Number(short[2])) ?? undefined;
  return undefined;
}

/** The check items as numbers: `1-10` for all ten, else `1、3、5`. */
export function checkItemsText(codes: readonly CheckItemCode[]): string {
  const nos = CHECK_ITEMS.filter((c) => codes.includes(c.code)).map((c) => c.no);
  if (nos.length === CHECK_ITEMS.length) return `1-${CHECK_ITEMS.length}`;
  return nos.join('、');
}

/** `全部`, `1-10`, `1、3、5`, `1,2,6-8`, or the codes `CI01`. */
export function readCheckItems(text: string): TextResult<CheckItemCode[]> {
  const t = text.normalize('NFKC').trim();
  if (t === '' || t === '全部' || t === '全部事项') return { ok: true, value: CHECK_ITEMS.map((c) => c.code) };
  const chosen = new Set<number>();
  const errors: string[] = [];
  for (const part of t.split(/[\s,，、;；]+/).filter(Boolean)) {
    const code = /^CI(\d{2})$/i.exec(part);
    const range = /^(\d{1,2})(?:[-~至到](\d{1,2}))?$/.exec(part);
    const [a, b] = code ? [Number(code[1]), Number(code[1])] : range ? [Number(range[1]), Number(range[2] ?? range[1])] : [0, -1];
    if (a < 1 || b > CHECK_ITEMS.length || a > b) {
      errors.push(`抽查事项“${part}”无效：请写事项序号 1-${CHECK_ITEMS.length}，如“1-10”或“1、3、5”，或写“全部”。`);
      continue;
    }
    for (let n = a; n <= b; n++) chosen.add(n);
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: CHECK_ITEMS.filter((c) => chosen.has(c.no)).map((c) => c.code) };
}
