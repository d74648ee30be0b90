import { audit } from '../audit';
import { exifCaptureTime } from '../../domain/evidence/exif';
import { evidenceName, evidenceRefusal, evidenceType, sniffEvidenceType } from '../../domain/evidence/limits';
import type { TaskRow } from '../ports/store';
import { loadOwnTask } from '../task-access';
import { loadRecheck } from './record-recheck';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';

/** How long after 上传证据 what the officer sends is attached to that task. */
export const EVIDENCE_FOCUS_MINUTES = 30;

/**
 * 上传证据 on a task's card: the task becomes the officer's current one for
 * {@link EVIDENCE_FOCUS_MINUTES} minutes (a later click on another task replaces it), so photos and
 * files he sends the bot in that time are attached to it. Choosing is a click, not a guess from
 * his open tasks: an officer with two inspections the same day must never file a photo under the
 * wrong enterprise.
 */
export async function focusEvidence(ctx: UseCaseContext, input: { taskId: number; round?: number }): Promise<UseCaseResult> {
  const own = await loadOwnTask(ctx, input.taskId);
  if (own.task.status === 'cancelled' || (own.me.status !== 'pending' && own.me.status !== 'confirmed')) {
    throw new AppError('invalid', '这项任务已撤销或已不由你负责，不能再上传证据。');
  }
  let round: number | null = null;
  if (input.round !== undefined) {
    // Only the 复查 still to be recorded: a recorded round's 意见书 is issued and stays as it was.
    const r = await loadRecheck(ctx, own.task.id);
    if (r.rounds.length + 1 !== input.round || !r.open.length) {
      throw new AppError('invalid', `第 ${input.round} 次复查已登记，不能再为它上传证据。请重新打开复查表单。`);
    }
    round = input.round;
  }
  const until = new Date(ctx.env.clock.now().getTime() + EVIDENCE_FOCUS_MINUTES * 60_000);
  await ctx.repos.records.setFocus(ctx.actor.id, { taskId: own.task.id, round }, until);
  const text = `请在 ${EVIDENCE_FOCUS_MINUTES} 分钟内把照片或文件直接发给机器人（私聊），将附到${whereOf(own.task, round)}。每份不超过 20 MB。`;
  return { toast: { kind: 'info', text: '请发送照片或文件。' }, reply: { type: 'text', text } };
}

/** Where evidence goes, in the officer's words: the inspection's record, or a 复查 of it. */
function whereOf(task: TaskRow, round: number | null): string {
  return `「${task.enterpriseName}」的${round ? `第 ${round} 次复查` : '检查记录'}（${task.drawNo} 第 ${task.ordinal + 1} 组）`;
}

/**
 * A photo or file an officer sent: attached to his current task (see {@link focusEvidence}), stored
 * once by its SHA-256 (which goes into the audit log), a photo's EXIF capture time kept. Refused
 * with the reason when no task is chosen, the file is too large or of a type that is not evidence.
 */
export async function attachEvidence(ctx: UseCaseContext, file: { source: string; name: string; bytes: Uint8Array }): Promise<UseCaseResult> {
  const files = ctx.env.files;
  if (!files) throw new AppError('invalid', '本实例未配置文件存储，无法保存证据。');
  // The bytes say what a photo is; the name, what an Office file is.
  const sniffed = sniffEvidenceType(file.bytes) ?? '';
  const input = { ...file, name: evidenceName(file.name, evidenceType(file.name, sniffed) ?? '') };
  const refusal = evidenceRefusal({ name: input.name, contentType: sniffed, size: input.bytes.length });
  if (refusal) throw new AppError('invalid', refusal);
  const now = ctx.env.clock.now();
  const focus = await ctx.repos.records.focusOf(ctx.actor.id, now);
  if (focus === undefined) {
    throw new AppError('invalid', `未保存“${input.name}”：请先在任务卡上点“上传证据”选择要附到哪项检查，再在 ${EVIDENCE_FOCUS_MINUTES} 分钟内发送照片或文件。`);
  }
  const { taskId, round } = focus;
  const own = await loadOwnTask(ctx, taskId);
  if (own.task.status === 'cancelled') throw new AppError('invalid', `未保存“${input.name}”：这项任务已撤销。`);
  // A 复查 recorded since 上传证据 has had its 意见书 issued: what it lists stays as issued.
  if (round !== null && (await ctx.repos.records.rechecks(taskId)).some((r) => r.round === round)) {
    throw new AppError('invalid', `未保存“${input.name}”：第 ${round} 次复查已登记，其整改复查意见书已出具。`);
  }
  const contentType = evidenceType(input.name, sniffed)!;
  const capturedAt = contentType === 'image/jpeg' ? (exifCaptureTime(input.bytes) ?? null) : null;
  const stored = await files.evidence.put(input.bytes, contentType);
  const where = whereOf(own.task, round);
  // Sent after the findings: the 现场检查记录 was issued without it, and every copy stays that one.
  const afterRecord = round === null && own.task.status !== 'assigned';
  const added = await ctx.repos.records.addEvidence(
    {
      agencyId: own.task.agencyId,
      taskId,
      sha256: stored.sha256,
      contentType,
      size: stored.size,
      fileName: input.name,
      capturedAt,
      uploadedBy: ctx.actor.id,
      source: input.source,
      round,
      afterRecord,
    },
    now,
  );
  if (!added) return { reply: { type: 'text', text: `“${input.name}”已附在${where}，未重复保存。` } };
  await audit(ctx.repos, ctx.actor, 'task.evidence_attached', {
    agencyId: own.task.agencyId,
    subject: `task:${taskId}`,
    data: {
      sha256: stored.sha256,
      fileName: input.name,
      contentType,
      size: stored.size,
      capturedAt,
      source: input.source,
      ...(round ? { round } : {}),
      ...(afterRecord ? { afterRecord } : {}),
    },
  });
  const size = stored.size >= 1048576 ? `${(stored.size / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(stored.size / 1024))} KB`;
  const when = capturedAt ? `，拍摄时间 ${capturedAt.replace('T', ' ')}` : '';
  const late = afterRecord ? '现场检查记录已出具，这份证据不列入其中，已保存并记入审计日志。' : '';
  return { reply: { type: 'text', text: `已将“${input.name}”（${size}${when}）附到${where}。${late}SHA-256：${stored.sha256}` } };
}
