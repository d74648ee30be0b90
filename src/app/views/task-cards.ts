import type { Enterprise } from '../../domain/model';
import { timingText } from '../../domain/publication/lateness';
import { RECUSAL_GROUNDS, RECUSAL_REASON_MAX } from '../../domain/recusal/grounds';
import { shanghaiDate } from '../../domain/workdays';
import type { TaskOfficerRow, TaskRow } from '../ports/store';
import type { CardView } from './card-view';
import { evidenceButton } from './evidence-cards';

export interface CheckItemView {
  code: string;
  title: string;
  content: string;
  legalBasis: string;
}

const TASK_STATUS: Record<TaskRow['status'], string> = {
  assigned: '待检查',
  inspected: '已检查，待公示',
  published: '已公示',
  cancelled: '已撤销',
};

const OFFICER_STATUS: Record<TaskOfficerRow['status'], string> = {
  pending: '待确认',
  confirmed: '已确认',
  awaiting_recusal: '回避待审批',
  recused: '已回避',
  released: '已撤出',
};

export function taskCardKey(taskId: number): string {
  return `task:${taskId}`;
}

/** The day a result was published (Asia/Shanghai), or null before. */
export function publishedOn(task: TaskRow): string | null {
  return task.publishedAt ? shanghaiDate(task.publishedAt) : null;
}

/** Published after its deadline (by the dates; {@link TaskRow.publicationLateWorkdays} says by how many working days). */
export function publishedLate(task: TaskRow): boolean {
  const on = publishedOn(task);
  return on !== null && task.publicationDue !== null && on > task.publicationDue;
}

/**
 * “已由张三于 2026-03-05 公示（公示系统记录编号 …），逾期 2 个工作日公示。”: who published, when,
 * under which record number, and whether it was late, so every copy of the card says it (谁公开).
 */
export function publicationLine(task: TaskRow): string | undefined {
  if (task.status !== 'published') return undefined;
  const by = task.officers.find((o) => o.personId === task.publishedBy)?.name ?? '同组执法人员';
  const on = publishedOn(task);
  const late = publishedLate(task) ? `，${timingText(task.publicationLateWorkdays, true)}` : '';
  return `已由${by}${on ? `于 ${on} ` : ''}公示${task.publicationRef ? `（公示系统记录编号 ${task.publicationRef}）` : ''}${late}。`;
}

/** The officers still on the task: pending, confirmed, or waiting for the head's decision on their 回避. */
export function activeOfficers(task: TaskRow): TaskOfficerRow[] {
  return task.officers.filter((o) => o.status === 'pending' || o.status === 'confirmed' || o.status === 'awaiting_recusal');
}

/** Officers whose 回避 awaits the agency head's decision (while the task is open). */
export function awaitingRecusal(task: TaskRow): TaskOfficerRow[] {
  return task.status === 'assigned' ? task.officers.filter((o) => o.status === 'awaiting_recusal') : [];
}

/** “回避待审批：张三的回避申请…”, on every copy of the task's cards while a decision is pending. */
export function awaitingRecusalLine(task: TaskRow): string | undefined {
  const names = awaitingRecusal(task).map((o) => o.name);
  return names.length ? `回避待审批：${names.join('、')}的回避申请正在等待局领导审批，审批前暂不参与本任务。` : undefined;
}

function enterpriseFields(task: TaskRow, e: Enterprise | undefined) {
  return [
    { label: '企业', value: task.enterpriseName },
    { label: '统一社会信用代码', value: task.uscc },
    { label: '行业', value: task.industry },
    { label: '乡镇/街道', value: e?.township ?? '' },
    { label: '地址', value: e?.address ?? '（名录库未登记）' },
    { label: '负责人', value: [e?.contactPerson, e?.phone].filter(Boolean).join(' ') || '（名录库未登记）' },
    { label: '风险等级', value: e?.riskLevel ?? '' },
  ];
}

