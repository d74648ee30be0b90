import type { IsoDate } from '../model';
import { type ChainCheck, GENESIS_HASH } from './audit-chain';

/**
 * Published heads of the audit chain ("anchors"): each day's entry count and the hash of the
 * last entry, posted to the bound groups and listed on `/public/audit-heads`. A copy kept
 * outside the server proves what the chain was: whoever later rewrites an entry before it (and
 * recomputes every hash after), or cuts the tail and rolls `audit_head` back, no longer has that
 * head as a prefix of his chain.
 */
export interface Anchor {
  /** The day whose end it stands for; for the head in a draw record, `抽取 <编号> 执行时`. */
  day: IsoDate;
  entryCount: number;
  hash: string;
}

/** What a walk of the stored chain found (src/db/repos/audit-repo.ts `walkAuditChain`). */
export interface ChainWalkSummary {
  check: ChainCheck;
  /** Entries stored (the highest id). */
  stored: number;
  /** The stored hashes of the anchors' entries, for those before any break. */
  hashes: ReadonlyMap<number, string>;
}

export interface AnchorReport {
  ok: boolean;
  /** One Chinese line per anchor that fails, naming the head and the entries. */
  failures: string[];
  /** Anchors confirmed. */
  confirmed: number;
  /** Entries after the newest anchor (only the chain itself vouches for them). */
  unanchored: number;
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/** Compares every anchor with the stored chain, in entry order, naming each that no longer holds. */
export function compareWithAnchors(anchors: readonly Anchor[], walk: ChainWalkSummary): AnchorReport {
  const sorted = [...anchors].sort((a, b) => a.entryCount - b.entryCount || (a.day < b.day ? -1 : 1));
  const failures: string[] = [];
  let confirmed = 0;
  let lastGood = 0;
  for (const a of sorted) {
    const label = `${DAY.test(a.day) ? `${a.day} 公布` : a.day}的链头（共 ${a.entryCount} 条，${short(a.hash)}）`;
    if (a.entryCount === 0) {
      if (a.hash === GENESIS_HASH) confirmed++;
      else failures.push(`${label}不可能存在：空日志的链头应为 64 个 0`);
      continue;
    }
    const stored = walk.hashes.get(a.entryCount);
    if (stored === a.hash) {
      confirmed++;
      lastGood = Math.max(lastGood, a.entryCount);
    } else if (stored !== undefined) {
      const range = lastGood + 1 === a.entryCount ? `第 ${a.entryCount} 条` : `第 ${lastGood + 1} 至第 ${a.entryCount} 条之间`;
      failures.push(`${label}不符：现存第 ${a.entryCount} 条的哈希是 ${short(stored)}。${range}有记录被改写，其后的哈希被重新计算过`);
    } else if (a.entryCount > walk.stored) {
      const cut = walk.stored + 1 === a.entryCount ? `第 ${a.entryCount} 条` : `第 ${walk.stored + 1} 至第 ${a.entryCount} 条`;
      failures.push(`${label}不符：日志现在只有 ${walk.stored} 条，${cut}被删除（末尾被截断，链头被回退）`);
    } else {
      const at = walk.check.ok ? '' : `在第 ${walk.check.brokenAt} 条`;
      failures.push(`${label}无法核对：哈希链${at}断裂，见上`);
    }
  }
  const newest = sorted.at(-1)?.entryCount ?? 0;
  return { ok: failures.length === 0, failures, confirmed, unanchored: Math.max(0, walk.stored - newest) };
}

const HASH = /^[0-9a-f]{64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A line of the text list (`2026-12-07 1234 <hash>`) or a group message (`审计日志 2026-12-07：共 1234 条，链头 <hash>`). */
const LINE = /(\d{4}-\d{2}-\d{2})\D*?(\d+)\D*?\b([0-9a-fA-F]{64})\b/;
const ANY_HASH = /\b[0-9a-fA-F]{64}\b/;

export type AnchorParse = { ok: true; anchors: Anchor[] } | { ok: false; reason: string };

function anchorOf(value: unknown): Anchor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const day = v.day ?? v.date;
  const entryCount = v.entryCount ?? v.count;
  const hash = typeof v.hash === 'string' ? v.hash.toLowerCase() : undefined;
  if (typeof day !== 'string' || !DAY.test(day) || typeof entryCount !== 'number' || !Number.isSafeInteger(entryCount) || entryCount < 0) return undefined;
  if (!hash || !HASH.test(hash)) return undefined;
  return { day, entryCount, hash };
}

function parseJson(text: string): AnchorParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `不是有效的 JSON：${(error as Error).message}` };
  }
  // A draw record (`draw export`, /public/draws/<id>.json) carries the head at its execution.
  const record = value as { drawNo?: unknown; auditHead?: { entryCount?: unknown; hash?: unknown } } | null;
  if (record && typeof record.drawNo === 'string' && record.auditHead) {
    const a = anchorOf({ day: '0000-00-00', ...record.auditHead });
    return a ? { ok: true, anchors: [{ ...a, day: `抽取 ${record.drawNo} 执行时` }] } : { ok: false, reason: '抽取记录的 auditHead 不完整' };
  }
  const list = Array.isArray(value) ? value : (value as { heads?: unknown })?.heads;
  if (!Array.isArray(list)) return { ok: false, reason: 'JSON 中没有 heads 列表（应为 /public/audit-heads.json 的内容）' };
  const anchors: Anchor[] = [];
  for (const [i, item] of list.entries()) {
    const a = anchorOf(item);
    if (!a) return { ok: false, reason: `heads 第 ${i + 1} 项不完整：应有 day（YYYY-MM-DD）、entryCount（非负整数）和 hash（64 位十六进制）` };
    anchors.push(a);
  }
  return { ok: true, anchors };
}

