import { audit } from '../audit';
import { exifCaptureTime } from '../../domain/evidence/exif';
import { evidenceName, evidenceRefusal, evidenceType, sniffEvidenceType } from '../../domain/evidence/limits';
import { loadOwnTask } from '../task-access';
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
export async function focusEvidence(ctx: UseCaseContext, input: { taskId: number }): Promise<UseCaseResult> {
  const own = await loadOwnTask(ctx, input.taskId);
  if (own.task.status === 'cancelled' || (own.me.status !== 'pending' && own.me.status !== 'confirmed')) {
    throw new AppError('invalid', '这项任务已撤销或已不由你负责，不能再上传证据。');
  }
  const until = new Date(ctx.env.clock.now().getTime() + EVIDENCE_FOCUS_MINUTES * 60_000);
  await ctx.repos.records.setFocus(ctx.actor.id, own.task.id, until);
  const text = `请在 ${EVIDENCE_FOCUS_MINUTES} 分钟内把照片或文件直接发给机器人（私聊），将附到「${own.task.enterpriseName}」的检查记录（${own.task.drawNo} 第 ${own.task.ordinal + 1} 组）。每份不超过 20 MB。`;
  return { toast: { kind: 'info', text: '请发送照片或文件。' }, reply: { type: 'text', text } };
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
  const taskId = await ctx.repos.records.focusOf(ctx.actor.id, now);
  if (taskId === undefined) {
    throw new AppError('invalid', `未保存“${input.name}”：请先在任务卡上点“上传证据”选择要附到哪项检查，再在 ${EVIDENCE_FOCUS_MINUTES} 分钟内发送照片或文件。`);
  }
  const own = await loadOwnTask(ctx, taskId);
  if (own.task.status === 'cancelled') throw new AppError('invalid', `未保存“${input.name}”：这项任务已撤销。`);
  const contentType = evidenceType(input.name, sniffed)!;
  const capturedAt = contentType === 'image/jpeg' ? (exifCaptureTime(input.bytes) ?? null) : null;
  const stored = await files.evidence.put(input.bytes, contentType);
  const where = `「${own.task.enterpriseName}」（${own.task.drawNo} 第 ${own.task.ordinal + 1} 组）`;
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
    },
    now,
  );
  if (!added) return { reply: { type: 'text', text: `“${input.name}”已附在${where}，未重复保存。` } };
  await audit(ctx.repos, ctx.actor, 'task.evidence_attached', {
    agencyId: own.task.agencyId,
    subject: `task:${taskId}`,
    data: { sha256: stored.sha256, fileName: input.name, contentType, size: stored.size, capturedAt, source: input.source },
  });
  const size = stored.size >= 1048576 ? `${(stored.size / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(stored.size / 1024))} KB`;
  const when = capturedAt ? `，拍摄时间 ${capturedAt.replace('T', ' ')}` : '';
  return { reply: { type: 'text', text: `已将“${input.name}”（${size}${when}）附到${where}。SHA-256：${stored.sha256}` } };
}
