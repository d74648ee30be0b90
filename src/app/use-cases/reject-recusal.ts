import { audit } from '../audit';
import { announceRecusalDecision, lockPendingRecusal, recusalView } from '../recusal-access';
import type { UseCaseContext, UseCaseResult } from '../use-case';
import { recusalLeaderCard, recusalRejectForm } from '../views/recusal-cards';

/** 不同意 opens a form for the reason (a refusal must say why); a decided recusal shows its decision instead. */
export async function showRecusalRejectForm(ctx: UseCaseContext, input: { recusalId: number }): Promise<UseCaseResult> {
  const open = await lockPendingRecusal(ctx, input.recusalId);
  if (open.decided) return open.decided;
  return { reply: { type: 'card', card: recusalRejectForm(await recusalView(ctx.repos, open.recusal.id)) } };
}

/**
 * 不同意: the agency head refuses an officer's 回避, with a reason. The officer is back on the task
 * as he was (pending or confirmed) and is told why; nothing is drawn. Decided once, like 同意.
 */
export async function rejectRecusal(ctx: UseCaseContext, input: { recusalId: number; reason: string }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const open = await lockPendingRecusal(ctx, input.recusalId);
  if (open.decided) return open.decided;
  const { recusal, task } = open;
  const at = env.clock.now();
  await repos.recusals.decide(recusal.id, { status: 'rejected', by: actor.id, at, reason: input.reason });
  await repos.tasks.setOfficerStatus(recusal.taskOfficerId, ['awaiting_recusal'], recusal.previousStatus, { at });
  await audit(repos, actor, 'task.recusal_rejected', {
    agencyId: task.agencyId,
    subject: `task:${task.id}`,
    data: { recusalId: recusal.id, certificateNo: recusal.certificateNo, reason: input.reason },
  });
  const v = await announceRecusalDecision(ctx, recusal.id);
  return { toast: { kind: 'success', text: `已决定不同意${recusal.officerName}回避，并通知申请人。` }, card: recusalLeaderCard(v) };
}
