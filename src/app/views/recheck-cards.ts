import { RECHECK_NOTE_MAX, RECHECK_OUTCOME_TEXT } from '../../domain/findings/recheck';
import type { Hazard } from '../../domain/findings/types';
import type { FindingsRow, RecheckRow, TaskRow } from '../ports/store';
import type { CardButton, CardView, FormField } from './card-view';
import { hazardLine } from './findings-form';
import type { CheckItemView } from './task-cards';

export function recheckCardKey(taskId: number): string {
  return `task:${taskId}:recheck`;
}

/**
 * The 复查 form: the date, 已整改 / 未整改 for each hazard still open, what was seen, a new 整改期限
 * (required when a 重大事故隐患 is not rectified). Photos are sent to the bot after 上传证据.
 */
export function recheckFormCard(
  task: TaskRow,
  f: FindingsRow,
  open: Hazard[],
  ctx: { items: CheckItemView[]; today: string; round: number; evidence?: CardButton },
  errors: string[] = [],
): CardView {
  return {
    key: recheckCardKey(task.id),
    title: `整改复查${ctx.round > 1 ? `（第 ${ctx.round} 次）` : ''}：${task.enterpriseName}`,
    tone: errors.length ? 'danger' : 'warning',
    sections: [
      ...(errors.length ? [{ type: 'list' as const, title: '请修改后重新提交', items: errors }] : []),
      {
        type: 'fields',
        fields: [
          { label: '检查日期', value: f.inspectionDate },
          { label: '整改期限', value: f.rectificationDue ?? '立即整改' },
        ],
      },
      { type: 'list', title: '待复查的隐患', items: open.map((h) => hazardLine(h, ctx.items)) },
      { type: 'text', text: '复查照片：点“上传证据”后把照片发给机器人，照片会附到本任务。' },
    ],
    ...(ctx.evidence ? { actions: [ctx.evidence] } : {}),
    form: {
      name: 'recheck',
      fields: [
        { type: 'date', name: 'recheckDate', label: `复查日期（今天 ${ctx.today}）`, required: true },
        ...open.map(
          (h): FormField => ({
            type: 'select',
            name: `hazard_${h.no}`,
            label: `隐患${h.no}：${h.description.length > 20 ? `${h.description.slice(0, 20)}…` : h.description}`,
            required: true,
            options: (['rectified', 'not_rectified'] as const).map((r) => ({ value: r, label: RECHECK_OUTCOME_TEXT[r] })),
          }),
        ),
        { type: 'input', name: 'note', label: '复查情况（有未整改时必填）', required: false, multiline: true, maxLength: RECHECK_NOTE_MAX },
        { type: 'date', name: 'newDue', label: '新的整改期限（重大事故隐患未整改时必填）', required: false },
      ],
      submit: { label: '提交复查结果', style: 'primary', action: 'task.recheck_submit', payload: { taskId: String(task.id), round: String(ctx.round) } },
    },
  };
}

/** What a 复查 recorded, once it is (every copy of the form turns into this). */
export function recheckDoneCard(task: TaskRow, f: FindingsRow, rounds: RecheckRow[], items: CheckItemView[]): CardView {
  const last = rounds.at(-1);
  return {
    key: recheckCardKey(task.id),
    title: `已复查：${task.enterpriseName}`,
    tone: last?.results.every((r) => r.result === 'rectified') ? 'success' : 'danger',
    sections: rounds.flatMap((r) => [
      { type: 'text' as const, text: `第 ${r.round} 次复查 ${r.recheckDate}${r.newDue ? `，新的整改期限 ${r.newDue}` : ''}${r.note ? `：${r.note}` : ''}` },
      {
        type: 'list' as const,
        items: r.results.map((x) => {
          const h = f.hazards.find((y) => y.no === x.no);
          return `${RECHECK_OUTCOME_TEXT[x.result]}：${h ? hazardLine(h, items) : `隐患${x.no}`}`;
        }),
      },
    ]),
  };
}
