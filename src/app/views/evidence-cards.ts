import type { CardButton } from './card-view';

/**
 * 上传证据: makes the task the officer's current one, so the photos and files he sends next are
 * attached to it; on the 复查 form, to that 复查 round (they go in its 整改复查意见书, not in the
 * 现场检查记录 of the inspection).
 */
export function evidenceButton(taskId: number, round?: number): CardButton {
  return { label: '上传证据', action: 'task.evidence_focus', payload: { taskId: String(taskId), ...(round ? { round: String(round) } : {}) } };
}
