import { personDeadlines } from '../../domain/reminders';
import type { IsoDate } from '../../domain/model';
import type { Person, Repos } from '../ports/store';
import type { CardView } from '../views/card-view';
import { calendarOf, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { deadlinesCard, officerDigestCard } from '../views/reminder-cards';

/**
 * A person's deadlines as cards, from one read of his tasks: every open one on `today` (`all`,
 * the /deadlines card), and what each of `days`' digests holds.
 */
export async function deadlineCardsOf(
  repos: Repos,
  person: Pick<Person, 'id' | 'name'>,
  today: IsoDate,
  days: readonly IsoDate[] = [],
): Promise<{ all: CardView; digests: CardView[] }> {
  const tasks = await repos.reminders.openTasks({ personId: person.id });
  const calendar = await calendarOf(repos);
  return {
    all: deadlinesCard(person.name, today, personDeadlines(tasks, person.id, today, calendar)),
    digests: days.map((day) => officerDigestCard(person.name, day, person.id, personDeadlines(tasks, person.id, day, calendar, { scope: 'due' }))),
  };
}

/** The actor's deadlines as a card today. */
export async function deadlinesView(ctx: UseCaseContext, view: 'all' | 'digest'): Promise<CardView> {
  const today = todayOf(ctx.env);
  const cards = await deadlineCardsOf(ctx.repos, ctx.actor, today, view === 'digest' ? [today] : []);
  return view === 'digest' ? cards.digests[0]! : cards.all;
}

/** `/deadlines`: my open deadlines, soonest first, with the 复查 buttons where one is due. */
export async function myDeadlines(ctx: UseCaseContext): Promise<UseCaseResult> {
  const card = await deadlinesView(ctx, 'all');
  if (ctx.actor.role !== 'officer' && card.sections[0]?.type === 'text') {
    card.sections.push({ type: 'text', text: '发送 /remind 立即发送今日提醒，/status 查看全局进度。' });
  }
  return { reply: { type: 'card', card } };
}
