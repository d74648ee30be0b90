import { audit } from '../audit';
import type { IsoDate } from '../../domain/model';
import { addDays, daysBetween } from '../../domain/workdays/dates';
import { messagePeople } from '../message-people';
import type { Platform } from '../ports/messenger';
import type { TaskRow } from '../ports/store';
import type { CardView } from '../views/card-view';
import { deadlineCardsOf } from './my-deadlines';
import { openHazards, validateRecheck } from '../../domain/findings/recheck';
import { loadOwnTask } from '../task-access';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { recheckDoneCard, recheckFormCard } from '../views/recheck-cards';
import { evidenceButton } from '../views/evidence-cards';
import { issueDocuments } from './issue-documents';
import { alertLeadersOfMajorHazard } from './major-hazard-alert';

export async function loadRecheck(ctx: UseCaseContext, taskId: number) {
  const own = await loadOwnTask(ctx, taskId);
  if (own.me.status !== 'confirmed') throw new AppError('permission', '只有实施检查的执法人员可以登记复查结果。');
  const findings = own.task.status === 'assigned' ? undefined : await ctx.repos.tasks.findings(own.task.id);
  if (!findings?.hazards.length || own.task.status === 'cancelled') throw new AppError('invalid', '这项检查没有登记隐患，无需复查。');
  const rounds = await ctx.repos.records.rechecks(own.task.id);
  return { own, findings, rounds, open: openHazards(findings.hazards, rounds) };
}

const done = (r: Awaited<ReturnType<typeof loadRecheck>>) => recheckDoneCard(r.own.task, r.findings, r.rounds, r.own.items);

function formOf(ctx: UseCaseContext, r: Awaited<ReturnType<typeof loadRecheck>>, errors: string[] = []) {
  return recheckFormCard(
    r.own.task,
    r.findings,
    r.open,
    { items: r.own.items, today: todayOf(ctx.env), round: r.rounds.length + 1, evidence: evidenceButton(r.own.task.id, r.rounds.length + 1) },
    errors,
  );
}

/** 复查 (a button on the daily digest, /deadlines or the publication card): the 复查 form, or what was recorded when nothing is open. */
export async function showRecheckForm(ctx: UseCaseContext, input: { taskId: number }): Promise<UseCaseResult> {
  const r = await loadRecheck(ctx, input.taskId);
  if (!r.open.length) return { toast: { kind: 'info', text: '隐患均已复查为已整改。' }, reply: { type: 'card', card: done(r) } };
  return { reply: { type: 'card', card: formOf(ctx, r) } };
}

/**
 * 提交复查结果: the round recorded once (a second submission of the same form changes nothing),
 * with its audit entry (the form names its round, so a double submission records it once). 未整改 is told to the bureau's group for 立案 (安全生产法 第一百零二条);
 * 未整改 of a 重大事故隐患 alerts the leaders and opens the new 整改期限, which the reminders then
 * follow for the next round. The 整改复查意见书 goes to the officer's direct chat.
 */
