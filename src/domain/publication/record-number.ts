/**
 * The 国家企业信用信息公示系统（河南） record number an officer gives when marking a result
 * published (“谁检查、谁录入、谁公开”).
 *
 * No public specification of this number exists (shared/research/domain-rules.md §3.4: the
 * 部门协同监管平台's data standard is not public). What the sources show (§3.2) is that a
 * 抽查检查 entry is identified by a task number such as “浙工商抽查[2017]1号” (机关简称 + 抽查 +
 * 〔年度〕 + 序号) or an internal serial (ZhejiangMicroEnt's `InnerCode`, digits). So the check
 * is loose on purpose, and only refuses what cannot be a record number (“已公示”, “无”, “ok”, a
 * sentence): 4 to 64 characters of Chinese, Latin letters, digits and the separators people
 * copy with such numbers (- _ / . 〔〕[]()（）【】), at least 4 of them digits (a year or a serial).
 */
export const RECORD_NUMBER_MIN = 4;
export const RECORD_NUMBER_MAX = 64;
const MIN_DIGITS = 4;
const ALLOWED = /^[\p{Script=Han}A-Za-z0-9\-_/.〔〕[\]()（）【】]+$/u;

export const RECORD_NUMBER_SHAPE = `${RECORD_NUMBER_MIN}–${RECORD_NUMBER_MAX} 个字符，由汉字、字母、数字和 - _ / . 〔〕[]() 组成，至少含 ${MIN_DIGITS} 位数字，例如“豫应急抽查〔2026〕3号”或“410381202603000123”`;

export type RecordNumberCheck = { ok: true; number: string } | { ok: false; reason: string };

/** Reads a record number as typed or pasted: trimmed, full-width letters and digits made half-width. */
export function checkRecordNumber(input: string): RecordNumberCheck {
  const number = input.normalize('NFKC').trim();
  const refuse = (what: string): RecordNumberCheck => ({
    ok: false,
    reason: `${what}。公示系统记录编号应为 ${RECORD_NUMBER_SHAPE}。请从国家企业信用信息公示系统（河南）的录入结果中复制。`,
  });
  if (number === '') return refuse('请填写国家企业信用信息公示系统（河南）的记录编号');
  if (/\s/.test(number)) return refuse(`记录编号“${number.slice(0, 40)}”中不能有空格或换行`);
  if ([...number].length < RECORD_NUMBER_MIN || [...number].length > RECORD_NUMBER_MAX) {
    return refuse(`记录编号“${number.slice(0, 40)}”长度为 ${[...number].length} 个字符`);
  }
  if (!ALLOWED.test(number)) return refuse(`记录编号“${number.slice(0, 40)}”含有不允许的字符`);
  if ((number.match(/\d/g) ?? []).length < MIN_DIGITS) return refuse(`记录编号“${number.slice(0, 40)}”中数字不足 ${MIN_DIGITS} 位`);
  return { ok: true, number };
}
