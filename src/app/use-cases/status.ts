import { todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { statusCard } from '../views/status-cards';

/** Progress of the agency (leaders and administrators). */
export async function status(ctx: UseCaseContext): Promise<UseCaseResult> {
  const draws = await ctx.repos.draws.recent(ctx.actor.agencyId, 50);
  const tasks = await ctx.repos.tasks.ofAgency(ctx.actor.agencyId, ['assigned', 'inspected', 'published']);
  return { reply: { type: 'card', card: statusCard({ today: todayOf(ctx.env), draws, tasks }) } };
}
