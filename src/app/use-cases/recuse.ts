import { audit } from '../audit';
import { committedDrawOf } from '../draw-export';
import { revealDrawSecret } from '../draw-secret';
import { applyReplacement, drawReplacement, type DrawTask, type ReplacementRecord } from '../../domain/draw';
import { loadOwnTask, refreshTaskViews, reloadTaskCard } from '../task-access';
import { messagePeople } from '../message-people';
import type { UseCaseContext, UseCaseResult } from '../use-case';
import { taskCard } from '../views/task-cards';

/**
 * 回避 (行政处罚法 第四十三条；河南省行政执法条例 第二十三条): the officer leaves the task with a
 * reason, and one officer is drawn for it from those still eligible, by the same rules and from
 * the same seed (domain-separated by replacement number), so the replacement is verifiable too.
 */
/** `reason` is trimmed, 2 to 500 characters (the command table checks it). */
export async function recuse(ctx: UseCaseContext, input: { taskId: number; reason: string }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const own = await loadOwnTask(ctx, input.taskId);
  const { reason } = input;
  if (own.task.status !== 'assigned' || (own.me.status !== 'pending' && own.me.status !== 'confirmed')) {
    return { toast: { kind: 'info', text: '这项任务已不能申请回避。' }, card: await reloadTaskCard(ctx, own) };
  }
  const at = env.clock.now();
  const moved = await repos.tasks.setOfficerStatus(own.me.id, ['pending', 'confirmed'], 'recused', { recusalReason: reason, at });
  if (!moved) return { toast: { kind: 'info', text: '你的回避申请已处理。' }, card: await reloadTaskCard(ctx, own) };
  await audit(repos, actor, 'task.recused', {
    agencyId: own.task.agencyId,
    subject: `task:${own.task.id}`,
    data: { certificateNo: own.me.certificateNo, reason },
  });

  await repos.draws.lock(own.task.drawId);
  const draw = (await repos.draws.byId(own.task.agencyId, own.task.drawId))!;
  const prepared = await committedDrawOf(repos, draw);
  const previous = await repos.draws.replacements(draw.id);
  let tasksNow: DrawTask[] = draw.result!.tasks;
  for (const r of previous) tasksNow = applyReplacement(tasksNow, r.taskIndex, r.excludedOfficers, r.officer);
  const current = (await repos.tasks.byId(own.task.id))!;
  const excludedOfficers = current.officers.filter((o) => o.status === 'recused' || o.status === 'released').map((o) => o.certificateNo);
  const replacementNo = previous.filter((r) => r.taskIndex === own.task.ordinal).length + 1;
  const outcome = drawReplacement(prepared, tasksNow, { taskIndex: own.task.ordinal, replacementNo, excludedOfficers }, revealDrawSecret(env, draw));
  const group = { kind: 'chat' as const, platform: draw.platform, id: draw.chatId };
  const label = `${draw.drawNo} 第 ${own.task.ordinal + 1} 组（${own.task.enterpriseName}）`;

  if (!outcome.ok) {
    await audit(repos, 'system', 'task.replacement_failed', {
      agencyId: draw.agencyId,
      subject: `task:${own.task.id}`,
      data: { replacementNo, excludedOfficers, reason: outcome.reason },
    });
    await repos.outbox.enqueue([
      {
        agencyId: draw.agencyId,
        to: group,
        message: {
          type: 'text',
          text: `${label}：${actor.name}申请回避（${reason}）。无法随机补抽：${outcome.reason}。请局领导决定处理方式（如 /cancel 后重新抽取）。`,
        },
        idempotencyKey: `task:${own.task.id}:recusal:${own.me.id}:failed`,
      },
    ]);
    await refreshTaskViews(ctx.repos, own.task.id, ctx.origin.platform, `recusal:${own.me.id}`);
    return { toast: { kind: 'warning', text: '回避已登记，但暂无符合条件的人员可补抽，已通知局领导。' }, card: await reloadTaskCard(ctx, own) };
  }
  const person = await repos.directory.personByCertificate(draw.agencyId, outcome.officer);
  if (!person) throw new Error(`replacement ${outcome.officer} has no person row`);
  await repos.tasks.addOfficer(own.task.id, person.id, outcome.officer, replacementNo);
  const record: ReplacementRecord = { taskIndex: own.task.ordinal, replacementNo, excludedOfficers, reason: `回避：${reason}`, officer: outcome.officer };
  await repos.draws.addReplacement(draw.id, record);
  await audit(repos, 'system', 'task.replacement_drawn', { agencyId: draw.agencyId, subject: `task:${own.task.id}`, data: { ...record } });

  const updated = (await repos.tasks.byId(own.task.id))!;
  await messagePeople(repos, draw.agencyId, draw.platform, [
    {
      personId: person.id,
      message: { type: 'card', card: taskCard(updated, own.enterprise, person.id, own.items) },
      idempotencyKey: `task:${own.task.id}:card:${person.id}:r${replacementNo}`,
    },
  ]);
  await refreshTaskViews(ctx.repos, own.task.id, ctx.origin.platform, `recusal:${own.me.id}`);
  await repos.outbox.enqueue([
    {
      agencyId: draw.agencyId,
      to: group,
      message: {
        type: 'text',
        text: `${label}：${actor.name}申请回避（${reason}），已按原种子随机补抽 ${person.name}（第 ${replacementNo} 次补抽，可用 /verify ${draw.drawNo} 复核）。`,
      },
      idempotencyKey: `task:${own.task.id}:recusal:${own.me.id}:group`,
    },
  ]);
  return { toast: { kind: 'success', text: `回避已登记，已随机补抽 ${person.name}。` }, card: await reloadTaskCard(ctx, own) };
}