function parseText(text: string): AnchorParse {
  const anchors: Anchor[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || !ANY_HASH.test(line)) continue;
    const m = LINE.exec(line);
    if (!m)
      return {
        ok: false,
        reason: `第 ${i + 1} 行有哈希但读不出日期和条数：“${line.slice(0, 60)}”；每行应为“日期 条数 哈希”，如 2026-12-07 1234 ${'ab'.repeat(4)}…`,
      };
    anchors.push({ day: m[1]!, entryCount: Number(m[2]), hash: m[3]!.toLowerCase() });
  }
  return { ok: true, anchors };
}

/**
 * Reads published heads from the JSON of `/public/audit-heads.json` (or of a draw record, whose
 * `auditHead` is the head at its execution), the text of
 * `/public/audit-heads.txt` (or the HTML page, whose lines carry the same), or the group messages
 * copied as they are (one head per line).
 */
export function parseAnchors(text: string): AnchorParse {
  const body = text.replace(/^\uFEFF/, '').trim();
  const parsed = body.startsWith('{') || body.startsWith('[') ? parseJson(body) : parseText(body);
  if (!parsed.ok) return parsed;
  if (parsed.anchors.length === 0) {
    return { ok: false, reason: '没有找到任何链头：应为 /public/audit-heads.json 或 .txt 的内容，或群里“审计日志 …：共 N 条，链头 …”的消息' };
  }
  // The HTML page lists each head twice (table and text); a head is checked once.
  const seen = new Set<string>();
  return {
    ok: true,
    anchors: parsed.anchors.filter((a) => !seen.has(`${a.day} ${a.entryCount} ${a.hash}`) && !!seen.add(`${a.day} ${a.entryCount} ${a.hash}`)),
  };
}

/** The text list of `/public/audit-heads.txt`: a comment line, then `day count hash` per line, oldest first. */
export function anchorsText(anchors: readonly Anchor[]): string {
  const lines = ['# 审计日志每日链头：日期 条数 链头哈希。核对：npm run cli -- audit verify --anchors <本文件或其地址>'];
  for (const a of anchors) lines.push(`${a.day} ${a.entryCount} ${a.hash}`);
  return `${lines.join('\n')}\n`;
}

/** The group message that publishes a day's head (parseAnchors reads it back from a copy). */
export function anchorMessage(a: Anchor, listUrl: string): string {
  return `审计日志 ${a.day}：共 ${a.entryCount} 条，链头 ${a.hash}。请勿删除本消息：它是日志未被改写的凭证，全部链头见 ${listUrl}`;
}
