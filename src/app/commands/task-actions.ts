/**
 * The officers' task card: 确认接收, 申请回避 (form), 现场检查方案, 填报检查结果 (form), 已公示,
 * and the 复查 buttons of the deadlines card. Only a task's own officers may act on it; each use
 * case checks that against the task as it is now.
 */
import { z } from 'zod';
import { confirmTask } from '../use-cases/confirm-task';
import { markPublished } from '../use-cases/mark-published';
import { recordRecheck } from '../use-cases/record-recheck';
import { recuse } from '../use-cases/recuse';
import { openTaskCard, showFindingsForm, showInspectionPlan, showRecusalForm } from '../use-cases/show-forms';
import { submitFindings } from '../use-cases/submit-findings';
import { action, anyValues, idField } from './entry';

const taskPayload = z.object({ taskId: idField('taskId') });
/** A button on a task card: the task's id and nothing else. */
const taskButton = z.object({ payload: taskPayload, values: anyValues }).transform((d) => d.payload);

const recusalReason = z
  .string()
  .default('')
  .transform((s) => s.trim())
  .refine((s) => s.length >= 2, { error: '请填写回避理由（至少 2 个字），例如“本人近亲属在该企业任职”。' })
  .refine((s) => s.length <= 500, { error: (issue) => `回避理由不超过 500 字（现为 ${String(issue.input).length} 字）。` });

const publicationReference = z
  .string()
  .default('')
  .transform((s) => s.trim())
  .refine((s) => s.length <= 200, { error: (issue) => `记录编号或说明不超过 200 字（现为 ${String(issue.input).length} 字）。` })
  .transform((s) => s || undefined);

const recheckResult = z.enum(['rectified', 'not_rectified'], { error: '按钮数据缺少复查结果，请发送 /deadlines 获取最新卡片。' });

export const taskActions = [
  action({ name: 'task.confirm', input: taskButton, run: confirmTask }),
  action({ name: 'task.recusal_form', input: taskButton, run: showRecusalForm }),
  action({
    name: 'task.recuse',
    input: z.object({ payload: taskPayload, values: z.object({ reason: recusalReason }) }).transform((d) => ({ ...d.payload, ...d.values })),
    run: recuse,
  }),
  action({ name: 'task.plan', input: taskButton, run: showInspectionPlan }),
  action({ name: 'task.open', input: taskButton, run: openTaskCard }),
  action({ name: 'task.findings_form', input: taskButton, run: showFindingsForm }),
  action({
    name: 'task.findings',
    // The findings form is read by the domain's validator, which needs the task's check items.
    input: z.object({ payload: taskPayload, values: anyValues }).transform((d) => ({ ...d.payload, values: d.values })),
    run: submitFindings,
  }),
  action({
    name: 'task.publish',
    input: z.object({ payload: taskPayload, values: z.object({ reference: publicationReference }) }).transform((d) => ({ ...d.payload, ...d.values })),
    run: markPublished,
  }),
  action({
    name: 'task.recheck',
    input: z
      .object({ payload: z.object({ result: recheckResult, taskId: idField('taskId'), view: z.string().optional() }), values: anyValues })
      .transform(({ payload }) => ({
        taskId: payload.taskId,
        result: payload.result,
        view: payload.view === 'deadlines' ? ('all' as const) : ('digest' as const),
      })),
    run: recordRecheck,
  }),
];
