import type { Enterprise } from '../../domain/model';
import type { Agency, EvidenceRow, FindingsRow, RecheckRow, TaskRow } from '../ports/store';
import type { CheckItemView } from '../views/task-cards';

/** Everything a 执法文书 prints, read from the stored record alone (see load-record.ts). */
export interface DocumentRecord {
  agency: Pick<Agency, 'name' | 'shortName'>;
  task: TaskRow;
  enterprise: Enterprise | undefined;
  findings: FindingsRow;
  items: CheckItemView[];
  /** The inspectors: the task's confirmed officers, with their 执法证 numbers. */
  inspectors: Array<{ name: string; certificateNo: string; unit: string }>;
  rechecks: RecheckRow[];
  /** Photos and files attached to the task (by SHA-256). */
  evidence: EvidenceRow[];
}

/** `2026年3月2日` */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `CI03 安全教育培训` */
export function itemName(rec: Pick<DocumentRecord, 'items'>, code: string | null): string {
  if (!code) return '其他';
  return `${code} ${rec.items.find((i) => i.code === code)?.title ?? ''}`.trim();
}
