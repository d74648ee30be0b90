import { personDeadlines } from '../../domain/reminders';
import type { CardView } from '../views/card-view';
import { calendarOf, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { deadlinesCard, officerDigestCard } from '../views/reminder-cards';

/** The actor's deadlines as a card: every open one (`all`), or what today's digest holds (`digest`). */
export async function deadlinesView(ctx: UseCaseContext, view: 'all' | 'digest'): Promise<CardView> {
  const today = todayOf(ctx.env);
  const tasks = await ctx.repos.reminders.openTasks({ personId: ctx.actor.id });
  const calendar = await calendarOf(ctx.repos);
  return view === 'digest'
    ? officerDigestCard(ctx.actor.name, today, ctx.actor.id, personDeadlines(tasks, ctx.actor.id, today, calendar, { scope: 'due' }))
    : deadlinesCard(ctx.actor.name, today, personDeadlines(tasks, ctx.actor.id, today, calendar));
}

/** `/deadlines`: my open deadlines, soonest first, with the 复查 buttons where one is due. */
export async function myDeadlines(ctx: UseCaseContext): Promise<UseCaseResult> {
  const card = await deadlinesView(ctx, 'all');
  if (ctx.actor.role !== 'officer' && card.sections[0]?.type === 'text') {
    card.sections.push({ type: 'text', text: '发送 /remind 立即发送今日提醒，/status 查看全局进度。' });
  }
  return { reply: { type: 'card', card } };
}
