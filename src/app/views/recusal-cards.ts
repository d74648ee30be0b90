/**
 * The cards of a 回避 (行政处罚法 第四十三条；河南省行政执法条例 第二十三条: an officer's recusal is
 * decided by the agency head). They carry the private reason, so they go to the leaders and the
 * officer concerned only, by direct message; their titles (which delivery notices quote) do not.
 */
import { groundText, RECUSAL_REASON_MAX } from '../../domain/recusal/grounds';
import { shanghaiDate } from '../../domain/workdays';
import type { RecusalRow, TaskRow } from '../ports/store';
import type { CardView } from './card-view';
import { recusalGroundField } from './task-cards';

/** What a recusal card shows besides the recusal itself: the task and the names of the people involved. */
export interface RecusalView {
  recusal: RecusalRow;
  task: TaskRow;
  requesterName: string;
  deciderName?: string;
  /** The replacement drawn on approval, or why none was (`undefined`: none needed or not yet decided). */
  replacement?: { name: string; replacementNo: number } | { failure: string };
}

export function recusalCardKey(recusalId: number): string {
  return `recusal:${recusalId}`;
}

/** The officer's own copy of the decision (a separate card: the leaders' card has their buttons). */
export function recusalDecisionCardKey(recusalId: number): string {
  return `recusal:${recusalId}:decision`;
}

export function recusalRejectFormKey(recusalId: number): string {
  return `recusal:${recusalId}:reject`;
}

const LAW =
  '依据行政处罚法第四十三条、河南省行政执法条例第二十三条，执法人员的回避由本机关负责人决定。回避理由仅申请人和局领导可见，不在群内、公开页和抽取记录中公布。';

function taskLabel(task: TaskRow): string {
  return `${task.drawNo} 第 ${task.ordinal + 1} 组`;
}

function outcomeText(v: RecusalView): string {
  const r = v.recusal;
  if (r.status === 'pending') return '待局领导审批';
  const on = r.decidedAt ? shanghaiDate(r.decidedAt) : '';
  const by = v.deciderName ?? '局领导';
  if (r.status === 'rejected') return `不同意（${by}，${on}）`;
  return `${r.kind === 'order' ? '决定回避' : '同意'}（${by}，${on}）`;
}

function replacementText(v: RecusalView): string | undefined {
  if (v.recusal.status !== 'approved') return undefined;
  const rep = v.replacement;
  if (!rep) return v.task.status === 'assigned' ? '未补抽' : '任务已不在检查阶段，无需补抽';
  if ('failure' in rep) return `暂无符合条件的人员可补抽（${rep.failure}），请局领导决定处理方式`;
  return `已按原种子随机补抽 ${rep.name}（第 ${rep.replacementNo} 次补抽）`;
}

function fields(v: RecusalView): Array<{ label: string; value: string }> {
  const r = v.recusal;
  const rows = [
    { label: '检查任务', value: `${taskLabel(v.task)}（${v.task.enterpriseName}）` },
    { label: r.kind === 'order' ? '回避人员' : '申请人', value: `${r.officerName}（执法证 ${r.certificateNo}）` },
    ...(r.kind === 'order' ? [{ label: '决定人', value: v.requesterName }] : []),
    { label: '回避事由', value: groundText(r.ground) },
    { label: '回避理由', value: r.reason },
    { label: r.kind === 'order' ? '决定时间' : '申请时间', value: shanghaiDate(r.requestedAt) },
    { label: '审批结果', value: outcomeText(v) },
  ];
  if (r.status === 'rejected' && r.decisionReason) rows.push({ label: '不同意的理由', value: r.decisionReason });
  const rep = replacementText(v);
  if (rep) rows.push({ label: '补抽', value: rep });
  return rows;
}

