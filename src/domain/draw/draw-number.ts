/**
 * Draw numbers: `偃应急抽〔2026〕3号` (the agency's short name, 抽, the year in 六角括号 as in
 * official document numbers — GB/T 9704-2012 §7.2.4 — and the sequence of the year).
 */

/** The canonical number of a draw. */
export function drawNumber(shortName: string, year: number, seq: number): string {
  return `${shortName}抽〔${year}〕${seq}号`;
}

/** What a person wrote to name a draw: the year when given, and the sequence. */
export interface DrawRef {
  /** The agency prefix written before the year (`偃应急抽`), when there was one. */
  prefix?: string;
  year?: number;
  seq: number;
}

const OPEN = '〔\\[【（(［「〈<';
const CLOSE = '〕\\]】）)］」〉>';

/** `偃应急抽〔2026〕3号` with any bracket pair, or `〔2026〕3号`, `2026-3`, `2026年3号`, `2026/3`, `2026.3`. */
const WITH_YEAR = new RegExp(`^(.*?)[${OPEN}]?((?:19|20)\\d{2})[${CLOSE}]?(?:年|[-/.－—_])?(?:第)?(\\d{1,5})号?$`);
/** `3`, `3号`, `第3号`: the sequence of this year. */
const SEQ_ONLY = /^第?(\d{1,5})号?$/;

/**
 * Reads a draw number as people type it on a phone: the full number with any kind of brackets,
 * the year and sequence alone, or the sequence alone (meaning this year). Spaces are ignored.
 * Returns undefined when the text is not a draw number.
 */
export function parseDrawRef(text: string): DrawRef | undefined {
  // Full-width digits (２０２６) read as half-width; the brackets are matched either way.
  const compact = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  const seqOnly = SEQ_ONLY.exec(compact);
  if (seqOnly) return positive({ seq: Number(seqOnly[1]) });
  const m = WITH_YEAR.exec(compact);
  if (!m) return undefined;
  const prefix = m[1]!;
  // A year glued to other digits (`120263`) is not a year.
  if (/\d$/.test(prefix)) return undefined;
  return positive({ ...(prefix ? { prefix } : {}), year: Number(m[2]), seq: Number(m[3]) });
}

function positive(ref: DrawRef): DrawRef | undefined {
  return ref.seq > 0 ? ref : undefined;
}

/**
 * The canonical number a reference names in an agency, or a Chinese reason why it names none
 * (another agency's prefix).
 */
export function resolveDrawRef(ref: DrawRef, shortName: string, thisYear: number): { drawNo: string } | { refusal: string } {
  if (ref.prefix !== undefined && ref.prefix !== `${shortName}抽` && ref.prefix !== shortName) {
    return { refusal: `编号前缀“${ref.prefix}”不是本单位的（本单位的抽取编号形如 ${drawNumber(shortName, thisYear, 1)}）。` };
  }
  return { drawNo: drawNumber(shortName, ref.year ?? thisYear, ref.seq) };
}