export async function recordRecheck(ctx: UseCaseContext, input: { taskId: number; round: number; values: Record<string, string> }): Promise<UseCaseResult> {
  const r = await loadRecheck(ctx, input.taskId);
  // The form names its round: submitted twice (or after a partner's), it records nothing more.
  if (r.rounds.length >= input.round || !r.open.length) return { toast: { kind: 'info', text: `已登记过第 ${input.round} 次复查的结果。` }, card: done(r) };
  const check = validateRecheck(input.values, { open: r.open, today: todayOf(ctx.env), inspectionDate: r.findings.inspectionDate });
  if (!check.ok) return { toast: { kind: 'error', text: `有 ${check.errors.length} 处需要修改，未保存。` }, card: formOf(ctx, r, check.errors) };
  const v = check.recheck;
  const round = input.round;
  if (!(await ctx.repos.records.insertRecheck({ taskId: r.own.task.id, round, ...v, recordedBy: ctx.actor.id }))) {
    return { toast: { kind: 'info', text: '同组人员已登记了这次复查。' }, card: done(r) };
  }
  const notRectified = v.results.filter((x) => x.result === 'not_rectified').map((x) => x.no);
  const at = ctx.env.clock.now();
  await ctx.repos.records.setRectificationState(
    r.own.task.id,
    v.newDue
      ? { rectification: 'deadline', rectificationDue: v.newDue, recheckResult: null, recheckedAt: at }
      : {
          rectification: r.findings.rectification,
          rectificationDue: r.findings.rectificationDue,
          recheckResult: notRectified.length ? 'not_rectified' : 'rectified',
          recheckedAt: at,
        },
  );
  const { task } = r.own;
  await audit(ctx.repos, ctx.actor, 'task.recheck_recorded', { agencyId: task.agencyId, subject: `task:${task.id}`, data: { round, ...v } });
  const draw = (await ctx.repos.draws.byId(task.agencyId, task.drawId))!;
  const where = `${draw.drawNo} 第 ${task.ordinal + 1} 组（${task.enterpriseName}）`;
  const text = notRectified.length
    ? `${where}第 ${round} 次复查（${v.recheckDate}）：隐患第 ${notRectified.join('、')} 条未整改${v.newDue ? `，新的整改期限 ${v.newDue}` : ''}，请依法立案查处（安全生产法 第一百零二条；${ctx.actor.name}登记）。`
    : `${where}第 ${round} 次复查（${v.recheckDate}）：隐患均已整改（${ctx.actor.name}登记）。`;
  await ctx.repos.outbox.enqueue([
    {
      agencyId: task.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: { type: 'text', text },
      idempotencyKey: `task:${task.id}:recheck:${round}:group`,
    },
  ]);
  const majorOpen = r.findings.hazards.filter((h) => h.level === 'major' && notRectified.includes(h.no));
  if (majorOpen.length) {
    await alertLeadersOfMajorHazard(ctx, { task, findings: { ...r.findings, hazards: majorOpen }, draw, items: r.own.items, round });
  }
  if (ctx.env.files) await issueDocuments(ctx, { taskId: task.id, to: [ctx.actor.id], tag: `recheck-${round}`, only: { kinds: ['recheck-opinion'], round } });
  await refreshDeadlineCards(ctx, task, r.findings.rectificationDue ?? todayOf(ctx.env), draw.platform, round);
  const rounds = await ctx.repos.records.rechecks(task.id);
  return {
    toast: {
      kind: notRectified.length ? 'warning' : 'success',
      text: `已登记第 ${round} 次复查：${notRectified.length ? `${notRectified.length} 条隐患未整改` : '隐患均已整改'}。`,
    },
    card: recheckDoneCard(task, r.findings, rounds, r.own.items),
  };
}

/** How many days of digests back a recorded 复查 is taken off (its button stands on each day's digest from the deadline on). */
const DIGEST_DAYS = 31;

/**
 * Every officer of the task who was shown the 复查 button (the actor included, for his other
 * copies) gets his `/deadlines` card and his digests since the deadline re-rendered where he holds
 * them, so that no copy offers a 复查 that is recorded (a new 整改期限 shows again when it falls due).
 */
async function refreshDeadlineCards(ctx: UseCaseContext, task: TaskRow, since: IsoDate, platform: Platform, round: number): Promise<void> {
  const today = todayOf(ctx.env);
  const from = daysBetween(since, today) > DIGEST_DAYS ? addDays(today, -DIGEST_DAYS) : since;
  const days: IsoDate[] = [];
  for (let day = from; day <= today; day = addDays(day, 1)) days.push(day);
  const messages = [];
  for (const o of task.officers.filter((x) => x.status === 'confirmed')) {
    const cards = await deadlineCardsOf(ctx.repos, { id: o.personId, name: o.name }, today, days);
    const update = (card: CardView, what: string) => ({
      personId: o.personId,
      message: { type: 'update' as const, card, ifShown: true },
      idempotencyKey: `task:${task.id}:recheck:${round}:${o.personId}:${what}`,
    });
    messages.push(update(cards.all, 'deadlines'), ...cards.digests.map((card, i) => update(card, `digest:${days[i]}`)));
  }
  await messagePeople(ctx.repos, task.agencyId, platform, messages);
}
