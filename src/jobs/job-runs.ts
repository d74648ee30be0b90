import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobRuns } from '../db/schema';

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
export async function claimSlot(db: Db, job: string, slot: Date, now: Date, staleMs: number): Promise<number | undefined> {
  const staleBefore = new Date(now.getTime() - staleMs);
  const rows = await db
    .insert(jobRuns)
    .values({ job, slot: slotKey(slot), startedAt: now })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.slot],
      set: { startedAt: now, finishedAt: null, ok: null, detail: null },
      setWhere: sql`${jobRuns.ok} = false or (${jobRuns.finishedAt} is null and ${jobRuns.startedAt} < ${staleBefore.toISOString()}::timestamptz)`,
    })
    .returning({ id: jobRuns.id });
  return rows[0]?.id;
}

export async function finishSlot(db: Db, id: number, ok: boolean, detail: unknown, at: Date): Promise<void> {
  await db
    .update(jobRuns)
    .set({ finishedAt: at, ok, detail: (detail ?? null) as object })
    .where(eq(jobRuns.id, id));
}

/** The recorded run of a slot, if any. */
export async function slotRun(db: Db, job: string, slot: Date) {
  const [row] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.slot, slotKey(slot))));
  return row;
}