function title(v: RecusalView, forOfficer: boolean): string {
  const r = v.recusal;
  const what = r.kind === 'order' ? '回避决定' : forOfficer ? '回避申请结果' : '回避申请';
  const state = r.status === 'pending' ? '待审批' : r.status === 'rejected' ? '不同意' : r.kind === 'order' ? '已决定' : '已同意';
  return `${what}（${state}）：${v.task.enterpriseName}`;
}

/** The leaders' card: the application, and 同意 / 不同意 while it is pending; what was decided after. */
export function recusalLeaderCard(v: RecusalView): CardView {
  const pending = v.recusal.status === 'pending';
  const payload = { recusalId: String(v.recusal.id) };
  return {
    key: recusalCardKey(v.recusal.id),
    title: title(v, false),
    tone: pending ? 'warning' : v.recusal.status === 'rejected' ? 'neutral' : 'success',
    sections: [
      { type: 'text', text: LAW },
      { type: 'fields', fields: fields(v) },
    ],
    actions: pending
      ? [
          { label: '同意', style: 'primary', action: 'recusal.approve', payload },
          { label: '不同意', style: 'danger', action: 'recusal.reject_form', payload },
        ]
      : [],
  };
}

/** The officer's copy: what he applied for (or was ordered) and what the head decided. */
export function recusalDecisionCard(v: RecusalView): CardView {
  const r = v.recusal;
  const next =
    r.status === 'rejected'
      ? `请继续执行本检查任务${r.previousStatus === 'pending' ? '，并点击任务卡上的“确认接收”' : ''}。`
      : '你已退出本检查任务，无需再处理。';
  return {
    key: recusalDecisionCardKey(r.id),
    title: title(v, true),
    tone: r.status === 'rejected' ? 'warning' : 'success',
    sections: [
      { type: 'fields', fields: fields(v) },
      { type: 'text', text: next },
    ],
  };
}

/** 不同意 needs a reason: the form a leader fills in. */
export function recusalRejectForm(v: RecusalView): CardView {
  return {
    key: recusalRejectFormKey(v.recusal.id),
    title: `不同意回避申请：${v.task.enterpriseName}`,
    tone: 'warning',
    sections: [{ type: 'fields', fields: fields(v) }],
    form: {
      name: 'recusal_reject',
      fields: [
        {
          type: 'input',
          name: 'reason',
          label: '不同意的理由',
          required: true,
          multiline: true,
          maxLength: RECUSAL_REASON_MAX,
          placeholder: '如：所述亲属关系已于 2024 年解除，不影响公正执法',
        },
      ],
      submit: { label: '确认不同意', style: 'danger', action: 'recusal.reject', payload: { recusalId: String(v.recusal.id) } },
    },
  };
}

export function recusalOrderFormKey(taskId: number): string {
  return `task:${taskId}:order-recusal`;
}

/** A leader orders an officer off a task (河南省行政执法条例 第二十三条: 行政执法机关责令回避). */
export function recusalOrderForm(task: TaskRow, officers: Array<{ id: number; name: string; certificateNo: string }>): CardView {
  return {
    key: recusalOrderFormKey(task.id),
    title: `决定回避：${taskLabel(task)}（${task.enterpriseName}）`,
    tone: 'warning',
    sections: [{ type: 'text', text: `${LAW}决定后立即从其余符合条件的人员中按原种子随机补抽一人，并私信通知被决定回避的人员。` }],
    form: {
      name: 'recusal_order',
      fields: [
        {
          type: 'select',
          name: 'officer',
          label: '回避人员',
          required: true,
          options: officers.map((o) => ({ value: String(o.id), label: `${o.name}（执法证 ${o.certificateNo}）` })),
        },
        recusalGroundField(),
        { type: 'input', name: 'reason', label: '回避理由', required: true, multiline: true, maxLength: RECUSAL_REASON_MAX },
      ],
      submit: { label: '决定回避', style: 'danger', action: 'recusal.order', payload: { taskId: String(task.id) } },
    },
  };
}
