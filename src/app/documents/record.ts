import type { Enterprise } from '../../domain/model';
import type { Agency, EvidenceRow, FindingsRow, RecheckRow, TaskRow } from '../ports/store';
import type { CheckItemView } from '../views/task-cards';
import type { DocBlock } from './document-view';

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
  /** Photos and files attached to the task (by SHA-256): the inspection's (`round` null) and each 复查's. */
  evidence: EvidenceRow[];
}

/**
 * A document's 证据材料: the files of one occasion (the inspection, or one 复查 round), each with
 * its photo's capture time and its SHA-256, the hash the audit log recorded when it was attached.
 */
export function evidenceTable(evidence: readonly EvidenceRow[]): DocBlock {
  return {
    type: 'table',
    header: true,
    widths: [8, 30, 22, 40],
    rows: [['序号', '文件', '拍摄时间', 'SHA-256'], ...evidence.map((e, i) => [String(i + 1), e.fileName, e.capturedAt?.replace('T', ' ') ?? '', e.sha256])],
  };
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
