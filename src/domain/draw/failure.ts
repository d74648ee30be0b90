/**
 * Why a draw step refused: a stable machine-readable code next to the reason for the leader in
 * Simplified Chinese. Callers and tests branch on the code; the sentence may be reworded.
 */

/**
 * Every kind of refusal of the draw. Codes are stable: a code is never renamed or reused for a
 * different kind.
 */
export type FailureCode =
  // What the leader asked for (params)
  | 'invalid-filters'
  | 'invalid-quotas'
  | 'invalid-policy'
  /** Fewer than two officers per group (行政处罚法 第四十二条). */
  | 'group-too-small'
  | 'invalid-window'
  | 'invalid-today'
  | 'invalid-draw-no'
  // The registers and the history
  | 'invalid-enterprise'
  | 'duplicate-enterprise'
  | 'invalid-officer'
  | 'duplicate-officer'
  | 'invalid-history'
  // Not enough to draw from
  | 'too-few-enterprises'
  | 'nothing-to-draw'
  | 'too-few-officers'
  | 'no-expert'
  | 'no-unit-member'
  /** The per-officer task cap cannot cover the groups (overall, per industry or per unit). */
  | 'officer-capacity'
  /** The least-loaded allocation found no group although the checks passed. */
  | 'allocation-failed'
  // Executing, replacing, reading back
  | 'secret-mismatch'
  | 'invalid-replacement'
  | 'replacement-not-needed'
  | 'no-replacement'
  | 'invalid-lot'
  /** A broken invariant of the caller (a bad secret length, a misplaced row): a bug, not the leader's doing. */
  | 'internal';

/** A refusal with its code and a user-facing reason (Simplified Chinese). */
export interface Failure {
  ok: false;
  code: FailureCode;
  reason: string;
}

/** A {@link Failure}. */
export function fail(code: FailureCode, reason: string): Failure {
  return { ok: false, code, reason };
}
