/**
 * The officers' task card: 确认接收, 申请回避 (form; decided by the leaders, see recusal-commands), 现场检查方案, 填报检查结果 (form), 已公示,
 * and the 复查 buttons of the deadlines card. Only a task's own officers may act on it; each use
 * case checks that against the task as it is now.
 */
import { z } from 'zod';
import { checkRecordNumber } from '../../domain/publication/record-number';
import { confirmTask } from '../use-cases/confirm-task';
import { markPublished } from '../use-cases/mark-published';
import { recordRecheck, showRecheckForm } from '../use-cases/record-recheck';
import { applyForRecusal } from '../use-cases/apply-recusal';
import { addHazard, goToFindingsStep, removeHazard, saveFindingsItems, saveFindingsNotes, showFindingsForm } from '../use-cases/findings-steps';
import { openTaskCard, showInspectionPlan, showRecusalForm } from '../use-cases/show-forms';
import { sendDocuments } from '../use-cases/issue-documents';
import { attachEvidence, focusEvidence } from '../use-cases/attach-evidence';
import { EVIDENCE_MAX_BYTES } from '../../domain/evidence/limits';
import { submitFindings } from '../use-cases/submit-findings';
import { action, anyValues, idField, type UploadEntry } from './entry';
import { groundField, reasonField } from './recusal-fields';

const taskPayload = z.object({ taskId: idField('taskId') });
/** A button on a task card: the task's id and nothing else. */
const taskButton = z.object({ payload: taskPayload, values: anyValues }).transform((d) => d.payload);

/** A form on a task's card: the task's id and the values, which the use case's domain validator reads. */
const taskForm = z.object({ payload: taskPayload, values: anyValues }).transform((d) => ({ ...d.payload, values: d.values }));
const findingsStep = z.enum(['items', 'notes', 'hazards', 'conclusion'], { error: '按钮数据无效，请重新打开检查结果表单。' });

/** The 国家企业信用信息公示系统 record number: required, loosely checked (see checkRecordNumber). */
const recordNumber = z
  .string()
  .default('')
  .transform((s, c) => {
    const check = checkRecordNumber(s);
    if (check.ok) return check.number;
    c.addIssue({ code: 'custom', message: check.reason });
    return z.NEVER;
  });

export const taskActions = [
  action({ name: 'task.confirm', input: taskButton, run: confirmTask }),
  action({ name: 'task.recusal_form', input: taskButton, run: showRecusalForm }),
  action({
    name: 'task.recuse',
    input: z
      .object({ payload: taskPayload, values: z.object({ ground: groundField, reason: reasonField('回避理由', '本人近亲属在该企业任职') }) })
      .transform((d) => ({ ...d.payload, ...d.values })),
    run: applyForRecusal,
  }),
  action({ name: 'task.plan', input: taskButton, run: showInspectionPlan }),
  action({ name: 'task.open', input: taskButton, run: openTaskCard }),
  action({ name: 'task.findings_form', input: taskButton, run: showFindingsForm }),
  // The findings form's steps are read by the domain's validators, which need the task's check items.
  action({ name: 'task.findings_items', input: taskForm, run: saveFindingsItems }),
  action({ name: 'task.findings_notes', input: taskForm, run: saveFindingsNotes }),
  action({ name: 'task.hazard_add', input: taskForm, run: addHazard }),
  action({
    name: 'task.hazard_remove',
    input: z
      .object({ payload: z.object({ taskId: idField('taskId'), no: idField('no') }), values: anyValues })
      .transform(({ payload }) => ({ taskId: payload.taskId, no: payload.no })),
    run: removeHazard,
  }),
  action({
    name: 'task.findings_step',
    input: z
      .object({ payload: z.object({ taskId: idField('taskId'), step: findingsStep }), values: anyValues })
      .transform(({ payload }) => ({ taskId: payload.taskId, step: payload.step })),
    run: goToFindingsStep,
  }),
  action({ name: 'task.findings', input: taskForm, run: submitFindings }),
  action({ name: 'task.documents', input: taskButton, run: sendDocuments }),
  action({
    name: 'task.publish',
    input: z
      .object({ payload: taskPayload, values: z.object({ reference: recordNumber }) })
      .transform((d) => ({ ...d.payload, recordNumber: d.values.reference })),
    run: markPublished,
  }),
  action({
    name: 'task.recheck',
    // Digest cards sent before the 复查 form carried a result too: any such button now opens the form.
    input: z
      .object({ payload: z.object({ taskId: idField('taskId'), view: z.string().optional(), result: z.string().optional() }), values: anyValues })
      .transform(({ payload }) => ({ taskId: payload.taskId })),
    run: showRecheckForm,
  }),
  action({
    name: 'task.recheck_submit',
    input: z
      .object({ payload: z.object({ taskId: idField('taskId'), round: idField('round') }), values: anyValues })
      .transform((d) => ({ taskId: d.payload.taskId, round: d.payload.round, values: d.values })),
    run: recordRecheck,
  }),
  action({
    name: 'task.evidence_focus',
    // On the 复查 form the button names the round too: what is sent then belongs to that 复查.
    input: z.object({ payload: z.object({ taskId: idField('taskId'), round: idField('round').optional() }), values: anyValues }).transform((d) => d.payload),
    run: focusEvidence,
  }),
];

/** A spreadsheet or CSV: what a register import takes. */
const REGISTER_FILE = /\.(xlsx|xlsm|xls|csv)$/i;

/**
 * A photo or file an officer sends the bot in his direct chat: evidence for the task he chose with
 * 上传证据 (attachEvidence refuses, saying how to choose, when none is chosen). A photo is always
 * evidence, and so is any file while a task is chosen or from an officer (an officer's spreadsheet
 * is a record of the inspection, never a register: he is told to choose its task first). Without a
 * task chosen, a leader's spreadsheet or anything an administrator sends goes to the register
 * import, the next entry of the table, which says who may import.
 */
export const evidenceUpload: UploadEntry = {
  places: ['direct'],
  wrongPlace: { kind: 'invalid', text: '证据照片和文件请在与机器人的私聊中发送（先在任务卡上点“上传证据”）。' },
  maxBytes: EVIDENCE_MAX_BYTES,
  claims: async (ctx, file) =>
    file.kind === 'image' ||
    (await ctx.repos.records.focusOf(ctx.actor.id, ctx.env.clock.now())) !== undefined ||
    ctx.actor.role === 'officer' ||
    (ctx.actor.role !== 'admin' && !REGISTER_FILE.test(file.name)),
  tooLarge: (name) => `“${name}”超过 ${EVIDENCE_MAX_BYTES / 1048576} MB 的上限，未保存：请压缩后重新发送，或分成几份。`,
  run: (ctx, file) => attachEvidence(ctx, { source: ctx.requestKey ?? `upload:${ctx.env.clock.now().getTime()}`, name: file.name, bytes: file.data }),
};
