import type { Enterprise, IsoDate } from '../domain/model';
import { messagePeople } from './message-people';
import type { Platform } from './ports/messenger';
import type { DrawRow, Repos, TaskOfficerRow, TaskRow } from './ports/store';
import { AppError, calendarOf, todayOf, type UseCaseContext } from './use-case';
import { publicationCard, publicationCardKey, type PublicationStanding } from './views/findings-cards';
import { taskCard, taskCardKey, type CheckItemView } from './views/task-cards';
import type { CardView } from './views/card-view';

export interface OwnTask {
  task: TaskRow;
  me: TaskOfficerRow;
  enterprise: Enterprise | undefined;
  items: CheckItemView[];
}

/**
 * Locks the task's draw, then the task (always in that order), and reads the task under the lock:
 * whatever changes a draw or a task decides from what no other change can alter until it
 * commits (a recusal cannot slip between the check of two confirmed officers and the findings).
 */
export async function lockTask(ctx: Pick<UseCaseContext, 'repos'>, taskId: number): Promise<TaskRow | undefined> {
  const seen = await ctx.repos.tasks.byId(taskId);
  if (!seen) return undefined;
  await ctx.repos.draws.lock(seen.drawId);
  await ctx.repos.tasks.lock(taskId);
  return ctx.repos.tasks.byId(taskId);
}

/** Locks a draw's row and reads it under the lock (see {@link lockTask} for the order). */
export async function lockDraw(ctx: Pick<UseCaseContext, 'repos' | 'actor'>, drawId: number): Promise<DrawRow | undefined> {
  await ctx.repos.draws.lock(drawId);
  return ctx.repos.draws.byId(ctx.actor.agencyId, drawId);
}

/**
 * Only a task's own officers may act on it (and only within their agency). Returns the task as
 * it is now, with the actor's own row in it.
 */
export async function loadOwnTask(ctx: UseCaseContext, taskId: number): Promise<OwnTask> {
  const task = await lockTask(ctx, taskId);
  if (!task || task.agencyId !== ctx.actor.agencyId) throw new AppError('not_found', '找不到这项检查任务。');
  const me = [...task.officers].reverse().find((o) => o.personId === ctx.actor.id);
  if (!me) throw new AppError('permission', '只有本任务的执法人员可以操作这张任务卡。');
  return { task, me, enterprise: await ctx.repos.directory.enterprise(task.agencyId, task.uscc), items: await ctx.repos.directory.checkItems() };
}

export async function reloadTaskCard(ctx: UseCaseContext, own: OwnTask): Promise<CardView> {
  const task = (await ctx.repos.tasks.byId(own.task.id))!;
  return taskCard(task, own.enterprise, ctx.actor.id, own.items);
}

/**
 * The card that shows where a task stands for the actor after a click that changed nothing (a
 * second click, a stale form): once the findings are in, an officer of the inspection sees the
 * publication card, as the first click showed; otherwise the task card. A repeated submission
 * thus never turns a publication card back into a task card.
 */
export async function currentTaskView(ctx: UseCaseContext, own: OwnTask): Promise<CardView> {
  const task = (await ctx.repos.tasks.byId(own.task.id))!;
  const findings = task.status === 'assigned' ? undefined : await ctx.repos.tasks.findings(task.id);
  const me = task.officers.find((o) => o.personId === ctx.actor.id);
  if (findings && me?.status === 'confirmed') {
    const agency = (await ctx.repos.directory.agency(task.agencyId))!;
    return publicationCard(task, findings, agency.name, await publicationStanding(ctx.repos, task, todayOf(ctx.env)));
  }
  return taskCard(task, own.enterprise, ctx.actor.id, own.items);
}

/** Where a task's publication deadline stands today (for the publication card), when it has one. */
export async function publicationStanding(repos: Repos, task: TaskRow, today: IsoDate): Promise<PublicationStanding | undefined> {
  if (task.status !== 'inspected' || !task.publicationDue) return undefined;
  const calendar = await calendarOf(repos);
  return { today, workdaysLeft: calendar.workdaysBetween(today, task.publicationDue).count };
}

/**
 * Keeps every copy of a task's cards current for everyone who ever held one (every officer of the
 * task, recused and replaced ones included): the task card itself, and where a person has it
 * open, the recusal form, the findings form and the publication card. A form that no longer
 * applies turns into what now stands (the publication card once the findings are in, else the
 * task card), so no card keeps a button for something no longer possible or no longer theirs.
 * `tag` makes the outbox keys of one state change unique; `today` is the day the publication
 * card counts the working days left from. `settled`: people whose forms turned into the task card
 * earlier and must show it as it now stands although they may act again (an officer whose 回避
 * was refused is back on the task: the cards that said 回避待审批 get his buttons back).
 */
export async function refreshTaskViews(
  repos: Repos,
  taskId: number,
  platform: Platform,
  tag: string,
  today: IsoDate,
  settled: readonly number[] = [],
): Promise<void> {
  const task = (await repos.tasks.byId(taskId))!;
  const enterprise = await repos.directory.enterprise(task.agencyId, task.uscc);
  const items = await repos.directory.checkItems();
  const findings = task.status === 'assigned' ? undefined : await repos.tasks.findings(task.id);
  const agency = findings ? await repos.directory.agency(task.agencyId) : undefined;
  const standing = await publicationStanding(repos, task, today);
  const publication = findings && agency ? publicationCard(task, findings, agency.name, standing) : undefined;
  const people = [...new Map(task.officers.map((o) => [o.personId, o])).values()];
  const messages = people.flatMap((o) => {
    const card = taskCard(task, enterprise, o.personId, items);
    const mayStillRecuse = task.status === 'assigned' && (o.status === 'pending' || o.status === 'confirmed');
    // An officer waiting for the head's decision is not asked to act: his forms turn into the task card too.
    const mayStillSubmit = task.status === 'assigned' && o.status === 'confirmed';
    const afterFindings = publication && o.status === 'confirmed' ? publication : card;
    const views: Array<[key: string, card: CardView, ifShown: boolean]> = [[taskCardKey(task.id), card, false]];
    const back = settled.includes(o.personId);
    if (!mayStillRecuse || back) views.push([`${taskCardKey(task.id)}:recusal`, card, true]);
    if (!mayStillSubmit || back) views.push([`${taskCardKey(task.id)}:findings`, afterFindings, true]);
    if (publication) views.push([publicationCardKey(task.id), afterFindings, true]);
    return views.map(([key, view, ifShown]) => ({
      personId: o.personId,
      cardKey: key,
      message: { type: 'update' as const, card: view, ...(ifShown ? { ifShown } : {}) },
      idempotencyKey: `task:${task.id}:refresh:${tag}:${o.personId}:${key}`,
    }));
  });
  await messagePeople(repos, task.agencyId, platform, messages);
}
