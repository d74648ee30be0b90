import type { CardButton } from './card-view';

/** 上传证据: makes the task the officer's current one, so the photos and files he sends next are attached to it. */
export function evidenceButton(taskId: number): CardButton {
  return { label: '上传证据', action: 'task.evidence_focus', payload: { taskId: String(taskId) } };
}
