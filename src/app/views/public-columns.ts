import { CHECK_ITEMS } from '../../domain/catalog/check-items';
import { findResultCategory } from '../../domain/catalog/result-categories';
import { shanghaiDate } from '../../domain/workdays';
import type { PublicResult } from '../ports/public-record';

/** One published column: its key (JSON), its header (page and CSV), and its text. */
export interface PublicColumn {
  key: string;
  header: string;
  value(r: PublicResult): string;
}

/** “第1—3、5项” from item numbers: runs of three or more joined by a dash. */
export function itemNumbersText(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}—${sorted[j]}` : sorted.slice(i, j + 1).join('、'));
    i = j + 1;
  }
  return parts.length ? `第${parts.join('、')}项` : '';
}

const itemNo = (code: string) => CHECK_ITEMS.find((c) => c.code === code)?.no;

/** The check items inspected (those not 不涉及), by their number in the 抽查事项清单, and those found 不符合. */
export function itemsText(itemResults: PublicResult['itemResults']): string {
  const entries = Object.entries(itemResults);
  const numbers = (pred: (r: string) => boolean) => entries.flatMap(([code, r]) => (pred(r) ? [itemNo(code) ?? 0] : [])).filter((n) => n > 0);
  const checked = itemNumbersText(numbers((r) => r !== '不涉及'));
  const failing = itemNumbersText(numbers((r) => r === '不符合'));
  return [checked || '无', failing ? `不符合：${failing}` : ''].filter(Boolean).join('；');
}

/** Where the rectification stands, as the public may read it. */
export function rectificationText(r: Pick<PublicResult, 'rectification' | 'rectificationDue' | 'recheckResult'>): string {
  if (r.rectification === 'none') return '无需整改';
  if (r.rectification === 'immediate') return '已责令立即整改';
  if (r.recheckResult === 'rectified') return '限期整改，经复查已整改';
  if (r.recheckResult === 'not_rectified') return '限期整改，经复查未整改，依法处理中';
  return `限期整改（期限 ${r.rectificationDue ?? ''}），待复查`;
}

export const resultLabel = (code: string): string => findResultCategory(code)?.label ?? code;

/**
 * The published columns, in order: the page's table, the CSV and the JSON all come from this one
 * list, so they always agree. A published field is shown by adding its entry here.
 */
export const PUBLIC_RESULT_COLUMNS: readonly PublicColumn[] = [
  { key: 'agency', header: '检查实施机关', value: (r) => r.agencyName },
  { key: 'drawNo', header: '抽查任务编号', value: (r) => r.drawNo },
  { key: 'enterprise', header: '企业名称', value: (r) => r.enterpriseName },
  { key: 'uscc', header: '统一社会信用代码', value: (r) => r.uscc },
  { key: 'industry', header: '行业', value: (r) => r.industry },
  { key: 'township', header: '乡镇/街道', value: (r) => r.township },
  { key: 'inspectionDate', header: '检查日期', value: (r) => r.inspectionDate },
  { key: 'items', header: '检查事项', value: (r) => itemsText(r.itemResults) },
  { key: 'result', header: '检查结果', value: (r) => resultLabel(r.resultCategory) },
  { key: 'rectification', header: '整改情况', value: rectificationText },
  { key: 'publicationRef', header: '公示系统记录编号', value: (r) => r.publicationRef ?? '' },
  {
    key: 'publishedDate',
    header: '公示日期',
    // Late publication is part of the public record (working days past the 5-working-day deadline).
    value: (r) => `${shanghaiDate(new Date(r.publishedAt))}${r.publicationLateWorkdays ? `（逾期 ${r.publicationLateWorkdays} 个工作日公示）` : ''}`,
  },
];

/** A result as the JSON lists it: every column's text under its key, with the id and the result's code. */
export function publicResultJson(r: PublicResult): Record<string, string | number> {
  return { id: r.id, ...Object.fromEntries(PUBLIC_RESULT_COLUMNS.map((c) => [c.key, c.value(r)])), resultCode: r.resultCategory };
}
