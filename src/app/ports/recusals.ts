import type { RecusalGround } from '../../domain/recusal/grounds';

export type RecusalKind = 'application' | 'order';
export type RecusalStatus = 'pending' | 'approved' | 'rejected';

/**
 * One 回避: an officer's application decided by the agency head, or the head's order. `reason`
 * (and `decisionReason`) are private: for the officer concerned and the leaders only.
 */
export interface RecusalRow {
  id: number;
  agencyId: number;
  taskId: number;
  /** The officer's row on the task. */
  taskOfficerId: number;
  /** The officer concerned (who leaves the task when it is approved). */
  personId: number;
  officerName: string;
  certificateNo: string;
  kind: RecusalKind;
  ground: RecusalGround;
  reason: string;
  /** The applicant (application) or the leader who ordered it (order). */
  requestedBy: number;
  requestedAt: Date;
  previousStatus: 'pending' | 'confirmed';
  status: RecusalStatus;
  decidedBy: number | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  replacementNo: number | null;
}

export interface NewRecusal
  extends Pick<RecusalRow, 'agencyId' | 'taskId' | 'taskOfficerId' | 'kind' | 'ground' | 'reason' | 'requestedBy' | 'requestedAt' | 'previousStatus'> {
  /** An order is decided when it is made: `approved`, with its decider and date. */
  decided?: { by: number; at: Date };
}

/** 回避 applications and orders (src/db/repos/recusal-repo.ts, src/db/memory/recusal-repo.ts). */
export interface RecusalRepo {
  /** Records it; at most one pending per officer row (a second is refused by the database). */
  insert(input: NewRecusal): Promise<number>;
  byId(id: number): Promise<RecusalRow | undefined>;
  /** Decides a pending one; false when it was already decided (a second click, another leader). */
  decide(id: number, decision: { status: 'approved' | 'rejected'; by: number; at: Date; reason?: string }): Promise<boolean>;
  /** Records the replacement draw made for an approved one. */
  setReplacement(id: number, replacementNo: number): Promise<void>;
  /** A task's recusals, oldest first. */
  ofTask(taskId: number): Promise<RecusalRow[]>;
}
