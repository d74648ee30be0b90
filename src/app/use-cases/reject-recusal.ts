import { audit } from '../audit';
import { alreadyDecidedText, announceRecusalDecision, lockRecusal, recusalView } from '../recusal-access';
import { AppError, type UseCaseContext, type UseCaseResult } from '../use-case';
import { recusalLeaderCard, recusalRejectForm } from '../views/recusal-cards';

/** 不同意 opens a form for the reason (a refusal must say why); a decided recusal shows its decision instead. */
export async function showRecusalRejectForm(ctx: UseCaseContext, input: { recusalId: number }): Promise<UseCaseResult> {
  const { recusal } = await lockRecusal(ctx, input.recusalId);
  const v = await recusalView(ctx.repos, recusal.id);
  if (recusal.status !== 'pending') return { toast: { kind: 'info', text: alreadyDecidedText(v) }, card: recusalLeaderCard(v) };
  return { reply: { type: 'card', card: recusalRejectForm(v) } };
}

/**
 * 不同意: the agency head refuses an officer's 回避, with a reason. The officer is back on the task
 * as he was (pending or confirmed) and is told why; nothing is drawn. Decided once, like 同意.
 */
export async function rejectRecusal(ctx: UseCaseContext, input: { recusalId: number; reason: string }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const { recusal, task } = await lockRecusal(ctx, input.recusalId);
  if (recusal.status !== 'pending') {
    const v = await recusalView(repos, recusal.id);
    return { toast: { kind: 'info', text: alreadyDecidedText(v) }, card: recusalLeaderCard(v) };
  }
  if (recusal.personId === actor.id || recusal.requestedBy === actor.id) throw new AppError('permission', '不能审批本人的回避申请。');
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
