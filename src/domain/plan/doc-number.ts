/**
 * 文号 of a plan: `偃应急〔2023〕18号` — the issuing agency's short name, the year in 六角括号
 * (GB/T 9704-2012 §7.2.4) and the number of the year. People type other brackets on a phone.
 */

const OPEN = '〔\\[【（(［';
const CLOSE = '〕\\]】）)］';
const DOC_NO = new RegExp(`^([^\\d\\s${OPEN}${CLOSE}]{1,20})[${OPEN}]((?:19|20)\\d{2})[${CLOSE}]第?(\\d{1,4})号$`);

/**
 * The canonical document number (`偃应急〔2023〕18号`) of what a person wrote with any bracket
 * pair, full-width digits and spaces; undefined when it is not a document number.
 */
export function readDocNo(text: string): string | undefined {
  const compact = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  const m = DOC_NO.exec(compact);
  if (!m) return undefined;
  const n = Number(m[3]);
  return n > 0 ? `${m[1]}〔${m[2]}〕${n}号` : undefined;
}

/** Whether a word looks like a document number at all (brackets around a year): then a bad one is refused, not read as something else. */
export function looksLikeDocNo(text: string): boolean {
  return new RegExp(`[${OPEN}]\\s*(?:19|20)\\d{2}\\s*[${CLOSE}]`).test(text.normalize('NFKC'));
}

/** An example number for messages, of the year they are shown in. */
export function docNoExample(year: number): string {
  return `偃应急〔${year}〕18号`;
}
