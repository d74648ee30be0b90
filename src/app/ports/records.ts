import type { RecheckOutcome, ValidRecheck } from '../../domain/findings/recheck';
import type { FindingsDraft, Rectification } from '../../domain/findings/types';
import type { IsoDate } from '../../domain/model';

/** One 复查 round as recorded. */
export interface RecheckRow extends ValidRecheck {
  id: number;
  taskId: number;
  /** 1 for the first 复查, 2 after a new 整改期限, … */
  round: number;
  recordedBy: number;
  createdAt: Date;
}

/** A photo or file attached to a task; its bytes are in the EvidenceStore under `sha256`. */
export interface EvidenceRow {
  id: number;
  agencyId: number;
  taskId: number;
  sha256: string;
  contentType: string;
  size: number;
  fileName: string;
  /** EXIF DateTimeOriginal of a photo (`YYYY-MM-DDTHH:MM:SS`, camera time, no zone), or null. */
  capturedAt: string | null;
  uploadedBy: number;
  /** The delivery it came in (`feishu:msg:<message_id>`, `local:msg:<message id>`). */
  source: string;
  /** The 复查 round it was sent for (1, 2, …); null: the inspection itself (the 现场检查记录's evidence). */
  round: number | null;
  /** The inspection's, sent after the findings were submitted: kept, but not in the 现场检查记录 already issued. */
  afterRecord: boolean;
  createdAt: Date;
}

/** What an officer is sending evidence for: a task, and the 复查 round when he chose it on the 复查 form. */
export interface EvidenceFocus {
  taskId: number;
  round: number | null;
}

/**
 * The inspection record around the findings (src/db/repos/record-repo.ts): the findings form's
 * draft between its steps, the 复查 rounds, the evidence attached to a task, and the task an
 * officer is currently sending evidence for.
 */
export interface RecordRepo {
  draft(taskId: number): Promise<FindingsDraft | undefined>;
  saveDraft(taskId: number, draft: FindingsDraft, by: number, at: Date): Promise<void>;
  dropDraft(taskId: number): Promise<void>;
  /** The task's 复查 rounds, oldest first. */
  rechecks(taskId: number): Promise<RecheckRow[]>;
  /** Records a round once; false when that round of the task is already recorded. */
  insertRecheck(input: Omit<RecheckRow, 'id' | 'createdAt'>): Promise<boolean>;
  /**
   * The task's current rectification as the reminders read it, after a 复查: settled
   * (`recheckResult` set), or a new 整改期限 awaiting the next round (`recheckResult` null).
   */
  setRectificationState(
    taskId: number,
    state: { rectification: Rectification; rectificationDue: IsoDate | null; recheckResult: RecheckOutcome | null; recheckedAt: Date },
  ): Promise<void>;
  /** Attaches a file once per task; false when the same bytes are already attached to it. */
  addEvidence(input: Omit<EvidenceRow, 'id' | 'createdAt'>, at: Date): Promise<boolean>;
  evidenceOf(taskId: number): Promise<EvidenceRow[]>;
  /** What an officer sends evidence for, until `until` (replaces any earlier one). */
  setFocus(personId: number, focus: EvidenceFocus, until: Date): Promise<void>;
  /** The officer's current evidence focus, when `now` is before its end. */
  focusOf(personId: number, now: Date): Promise<EvidenceFocus | undefined>;
}
