/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015《法人和其他组织统一社会信用代码编码规则》.
 *
 * 18 characters: 登记管理部门代码 (1) + 机构类别代码 (1) + 登记管理机关行政区划码 (6) + 主体标识码 (9,
 * the GB 11714 organization code) + 校验码 (1). The alphabet is the digits and the capital letters
 * without I, O, Z, S, V (31 characters); the 18th character is a mod-31 check character over the
 * first 17 with the weights 3^i mod 31.
 *
 * Only the alphabet, the length and the check character are enforced here; the meaning of the
 * individual segments (registering authority, area code) is not.
 */

/** The 31 characters of the code, in value order (0–30). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 (GB 32100-2015 §4.2: 3^(i-1) mod 31). */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export const USCC_LENGTH = 18;

const FORBIDDEN_LETTER_HINTS: Readonly<Record<string, string>> = {
  O: '是否应为数字 0？',
  I: '是否应为数字 1？',
  Z: '是否应为数字 2？',
  S: '是否应为数字 5？',
};

/**
 * The check character (18th) for the first 17 characters of a code.
 * @throws RangeError when the input is not 17 characters of the code's alphabet.
 */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== USCC_LENGTH - 1) {
    throw new RangeError(`usccCheckCharacter needs 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`invalid USCC character at position ${i + 1}: ${first17.charAt(i)}`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** True when `s` is exactly a valid 18-character code (upper case, no spaces). */
export function isValidUscc(s: string): boolean {
  return describeUsccError(s) === null;
}

/**
 * What is wrong with a code, in Simplified Chinese for the person who typed it, or `null` when it
 * is valid. Reports, in this order: an empty value, a value Excel turned into a number, characters
 * outside the alphabet (with their positions), a wrong length, a wrong check character.
 */
export function describeUsccError(s: string): string | null {
  if (s.length === 0) return '统一社会信用代码为空';
  const chars = Array.from(s);
  if (/^[0-9.]+E\+?[0-9]+$/i.test(s)) {
    return `「${s}」是 Excel 的科学计数法显示，统一社会信用代码已被当成数字、末尾几位已丢失：请把该列设为“文本”格式后重新填写完整的 18 位代码`;
  }
  const problems: string[] = [];
  const bad = chars.map((ch, i) => ({ ch, pos: i + 1 })).filter(({ ch }) => !USCC_CHARSET.includes(ch));
  if (bad.length > 0) {
    const listed = bad
      .slice(0, 5)
      .map(({ ch, pos }) => `第 ${pos} 位「${describeChar(ch)}」`)
      .join('、');
    const more = bad.length > 5 ? ` 等 ${bad.length} 处` : '';
    problems.push(`${listed}${more}不是合法字符${badCharHint(bad.map((b) => b.ch))}`);
  }
  if (chars.length !== USCC_LENGTH) {
    problems.push(`应为 18 位，实际为 ${chars.length} 位`);
  }
  if (problems.length > 0) return problems.join('；');
  const expected = usccCheckCharacter(s.slice(0, 17));
  const actual = s.charAt(17);
  if (expected !== actual) return `校验位（第 18 位）应为 ${expected}，实际为 ${actual}，请核对代码是否抄错`;
  return null;
}

function describeChar(ch: string): string {
  if (ch === ' ' || ch === '\u3000' || ch === '\u00a0') return '空格';
  if (ch === '\t') return '制表符';
  return ch;
}

function badCharHint(chars: string[]): string {
  const hints: string[] = [];
  if (chars.some((c) => /\s/.test(c))) hints.push('请删除空格');
  if (chars.some((c) => /[a-z]/.test(c))) hints.push('字母应为大写');
  if (chars.some((c) => /[\uFF01-\uFF5E]/.test(c))) hints.push('请改用半角字符');
  for (const [letter, hint] of Object.entries(FORBIDDEN_LETTER_HINTS)) {
    if (chars.includes(letter)) hints.push(`「${letter}」${hint}`);
  }
  const base = '（代码只使用数字 0-9 和大写字母，不含 I、O、Z、S、V）';
  return hints.length > 0 ? `${base}：${hints.join('；')}` : base;
}
