import { INDUSTRIES, type Industry } from '../domain/model';
import { rowError, showValue, splitList } from './cells';
import { normalizeHeader } from './columns';
import type { RawCell, RawTable } from './types';

interface Field {
  header: string;
  cell: RawCell | undefined;
  text: string;
}

const ALL_INDUSTRIES = new Set(['全部', '不限', '所有行业', '全部行业']);

/** One industry name: exact, or with a trailing 行业/业 (机械行业 → 机械). */
export function normalizeIndustry(text: string): Industry | null {
  const t = text.replace(/\s+/g, '');
  for (const candidate of [t, t.replace(/行业$/, ''), t.replace(/业$/, '')]) {
    if ((INDUSTRIES as readonly string[]).includes(candidate)) return candidate as Industry;
  }
  return null;
}

const CHOICES = `可选：${INDUSTRIES.join('、')}`;

/** The 行业 cell of an enterprise row. */
export function parseIndustry(rowNumber: number, field: Field, errors: string[]): Industry | null {
  if (field.text === '') {
    errors.push(rowError(rowNumber, field.header, '', `为空：请填写行业，${CHOICES}`));
    return null;
  }
  const industry = normalizeIndustry(field.text);
  if (!industry) errors.push(`第 ${rowNumber} 行：行业「${showValue(field.text)}」不在本方案范围内，${CHOICES}`);
  return industry;
}

/** The 擅长行业 cell of an officer row: a list, or 全部/不限 for all six. Kept in the plan's order. */
export function parseIndustryList(rowNumber: number, field: Field, errors: string[]): Industry[] | null {
  const items = splitList(field.text);
  if (items.length === 0) {
    errors.push(rowError(rowNumber, field.header, '', `为空：请填写至少一个行业，多个用“、”分隔（${CHOICES}；都熟悉可填“全部”）`));
    return null;
  }
  if (items.some((i) => ALL_INDUSTRIES.has(i))) return [...INDUSTRIES];
  const unknown = items.filter((i) => !normalizeIndustry(i));
  if (unknown.length > 0) {
    errors.push(rowError(rowNumber, field.header, field.text, `${unknown.map((u) => `「${u}」`).join('')}不在本方案范围内，${CHOICES}（多个用“、”分隔）`));
    return null;
  }
  const found = new Set(items.map((i) => normalizeIndustry(i)));
  return INDUSTRIES.filter((i) => found.has(i));
}

const MARKERS = {
  enterprise: { own: '统一社会信用代码', other: '执法证号', otherName: '执法人员名录' },
  officer: { own: '执法证号', other: '统一社会信用代码', otherName: '企业名录' },
} as const;

/** When the file looks like the other template, say so (“这像是执法人员名录…”). */
export function wrongTemplateHint(tables: readonly RawTable[], expected: 'enterprise' | 'officer'): string[] {
  const m = MARKERS[expected];
  const headers = tables.flatMap((t) => t.rows.slice(0, 5).flatMap((r) => r.cells.map((c) => normalizeHeader(c.text))));
  if (headers.includes(m.other) && !headers.includes(m.own)) {
    return [`这个文件看起来是${m.otherName}，不是${expected === 'enterprise' ? '企业名录' : '执法人员名录'}：请确认选择了正确的导入项`];
  }
  return [];
}
