/**
 * 文书编号. Official forms carry a number of the form 机关代字 + 文书代字 + 〔年份〕 + 序号 + 号
 * (GB/T 9704-2012 §7.2.4 for the brackets). Here the number is derived from the task's own record
 * instead of a separate counter: the draw's number (`偃应急抽〔2026〕3号`) and the task's group
 * within it, so that the same record always prints the same number, on any machine, and two
 * documents can never share one. 现记 = 现场检查记录, 责改 = 责令限期整改指令书, 复查 = 整改复查意见书
 * (the 代字 of the 安全生产执法文书 models).
 */
import type { DocumentKind } from './document-view';

const CODES: Record<DocumentKind, string> = { 'inspection-record': '现记', 'rectification-order': '责改', 'recheck-opinion': '复查' };

/** `偃应急现记〔2026〕3-2号` for group 2 of draw 3 of 2026; a 复查 adds its round: `偃应急复查〔2026〕3-2-1号`. */
export function documentNumber(kind: DocumentKind, ref: { shortName: string; drawNo: string; ordinal: number; round?: number }): string {
  const m = /〔(\d{4})〕(\d+)号$/.exec(ref.drawNo);
  const year = m?.[1] ?? '';
  const seq = m?.[2] ?? ref.drawNo;
  const round = kind === 'recheck-opinion' && ref.round ? `-${ref.round}` : '';
  return `${ref.shortName}${CODES[kind]}〔${year}〕${seq}-${ref.ordinal + 1}${round}号`;
}
