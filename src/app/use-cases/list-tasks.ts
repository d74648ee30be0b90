import { parseDrawRef, resolveDrawRef } from '../../domain/draw/draw-number';
import { messagePeople } from '../message-people';
import type { TaskRow } from '../ports/store';
import { todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { taskListCard } from '../views/status-cards';
import { activeOfficers, taskCard } from '../views/task-cards';

/** What `/tasks` may be narrowed to (leaders and administrators; officers see their own cards). */
export interface TaskFilter {
  /** The actor's own task cards, whatever the role. */
  mine?: boolean;
  drawRef?: string;
  statuses?: Array<TaskRow['status'] | 'unconfirmed'>;
  overdue?: boolean;
  industries?: string[];
  /** Part of an officer's name. */
  officer?: string;
  page?: number;
}

const PAGE_SIZE = 20;
/** At most this many task cards at once; more are listed with how to narrow them. */
const MAX_CARDS = 10;

/**
 * `/tasks`: an officer gets the live card of each open task of his, buttons included (sent to
 * him directly, so that later changes update these copies too); a leader or administrator gets
 * the agency's tasks as a table, filtered and paged.
 */
export async function listTasks(ctx: UseCaseContext, filter: TaskFilter): Promise<UseCaseResult> {
  if (ctx.actor.role === 'officer' || filter.mine) return myTaskCards(ctx);
  return agencyTasks(ctx, filter);
}

async function myTaskCards(ctx: UseCaseContext): Promise<UseCaseResult> {
  const { repos, actor } = ctx;
  const open = (await repos.tasks.ofPerson(actor.id, ['assigned', 'inspected'])).filter((t) => activeOfficers(t).some((o) => o.personId === actor.id));
  if (open.length === 0) return { reply: { type: 'text', text: '目前没有待办的检查任务。' } };
  const items = await repos.directory.checkItems();
  const shown = open.slice(0, MAX_CARDS);
  const request = ctx.requestKey ?? ctx.env.clock.now().toISOString();
  const messages = [];
  for (const task of shown) {
    const enterprise = await repos.directory.enterprise(task.agencyId, task.uscc);
    messages.push({
      personId: actor.id,
      message: { type: 'card' as const, card: taskCard(task, enterprise, actor.id, items) },
      idempotencyKey: `tasks:${request}:${task.id}`,
    });
  }
  const missing = await messagePeople(repos, actor.agencyId, ctx.origin.platform, messages);
  if (missing.length) return { reply: { type: 'text', text: '你的账号尚未关联，无法私聊发送任务卡，请联系管理员。' } };
  const more = open.length > shown.length ? `另有 ${open.length - shown.length} 项，请先处理这些任务，或发送 /deadlines 查看全部期限。` : '';
  // The cards go to the person's direct chat, before this answer.
  const where = ctx.origin.kind === 'group' ? `已私聊发送你的 ${shown.length} 张任务卡` : `以上为你的 ${shown.length} 张任务卡`;
  return { reply: { type: 'text', text: `你有 ${open.length} 项待办检查任务，${where}，可直接在卡片上操作。${more}` } };
}

function matches(task: TaskRow, filter: TaskFilter, drawNo: string | undefined, today: string): boolean {
  if (drawNo && task.drawNo !== drawNo) return false;
  if (filter.industries?.length && !filter.industries.includes(task.industry)) return false;
  if (filter.officer && !activeOfficers(task).some((o) => o.name.includes(filter.officer!))) return false;
  const overdue = task.status === 'inspected' && task.publicationDue !== null && task.publicationDue < today;
  if (filter.overdue && !overdue) return false;
  if (filter.statuses?.length) {
    const unconfirmed = task.status === 'assigned' && task.officers.some((o) => o.status === 'pending');
    if (!filter.statuses.some((s) => (s === 'unconfirmed' ? unconfirmed : s === task.status))) return false;
  }
  return true;
}

async function agencyTasks(ctx: UseCaseContext, filter: TaskFilter): Promise<UseCaseResult> {
  const { repos, actor } = ctx;
  const today = todayOf(ctx.env);
  let drawNo: string | undefined;
  if (filter.drawRef) {
    const ref = parseDrawRef(filter.drawRef);
    const agency = await repos.directory.agency(actor.agencyId);
    const resolved = ref && agency ? resolveDrawRef(ref, agency.shortName, Number(today.slice(0, 4))) : undefined;
    drawNo = resolved && 'drawNo' in resolved ? resolved.drawNo : filter.drawRef;
  }
  const all = await repos.tasks.ofAgency(actor.agencyId, ['assigned', 'inspected', 'published', 'cancelled']);
  const found = all.filter((t) => matches(t, filter, drawNo, today)).sort((a, b) => b.id - a.id);
  const pages = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pages);
  const rows = found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  return { reply: { type: 'card', card: taskListCard({ rows, total: found.length, page, pages, today }) } };
}
