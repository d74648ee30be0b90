import { publishAuditHeads } from '../app/use-cases/publish-audit-heads';
import { shanghaiDate } from '../domain/workdays';
import type { JobContext } from './schedule';

/**
 * The daily publication of the audit chain's head (src/app/use-cases/publish-audit-heads.ts),
 * with the 09:00 digests: yesterday's head (and any day missed) is recorded and, when the chain
 * moved, posted to every bound group. The day is the slot's, so a caught-up run publishes the
 * same heads as the one it replaces, and a rerun nothing.
 */
export async function auditHeadsJob(ctx: JobContext, slot: Date) {
  const result = await publishAuditHeads(ctx.store, shanghaiDate(slot), {
    now: ctx.clock.now(),
    publicBaseUrl: ctx.publicBaseUrl,
    ...(ctx.platforms ? { platforms: ctx.platforms } : {}),
  });
  if (result.posted) ctx.wakeOutbox();
  const days = result.recorded.map((d) => `${d.day}: ${d.entryCount} entries, ${d.hash}`);
  ctx.logger.info(days.length ? `audit heads published (${result.posted} group messages): ${days.join('; ')}` : 'audit heads: nothing new to publish');
  return { recorded: result.recorded.map(({ day, entryCount, hash }) => ({ day, entryCount, hash })), posted: result.posted };
}
