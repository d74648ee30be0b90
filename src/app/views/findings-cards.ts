import { findResultCategory } from '../../domain/catalog/result-categories';
import type { FindingsRow, TaskRow } from '../ports/store';
import { publicationLine } from './task-cards';
import { evidenceButton } from './evidence-cards';
import type { CardView } from './card-view';

const RECTIFICATION_TEXT = { none: '无需整改', immediate: '立即整改', deadline: '限期整改' } as const;

/** Text ready to paste into 国家企业信用信息公示系统（河南）, which has no public API. */
export function publicationText(task: TaskRow, f: FindingsRow, agencyName: string): string {
  const cat = findResultCategory(f.resultCategory)?.label ?? f.resultCategory;
  return [
    `抽查任务编号：${task.drawNo}`,
    `检查对象：${task.enterpriseName}（${task.uscc}）`,
    `检查实施机关：${agencyName}`,
    '类型：“双随机”抽查',
    `检查日期：${f.inspectionDate}`,
    `检查结果：${cat}`,
  ].join('\n');
}

/** The key of a task's publication card (and what a submitted findings form turns into). */
export function publicationCardKey(taskId: number): string {
  return `task:${taskId}:publication`;
}

/** The publication card: the deadline, the copy-ready text, and the 已公示 form while it is due; who published once done. */
export function publicationCard(task: TaskRow, f: FindingsRow, agencyName: string): CardView {
  const done = task.status === 'published';
  const open = task.status === 'inspected';
  const state = done ? publicationLine(task) : open ? undefined : '本任务所在的抽取已撤销，无需公示。';
  return {
    key: publicationCardKey(task.id),
    title: `${done ? '已公示' : open ? '待公示' : '已终止'}：${task.enterpriseName}`,
    tone: done ? 'success' : open ? 'warning' : 'neutral',
    sections: [
      {
        type: 'fields',
        fields: [
          { label: '公示期限', value: `${task.publicationDue ?? ''}${task.publicationDueProvisional ? '（暂定：该年度节假日安排尚未录入）' : ''}` },
          { label: '检查结果', value: findResultCategory(f.resultCategory)?.label ?? f.resultCategory },
          {
            label: '隐患',
            value: `${f.hazards.length} 条${f.majorHazard ? `，其中重大事故隐患 ${f.hazards.filter((h) => h.level === 'major').length} 条` : ''}`,
          },
          { label: '整改', value: `${RECTIFICATION_TEXT[f.rectification]}${f.rectificationDue ? `，期限 ${f.rectificationDue}` : ''}` },
          ...(f.caseFiled ? [{ label: '立案查处', value: f.caseNo ?? '' }] : []),
          { label: '企业负责人', value: f.refusedToSign ? `拒绝签字${f.responsiblePerson ? `（${f.responsiblePerson}）` : ''}` : (f.responsiblePerson ?? '') },
        ],
      },
      { type: 'text', text: '按“谁检查、谁录入、谁公开”原则，请将以下内容录入国家企业信用信息公示系统（河南），完成后点击“已公示”：' },
      { type: 'text', text: publicationText(task, f, agencyName) },
      ...(state ? [{ type: 'text' as const, text: state }] : []),
    ],
    actions: [
      { label: '执法文书', action: 'task.documents', payload: { taskId: String(task.id) } },
      ...(f.hazards.length && f.recheckResult !== 'rectified' && task.status !== 'cancelled'
        ? [{ label: '整改复查', action: 'task.recheck' as const, payload: { taskId: String(task.id) } }]
        : []),
      ...(task.status !== 'cancelled' ? [evidenceButton(task.id)] : []),
    ],
    form: !open
      ? undefined
      : {
          name: 'publication',
          fields: [{ type: 'input', name: 'reference', label: '公示系统中的记录编号或说明（可选）', required: false, maxLength: 200 }],
          submit: { label: '已公示', style: 'primary', action: 'task.publish', payload: { taskId: String(task.id) } },
        },
  };
}
