import { drawEndingsByPerson, drawEndingsSection } from '../draw-endings';
import { todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { assessmentCard, statsCard } from '../views/stats-cards';
import { loadYearReport } from '../year-report';

/** `/stats [年份] [考评]`: the year's statistics, or its year-end assessment, as a card with a chart (leaders, administrators). */
export async function showStats(ctx: UseCaseContext, input: { year: number | undefined; assessment: boolean }): Promise<UseCaseResult> {
  const today = todayOf(ctx.env);
  const year = input.year ?? Number(today.slice(0, 4));
  const report = (await loadYearReport(ctx.repos, { agencyId: ctx.actor.agencyId, year, today }))!;
  if (input.assessment) return { reply: { type: 'card', card: assessmentCard(report) } };
  const card = statsCard(report);
  const endings = drawEndingsSection(await drawEndingsByPerson(ctx.repos, ctx.actor.agencyId, year));
  return { reply: { type: 'card', card: { ...card, sections: [...card.sections, endings] } } };
}
