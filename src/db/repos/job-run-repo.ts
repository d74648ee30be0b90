import { and, eq, sql } from 'drizzle-orm';
import type { JobRunRepo } from '../../app/ports/job-runs';
import type { DbOrTx } from '../database';
import { jobRuns } from '../schema';

/** The `job_runs` ledger: one autocommitted statement per call, no session lock. */
export function jobRunRepo(db: DbOrTx): JobRunRepo {
  return {
    async claim(job, slot, now, staleBefore) {
      const rows = await db
        .insert(jobRuns)
        .values({ job, slot, startedAt: now })
        .onConflictDoUpdate({
          target: [jobRuns.job, jobRuns.slot],
          set: { startedAt: now, finishedAt: null, ok: null, detail: null },
          setWhere: sql`${jobRuns.ok} = false or (${jobRuns.finishedAt} is null and ${jobRuns.startedAt} < ${staleBefore.toISOString()}::timestamptz)`,
        })
        .returning({ id: jobRuns.id });
      return rows[0]?.id;
    },
    async finish(id, ok, detail, at) {
      await db
        .update(jobRuns)
        .set({ finishedAt: at, ok, detail: detail ?? null })
        .where(eq(jobRuns.id, id));
    },
    async find(job, slot) {
      const [row] = await db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slot)));
      return row;
    },
  };
}
