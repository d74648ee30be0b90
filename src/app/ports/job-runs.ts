/** The recorded run of one scheduled slot (table `job_runs`). */
export interface JobRun {
  id: number;
  job: string;
  /** The slot's key, e.g. `2026-03-02T01:00Z` (see slotKey in src/jobs/job-runs.ts). */
  slot: string;
  startedAt: Date;
  finishedAt: Date | null;
  ok: boolean | null;
  /** The job's summary, or `{ error }` when it failed. */
  detail: unknown;
}

/**
 * The ledger of scheduled runs: each (job, slot) is claimed once, so two instances, a restart or
 * a catch-up never do a slot's work twice. Each call is one autocommitted statement (no session
 * lock), safe behind poolers.
 */
export interface JobRunRepo {
  /**
   * Claims (job, slot) with a unique insert; returns the run id, or undefined when another
   * instance has it. A slot is claimed again only when its run failed, or started before
   * `staleBefore` and never finished (the process died mid-run).
   */
  claim(job: string, slot: string, now: Date, staleBefore: Date): Promise<number | undefined>;
  /** Records the end of a claimed run and its summary. */
  finish(id: number, ok: boolean, detail: unknown, at: Date): Promise<void>;
  /** The recorded run of a slot, if any. */
  find(job: string, slot: string): Promise<JobRun | undefined>;
}
