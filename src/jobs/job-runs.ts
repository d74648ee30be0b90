import type { JobRun, JobRunRepo } from '../app/ports/job-runs';
import type { JobContext, ScheduledJob } from './schedule';

export type SlotOutcome = 'ran' | 'taken' | 'failed';

/** A claimed slot that has not finished after this long is considered dead and may be re-run. */
export const DEFAULT_STALE_MS = 15 * 60_000;

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

/**
 * Claims and runs one slot of a job, recording how it went; `taken` when another instance (or
 * an earlier run) has it. The one way a slot is run: by node-cron on Node, by a Cron Trigger on
 * Workers.
 */
export async function runJobSlot(job: ScheduledJob, slot: Date, runs: JobRunRepo, ctx: JobContext, staleMs = DEFAULT_STALE_MS): Promise<SlotOutcome> {
  const id = await claimSlot(runs, job.name, slot, ctx.clock.now(), staleMs);
  if (id === undefined) return 'taken';
  try {
    const detail = await job.run(ctx, slot);
    await runs.finish(id, true, detail, ctx.clock.now());
    return 'ran';
  } catch (error) {
    ctx.logger.error(`job ${job.name} failed for slot ${slotKey(slot)}`, { error });
    await runs.finish(id, false, { error: error instanceof Error ? error.message : String(error) }, ctx.clock.now());
    return 'failed';
  }
}
