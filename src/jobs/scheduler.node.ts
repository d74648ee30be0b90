/**
 * Drives the job table (`schedule.ts`) with node-cron 4 on Node, in UTC.
 *
 * node-cron only triggers: it does not persist anything and does not re-run ticks missed while
 * the process was down (performance-reliability.md §4). So each tick claims its (job, slot) with
 * a unique insert into `job_runs` (two instances: one runs it), and on start each job's latest
 * slot of the current Asia/Shanghai day is caught up if no instance ran it (server down at
 * 09:00 → reminders when it comes back that day).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { JobRunRepo } from '../app/ports/job-runs';
import { shanghaiDate } from '../domain/workdays';
import { DEFAULT_STALE_MS, runJobSlot, slotKey, type SlotOutcome } from './job-runs';
import type { JobContext, ScheduledJob } from './schedule';

export interface NodeSchedulerOptions {
  jobs: readonly ScheduledJob[];
  /** The ledger each (job, slot) is claimed in. */
  runs: JobRunRepo;
  context: JobContext;
  /** A claimed slot that has not finished after this long is considered dead and may be re-run. Default 15 min. */
  staleAfterMs?: number;
}

export type { SlotOutcome } from './job-runs';

const MINUTE = 60_000;

function floorToMinute(d: Date): Date {
  return new Date(Math.floor(d.getTime() / MINUTE) * MINUTE);
}

/** Whether a UTC minute matches a five-field expression (numeric fields only; `L`, `W`, `#` are not caught up). */
function matcher(expression: string): ((d: Date) => boolean) | undefined {
  const f = cron.parse(expression);
  const numeric = (list: Array<number | string>) => list.every((v) => typeof v === 'number');
  if (!numeric(f.dayOfMonth) || !numeric(f.dayOfWeek)) return undefined;
  return (d) =>
    f.minute.includes(d.getUTCMinutes()) &&
    f.hour.includes(d.getUTCHours()) &&
    f.month.includes(d.getUTCMonth() + 1) &&
    (f.dayOfMonth as number[]).includes(d.getUTCDate()) &&
    ((f.dayOfWeek as number[]).includes(d.getUTCDay()) || (d.getUTCDay() === 0 && (f.dayOfWeek as number[]).includes(7)));
}

/** The latest slot of `expression` at or before `now`, within the last 24 hours. */
export function latestSlot(expression: string, now: Date): Date | undefined {
  const match = matcher(expression);
  if (!match) return undefined;
  const start = floorToMinute(now).getTime();
  for (let t = start; t > start - 24 * 60 * MINUTE; t -= MINUTE) {
    const d = new Date(t);
    if (match(d)) return d;
  }
  return undefined;
}

export function createNodeScheduler(options: NodeSchedulerOptions) {
  const { jobs, runs, context: ctx } = options;
  const staleMs = options.staleAfterMs ?? DEFAULT_STALE_MS;
  const tasks: ScheduledTask[] = [];
  const pending = new Set<Promise<unknown>>();

  const track = (p: Promise<unknown>) => {
    const tracked = p.catch((error: unknown) => ctx.logger.error('scheduler failed', { error })).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };

  /** Claims and runs one slot; `taken` when another instance (or an earlier run) has it. */
  const runSlot = (job: ScheduledJob, slot: Date): Promise<SlotOutcome> => runJobSlot(job, slot, runs, ctx, staleMs);

  /** Runs each job's latest slot of today (Asia/Shanghai) unless it already ran. */
  async function catchUp(now: Date = ctx.clock.now()): Promise<Array<{ job: string; slot: string; outcome: SlotOutcome }>> {
    const out: Array<{ job: string; slot: string; outcome: SlotOutcome }> = [];
    for (const job of jobs.filter((j) => j.catchUp)) {
      const slot = latestSlot(job.cronUtc, now);
      if (!slot || shanghaiDate(slot) !== shanghaiDate(now)) continue;
      out.push({ job: job.name, slot: slotKey(slot), outcome: await runSlot(job, slot) });
    }
    return out;
  }

  return {
    runSlot,
    catchUp,
    /** Registers every job with node-cron (UTC) and catches up today's missed slots in the background. */
    start(): void {
      for (const job of jobs) {
        const task = cron.schedule(job.cronUtc, (c) => track(runSlot(job, floorToMinute(c.date))), { timezone: 'UTC', noOverlap: true });
        tasks.push(task);
      }
      track(catchUp());
    },
    /** Next scheduled run of each job (for logs). */
    nextRuns(): Array<{ job: string; at: Date | null }> {
      return tasks.map((t, i) => ({ job: jobs[i]!.name, at: t.getNextRun() }));
    },
    async stop(): Promise<void> {
      for (const t of tasks.splice(0)) await t.destroy();
      await Promise.allSettled([...pending]);
    },
  };
}

export type NodeScheduler = ReturnType<typeof createNodeScheduler>;