/** The officer's task card: enterprise, partners, window, and what he can do now. */
export function taskCard(task: TaskRow, enterprise: Enterprise | undefined, viewerPersonId: number, items: CheckItemView[]): CardView {
  const me = task.officers.find((o) => o.personId === viewerPersonId);
  const partners = activeOfficers(task)
    .filter((o) => o.personId !== viewerPersonId)
    .map((o) => `${o.name}（${o.unit}，执法证 ${o.certificateNo}，${OFFICER_STATUS[o.status]}）`);
  const payload = { taskId: String(task.id) };
  const open = task.status === 'assigned' && me && (me.status === 'pending' || me.status === 'confirmed');
  const actions: NonNullable<CardView['actions']> = [];
  if (open && me.status === 'pending') actions.push({ label: '确认接收', style: 'primary', action: 'task.confirm', payload });
  if (open) actions.push({ label: '申请回避', style: 'danger', action: 'task.recusal_form', payload });
  const stillMine = me?.status === 'pending' || me?.status === 'confirmed';
  if (stillMine && (open || task.status === 'inspected')) actions.push({ label: '现场检查方案', action: 'task.plan', payload });
  if (open && me.status === 'confirmed') actions.push({ label: '填报检查结果', style: 'primary', action: 'task.findings_form', payload });
  if (stillMine && task.status !== 'cancelled') actions.push(evidenceButton(task.id));
  const mine = me ? OFFICER_STATUS[me.status] : '（不是本任务的执法人员）';
  const pendingRecusal = awaitingRecusalLine(task);
  return {
    key: taskCardKey(task.id),
    title: `检查任务 ${task.drawNo} 第 ${task.ordinal + 1} 组`,
    tone: task.status === 'cancelled' || me?.status === 'recused' ? 'neutral' : task.status === 'assigned' ? 'info' : 'success',
    sections: [
      {
        type: 'fields',
        fields: [
          { label: '任务状态', value: `${TASK_STATUS[task.status]}${pendingRecusal ? '（回避待审批）' : ''}` },
          { label: '我的状态', value: mine },
          { label: '检查期', value: `${task.windowFrom} 至 ${task.windowTo}` },
        ],
      },
      ...(pendingRecusal ? [{ type: 'text' as const, text: pendingRecusal }] : []),
      { type: 'fields', fields: enterpriseFields(task, enterprise) },
      { type: 'list', title: '同组执法人员', items: partners.length ? partners : ['（暂无）'] },
      { type: 'list', title: '抽查事项', items: items.map((i) => `${i.code} ${i.title}`) },
      ...(task.publicationDue && task.status === 'inspected'
        ? [{ type: 'text' as const, text: `公示期限：${task.publicationDue}${task.publicationDueProvisional ? '（暂定：该年度节假日安排尚未录入）' : ''}` }]
        : []),
      ...(publicationLine(task) ? [{ type: 'text' as const, text: publicationLine(task)! }] : []),
    ],
    actions,
  };
}

/** The select of the grounds of 河南省行政执法条例 第二十三条. */
export function recusalGroundField() {
  return {
    type: 'select' as const,
    name: 'ground',
    label: '回避事由',
    required: true,
    options: RECUSAL_GROUNDS.map((g) => ({ value: g.code, label: `${g.item}${g.label}` })),
  };
}

/** The 回避 form (行政处罚法 第四十三条；河南省行政执法条例 第二十三条). */
export function recusalFormCard(task: TaskRow): CardView {
  return {
    key: `task:${task.id}:recusal`,
    title: `申请回避：${task.enterpriseName}`,
    tone: 'warning',
    sections: [
      {
        type: 'text',
        text: '执法人员与当事人有直接利害关系或者有其他关系可能影响公正执法的，应当回避（行政处罚法 第四十三条；河南省行政执法条例 第二十三条）。申请由局领导决定：同意后从其余符合条件的人员中随机补抽一人，过程记入抽取记录。回避理由仅你本人和局领导可见，不在群内和公开页公布。',
      },
    ],
    form: {
      name: 'recusal',
      fields: [
        recusalGroundField(),
        {
          type: 'input',
          name: 'reason',
          label: '回避理由',
          required: true,
          multiline: true,
          maxLength: RECUSAL_REASON_MAX,
          placeholder: '如：本人近亲属在该企业任职',
        },
      ],
      submit: { label: '提交回避申请', style: 'danger', action: 'task.recuse', payload: { taskId: String(task.id) } },
    },
  };
}

/** 现场检查方案: what to know and bring before going (偃应急〔2023〕18号 §四.3). */
export function inspectionPlanCard(task: TaskRow, enterprise: Enterprise | undefined, items: CheckItemView[]): CardView {
  return {
    key: `task:${task.id}:plan`,
    title: `现场检查方案：${task.enterpriseName}`,
    tone: 'info',
    sections: [
      { type: 'fields', fields: enterpriseFields(task, enterprise) },
      { type: 'list', title: '执法人员', items: activeOfficers(task).map((o) => `${o.name}（执法证 ${o.certificateNo}）`) },
      { type: 'table', columns: ['编号', '检查事项', '依据'], rows: items.map((i) => [i.code, i.title, i.legalBasis]) },
      {
        type: 'list',
        title: '准备与要求',
        items: [
          '出示有效行政执法证件，执法人员不少于两人（安全生产法 第六十七条；行政处罚法 第四十二条）',
          '携带照相、录音录像设备和必要的检验检测仪器，全程记录（行政处罚法 第四十七条）',
          '佩戴必要的劳动防护用品',
          '制作现场检查记录，由检查人员和企业负责人签字；拒绝签字的记录在案（安全生产法 第六十八条）',
          '不得影响企业正常生产经营活动，不得索取、收受财物（安全生产法 第六十五条）',
        ],
      },
    ],
  };
}
