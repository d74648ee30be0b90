import type { JobRun, JobRunRepo } from '../app/ports/job-runs';

/** `2026-03-02T01:00Z`: the slot a scheduled minute stands for. */
export function slotKey(slot: Date): string {
  return `${slot.toISOString().slice(0, 16)}Z`;
}

/**
 * Claims (job, slot) with a unique insert; returns the run id, or undefined when another
 * instance has it. A slot is claimed again only when its run failed, or started more than
 * `staleMs` ago and never finished (the process died mid-run): the jobs are idempotent, so the
 * rerun finishes what is left. One autocommitted statement, no session lock.
 */
export async function claimSlot(runs: JobRunRepo, job: string, slot: Date, now: Date, staleMs: number): Promise<number | undefined> {
  return runs.claim(job, slotKey(slot), now, new Date(now.getTime() - staleMs));
}

/** The recorded run of a slot, if any. */
export async function slotRun(runs: JobRunRepo, job: string, slot: Date): Promise<JobRun | undefined> {
  return runs.find(job, slotKey(slot));
}
