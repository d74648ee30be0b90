import type { ReplacementOutcome } from './replacement-draw';
import { messagePeople } from './message-people';
import type { RecusalRow, Repos, TaskRow } from './ports/store';
import { lockTask, refreshTaskViews } from './task-access';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from './use-case';
import { recusalCardKey, recusalDecisionCard, recusalLeaderCard, recusalRejectFormKey, type RecusalView } from './views/recusal-cards';

/**
 * Locks the recusal's task (its draw first, then the task: see lockTask) and reads the recusal
 * under the lock, so that two leaders deciding at once, or a double click, decide it once: the
 * second reads it decided. Only the actor's agency's recusals are found.
 */
export async function lockRecusal(ctx: UseCaseContext, recusalId: number): Promise<{ recusal: RecusalRow; task: TaskRow }> {
  const seen = await ctx.repos.recusals.byId(recusalId);
  if (!seen || seen.agencyId !== ctx.actor.agencyId) throw new AppError('not_found', '找不到这项回避申请。');
  const task = await lockTask(ctx, seen.taskId);
  const recusal = await ctx.repos.recusals.byId(recusalId);
  if (!task || !recusal) throw new AppError('not_found', '找不到这项回避申请。');
  return { recusal, task };
}

/**
 * The recusal to decide, locked with its task: or, when it is decided already (a double click, a
 * second leader), the answer showing that decision. Nobody decides a recusal of their own.
 */
export async function lockPendingRecusal(
  ctx: UseCaseContext,
  recusalId: number,
): Promise<{ decided: UseCaseResult } | { decided?: undefined; recusal: RecusalRow; task: TaskRow }> {
  const { recusal, task } = await lockRecusal(ctx, recusalId);
  if (recusal.status !== 'pending') {
    const v = await recusalView(ctx.repos, recusal.id);
    return { decided: { toast: { kind: 'info', text: alreadyDecidedText(v) }, card: recusalLeaderCard(v) } };
  }
  if (recusal.personId === ctx.actor.id || recusal.requestedBy === ctx.actor.id) throw new AppError('permission', '不能审批本人的回避申请。');
  return { recusal, task };
}

/** The recusal as its cards show it, read as it stands now. */
export async function recusalView(repos: Repos, recusalId: number, outcome?: ReplacementOutcome): Promise<RecusalView> {
  const recusal = (await repos.recusals.byId(recusalId))!;
  const task = (await repos.tasks.byId(recusal.taskId))!;
  const requester = await repos.directory.person(recusal.requestedBy);
  const decider = recusal.decidedBy === null ? undefined : await repos.directory.person(recusal.decidedBy);
  const drawn = recusal.replacementNo === null ? undefined : task.officers.find((o) => o.replacementNo === recusal.replacementNo);
  const replacement = drawn ? { name: drawn.name, replacementNo: drawn.replacementNo } : outcome && !outcome.ok ? { failure: outcome.reason } : undefined;
  return {
    recusal,
    task,
    requesterName: requester?.name ?? '',
    ...(decider ? { deciderName: decider.name } : {}),
    ...(replacement ? { replacement } : {}),
  };
}

/** “这项回避申请已由张三于 2026-03-02 同意。”, for a second click or a second leader. */
export function alreadyDecidedText(v: RecusalView): string {
  const r = v.recusal;
  const what = r.status === 'rejected' ? '不同意' : r.kind === 'order' ? '决定回避' : '同意';
  return `这项回避申请已由${v.deciderName ?? '局领导'}决定：${what}。`;
}

/**
 * After a decision: every leader's copy of the application card (and any 不同意 form still
 * open) shows the decision, the officer concerned gets the decision by direct message, and every
 * copy of the task's cards shows where the task now stands. The group hears of an approved
 * recusal without its grounds (the reason is private).
 */
export async function announceRecusalDecision(ctx: UseCaseContext, recusalId: number, outcome?: ReplacementOutcome): Promise<RecusalView> {
  const { repos } = ctx;
  const v = await recusalView(repos, recusalId, outcome);
  const { recusal, task } = v;
  const draw = (await repos.draws.byId(task.agencyId, task.drawId))!;
  const leaders = await repos.directory.peopleWithRole(task.agencyId, ['leader']);
  const card = recusalLeaderCard(v);
  await messagePeople(
    repos,
    task.agencyId,
    draw.platform,
    leaders.flatMap((l) =>
      [recusalCardKey(recusal.id), recusalRejectFormKey(recusal.id)].map((key) => ({
        personId: l.id,
        cardKey: key,
        message: { type: 'update' as const, card, ifShown: true },
        idempotencyKey: `recusal:${recusal.id}:decided:${l.id}:${key}`,
      })),
    ),
  );
  await messagePeople(repos, task.agencyId, draw.platform, [
    { personId: recusal.personId, message: { type: 'card', card: recusalDecisionCard(v) }, idempotencyKey: `recusal:${recusal.id}:decision` },
  ]);
  const back = recusal.status === 'rejected' ? [recusal.personId] : [];
  await refreshTaskViews(repos, task.id, draw.platform, `recusal:${recusal.id}:decided`, todayOf(ctx.env), back);
  if (recusal.status === 'approved') {
    const how = recusal.kind === 'order' ? '局领导决定' : '经局领导同意';
    const label = `${draw.drawNo} 第 ${task.ordinal + 1} 组（${task.enterpriseName}）`;
    const rep = v.replacement;
    const after = !rep
      ? ''
      : 'failure' in rep
        ? `。无法随机补抽：${rep.failure}。请局领导决定处理方式（如 /cancel 后重新抽取）`
        : `，已按原种子随机补抽 ${rep.name}（第 ${rep.replacementNo} 次补抽，可用 /verify ${draw.drawNo} 复核）`;
    await repos.outbox.enqueue([
      {
        agencyId: task.agencyId,
        to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
        message: { type: 'text', text: `${label}：${recusal.officerName}回避（${how}）${after}。` },
        idempotencyKey: `recusal:${recusal.id}:group`,
      },
    ]);
  }
  return v;
}
