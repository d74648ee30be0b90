import { audit } from '../audit';
import { announceRecusalDecision, lockPendingRecusal } from '../recusal-access';
import { drawReplacementFor, type ReplacementOutcome } from '../replacement-draw';
import { todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { recusalLeaderCard } from '../views/recusal-cards';

/**
 * 同意: the agency head approves an officer's 回避 (行政处罚法 第四十三条；河南省行政执法条例 第二十三条).
 * The officer leaves the task and, while it is still to be inspected, a replacement is drawn from
 * the same seed. Decided once: a double click or a second leader finds it decided and sees the
 * decision.
 */
export async function approveRecusal(ctx: UseCaseContext, input: { recusalId: number }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const open = await lockPendingRecusal(ctx, input.recusalId);
  if (open.decided) return open.decided;
  const { recusal, task } = open;
  const at = env.clock.now();
  await repos.recusals.decide(recusal.id, { status: 'approved', by: actor.id, at });
  await repos.tasks.setOfficerStatus(recusal.taskOfficerId, ['awaiting_recusal'], 'recused', { at });
  await audit(repos, actor, 'task.recusal_approved', {
    agencyId: task.agencyId,
    subject: `task:${task.id}`,
    data: { recusalId: recusal.id, certificateNo: recusal.certificateNo },
  });
  let outcome: ReplacementOutcome | undefined;
  if (task.status === 'assigned') {
    const departed = task.officers.find((o) => o.id === recusal.taskOfficerId)!;
    outcome = await drawReplacementFor(repos, task, departed, todayOf(env));
    if (outcome.ok) await repos.recusals.setReplacement(recusal.id, outcome.replacementNo);
  }
  const v = await announceRecusalDecision(ctx, recusal.id, outcome);
  const text = outcome?.ok
    ? `已同意${recusal.officerName}回避，已随机补抽 ${outcome.person.name}，并通知申请人。`
    : outcome
      ? `已同意${recusal.officerName}回避，但暂无符合条件的人员可补抽，请决定处理方式（如 /cancel 后重新抽取）。`
      : `已同意${recusal.officerName}回避，并通知申请人。`;
  return { toast: { kind: outcome && !outcome.ok ? 'warning' : 'success', text }, card: recusalLeaderCard(v) };
}
