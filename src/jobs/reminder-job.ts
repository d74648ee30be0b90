import { runDailyReminders } from '../app/use-cases/send-reminders';
import { shanghaiDate } from '../domain/workdays';
import type { JobContext } from './schedule';

/**
 * The 09:00 reminder run. The day is the slot's Asia/Shanghai date (not the clock's), so a
 * slot caught up at 15:00 sends that morning's reminders, and a late rerun sends nothing twice.
 */
export async function dailyRemindersJob(ctx: JobContext, slot: Date) {
  const day = shanghaiDate(slot);
  const result = await runDailyReminders(ctx.store, day, { onQueued: () => ctx.wakeOutbox() });
  if (!result.isWorkday) ctx.logger.info(`reminders: ${day} is not a working day, nothing sent`);
  else
    ctx.logger.info(`reminders for ${day}: ${result.queued} messages queued, ${result.entries} items`, {
      unreachable: result.unreachable,
      missingYears: result.missingYears,
    });
  if (result.missingYears.length) ctx.logger.warn(`holiday schedule missing for ${result.missingYears.join(', ')}: deadlines there are provisional`);
  return result;
}
