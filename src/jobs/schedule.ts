import type { Platform } from '../app/ports/messenger';
/**
 * The schedule: ONE table of jobs, each with a cron expression in UTC and the function it runs.
 * Node drives it with node-cron (`scheduler.node.ts`, `timezone: 'UTC'`); a Cloudflare Worker
 * with Cron Triggers (src/worker/invocation.ts), which run on UTC and pass the expression as
 * written in wrangler.toml (`crons = ["0 1 * * *"]`), hence `jobsForCron`; test/worker/crons.test.ts
 * holds wrangler.toml to this table.
 *
 * A tick is only a trigger: each job computes what is due from the database and is idempotent,
 * and each (job, slot) is claimed once in `job_runs`, so two instances, a restart or a
 * catch-up never do a slot's work twice.
 */
import type { Clock } from '../app/ports/clock';
import type { RetentionRepo } from '../app/ports/retention';
import type { Store } from '../app/ports/store';
import type { Logger } from '../logger';
import { auditHeadsJob } from './audit-heads-job';
import { pruneJob } from './prune-job';
import { dailyRemindersJob } from './reminder-job';

/** What a job may use. */
export interface JobContext {
  store: Store;
  /** The prune job's deletions. */
  retention: RetentionRepo;
  clock: Clock;
  logger: Logger;
  /** Wakes the outbox sender after a job queued messages. */
  wakeOutbox(): void;
  /** PUBLIC_BASE_URL, for links in messages. */
  publicBaseUrl?: string;
  /** The messengers this installation has: group messages go only to chats on those (default: all). */
  platforms?: readonly Platform[];
}

export interface ScheduledJob {
  name: string;
  /** Five-field cron expression, evaluated in UTC. */
  cronUtc: string;
  /** Run a slot missed earlier the same (Asia/Shanghai) day when the server starts. */
  catchUp: boolean;
  /** `slot` is the scheduled minute (UTC) the run belongs to. Returns a summary kept in job_runs. */
  run(ctx: JobContext, slot: Date): Promise<unknown>;
}

export const JOBS: readonly ScheduledJob[] = [
  // 09:00 Asia/Shanghai = 01:00 UTC (China has no DST). The job skips non-working days itself.
  { name: 'daily-reminders', cronUtc: '0 1 * * *', catchUp: true, run: dailyRemindersJob },
  // Yesterday's audit chain head, recorded and posted to the groups with the digests (every day).
  { name: 'audit-heads', cronUtc: '0 1 * * *', catchUp: true, run: auditHeadsJob },
  // 03:30 Asia/Shanghai, a quiet hour.
  { name: 'prune', cronUtc: '30 19 * * *', catchUp: false, run: pruneJob },
];

/**
 * Workers only: every minute the outbox and the inbox are drained (what Node's timers do), so a
 * message whose send failed is retried and a delivery whose processing failed is processed
 * again without waiting for the next request. Not a job: it claims no slot.
 */
export const DRAIN_CRON = '* * * * *';

/** The Cron Triggers of the Worker (wrangler.toml `[triggers] crons`): the job table's and the drain. */
export function workerCrons(jobs: readonly ScheduledJob[] = JOBS): string[] {
  return [...new Set([...jobs.map((j) => j.cronUtc), DRAIN_CRON])];
}

/** The jobs a Workers Cron Trigger fires (`controller.cron` is the expression as configured). */
export function jobsForCron(cron: string, jobs: readonly ScheduledJob[] = JOBS): ScheduledJob[] {
  return jobs.filter((j) => j.cronUtc === cron);
}
