import { findResultCategory } from '../../domain/catalog/result-categories';
import { timingText } from '../../domain/publication/lateness';
import { RECORD_NUMBER_MAX } from '../../domain/publication/record-number';
import type { FindingsRow, TaskRow } from '../ports/store';
import { publicationLine, publishedLate, publishedOn } from './task-cards';
import { evidenceButton } from './evidence-cards';
import type { CardView } from './card-view';
import { dueState, standingText } from './standing-text';

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

/** Where the publication deadline stands on the day a card is drawn (working days from `today`). */
export interface PublicationStanding {
  today: string;
  /** Working days in (today, due]; negative when overdue. */
  workdaysLeft: number;
}

function deadlineText(task: TaskRow, standing: PublicationStanding | undefined): string {
  const due = task.publicationDue ?? '';
  const provisional = task.publicationDueProvisional ? '（暂定：该年度节假日安排尚未录入）' : '';
  if (task.status !== 'inspected' || !standing || !task.publicationDue) return `${due}${provisional}`;
  const where = standingText(dueState(standing.today, task.publicationDue), task.publicationDue, standing.workdaysLeft);
  return `${due}${provisional}（截至 ${standing.today}：${where}）`;
}

/**
 * The publication card: the deadline with the working days left, the text to copy into the
 * 公示系统, and the 已公示 form (the record number, required) while it is due; once published,
 * when, under which number, and whether it was late. `standing` is where the deadline stands
 * the day the card is drawn (a card is redrawn on every change of the task, not every day).
 */
export function publicationCard(task: TaskRow, f: FindingsRow, agencyName: string, standing?: PublicationStanding): CardView {
  const done = task.status === 'published';
  const open = task.status === 'inspected';
  const state = done ? publicationLine(task) : open ? undefined : '本任务所在的抽取已撤销，无需公示。';
  const published = done
    ? [
        { label: '公示日期', value: publishedOn(task) ?? '' },
        { label: '公示系统记录编号', value: task.publicationRef ?? '（未登记）' },
        { label: '公示情况', value: timingText(task.publicationLateWorkdays, publishedLate(task)) },
      ]
    : [];
  return {
    key: publicationCardKey(task.id),
    title: `${done ? '已公示' : open ? '待公示' : '已终止'}：${task.enterpriseName}`,
    tone: done ? 'success' : open ? 'warning' : 'neutral',
    sections: [
      {
        type: 'fields',
        fields: [
          { label: '公示期限', value: deadlineText(task, standing) },
          ...published,
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
      { type: 'text', text: '按“谁检查、谁录入、谁公开”原则，请将以下内容录入国家企业信用信息公示系统（河南），完成后填写系统中的记录编号并点击“已公示”：' },
      { type: 'copy', label: '录入内容（可复制）', text: publicationText(task, f, agencyName) },
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
          fields: [
            {
              type: 'input',
              name: 'reference',
              label: '国家企业信用信息公示系统记录编号',
              required: true,
              maxLength: RECORD_NUMBER_MAX,
              placeholder: '如：豫应急抽查〔2026〕3号',
            },
          ],
          submit: { label: '已公示', style: 'primary', action: 'task.publish', payload: { taskId: String(task.id) } },
        },
  };
}
