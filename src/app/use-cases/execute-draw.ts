import { bytesToHex } from '@noble/hashes/utils.js';
import { fetchCommittedRound } from '../draw-beacon';
import { seedBeaconOf } from '../draw-export';
import { revealDrawSecret } from '../draw-secret';
import { audit } from '../audit';
import { executeDraw as executeDrawPure, lotPositionsToRead, type PreparedDraw } from '../../domain/draw';
import { messagePeople } from '../message-people';
import { lockDraw } from '../task-access';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { drawCardKey, drawResultCards } from '../views/draw-cards';
import { drawCardOf } from '../draw-card';
import { taskCard } from '../views/task-cards';

/**
 * 抽取第二步（揭示）: on the leader's confirmation, reveal the secret, derive the seed, draw the
 * enterprises and the officer groups, create the tasks and send each officer his task card.
 */
export async function executeDraw(ctx: UseCaseContext, input: { drawId: number }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const { drawId } = input;
  const draw = await lockDraw(ctx, drawId);
  if (!draw) throw new AppError('not_found', '找不到这次抽取，可能不属于你的单位。');
  if (draw.status !== 'prepared') {
    return { toast: { kind: 'info', text: `该抽取已${draw.status === 'executed' ? '执行' : '结束'}，无需重复操作。` }, card: await drawCardOf(repos, draw) };
  }
  const { windowFrom, windowTo } = draw.summary;
  if (todayOf(env) > windowTo) {
    throw new AppError('invalid', `本次抽取的检查期 ${windowFrom} 至 ${windowTo} 已经结束，不能再执行：请在卡片上点“放弃”，再按新的检查期发起抽取。`);
  }
  const secret = revealDrawSecret(env, draw);
  const beacon = await fetchCommittedRound(env, draw);
  const seedBeacon = seedBeaconOf({ ...draw, beacon });
  // Only the records the draw reads are fetched: a thousand lines of a lot of a million.
  const frozen = (await repos.draws.frozen(drawId, (head, lotSize) => lotPositionsToRead({ ...head, beacon: seedBeacon }, lotSize, secret))) as PreparedDraw;
  const prepared = { ...frozen, beacon: seedBeacon };
  const outcome = executeDrawPure(prepared, secret);
  const at = env.clock.now();
  if (!outcome.ok) {
    await repos.draws.transition(drawId, ['prepared'], 'abandoned', {
      endedReason: `无法完成抽取：${outcome.reason}`,
      secret: bytesToHex(secret),
      ...(beacon ? { beacon } : {}),
      at,
    });
    await audit(repos, actor, 'draw.failed', { agencyId: draw.agencyId, subject: `draw:${drawId}`, data: { reason: outcome.reason } });
    const ended = (await repos.draws.byId(actor.agencyId, drawId))!;
    return { toast: { kind: 'error', text: `无法完成抽取：${outcome.reason}` }, card: await drawCardOf(repos, ended) };
  }
  // The record carries the audit chain's head at its execution, which later published heads must extend.
  const auditHead = await repos.audit.head();
  const moved = await repos.draws.transition(drawId, ['prepared'], 'executed', {
    seed: outcome.seed,
    result: { seed: outcome.seed, tasks: outcome.tasks, strata: outcome.strata, auditHead },
    executedBy: actor.id,
    secret: bytesToHex(secret),
    ...(beacon ? { beacon } : {}),
    at,
  });
  if (!moved) {
    const current = (await repos.draws.byId(actor.agencyId, drawId))!;
    return { toast: { kind: 'info', text: '该抽取已被处理。' }, card: await drawCardOf(repos, current) };
  }

  const officers = await repos.directory.peopleWithRole(draw.agencyId, ['officer']);
  const personByCert = new Map(officers.map((p) => [p.certificateNo, p]));
  const taskIds = await repos.tasks.insertMany(
    drawId,
    draw.agencyId,
    outcome.tasks.map((t, ordinal) => {
      const e = outcome.targets[ordinal]!;
      return {
        ordinal,
        uscc: t.uscc,
        enterpriseName: e.name,
        industry: e.industry,
        township: e.township,
        windowFrom: prepared.params.window.from,
        windowTo: prepared.params.window.to,
        officers: t.officers.map((cert) => {
          const person = personByCert.get(cert);
          if (!person) throw new Error(`officer ${cert} of the frozen pool has no person row`);
          return { personId: person.id, certificateNo: cert };
        }),
      };
    }),
  );
  await audit(repos, actor, 'draw.executed', {
    agencyId: draw.agencyId,
    subject: `draw:${drawId}`,
    data: { drawNo: draw.drawNo, secret: bytesToHex(secret), seed: outcome.seed, tasks: outcome.tasks, taskIds },
  });

  const executed = (await repos.draws.byId(actor.agencyId, drawId))!;
  const tasks = await repos.tasks.ofDraw(drawId);
  const group = { kind: 'chat' as const, platform: draw.platform, id: draw.chatId };
  await repos.outbox.enqueue([
    {
      agencyId: draw.agencyId,
      to: group,
      message: { type: 'update', card: await drawCardOf(repos, executed) },
      idempotencyKey: `${drawCardKey(drawId)}:executed`,
    },
    ...drawResultCards(executed, tasks).map((card) => ({
      agencyId: draw.agencyId,
      to: group,
      message: { type: 'card' as const, card },
      idempotencyKey: card.key,
    })),
  ]);
  const items = await repos.directory.checkItems();
  const enterprises = await repos.directory.enterprisesByUscc(
    draw.agencyId,
    tasks.map((t) => t.uscc),
  );
  const assignments = tasks.flatMap((task) => task.officers.map((o) => ({ task, o })));
  const unbound = await messagePeople(
    repos,
    draw.agencyId,
    draw.platform,
    assignments.map(({ task, o }) => ({
      personId: o.personId,
      message: { type: 'card', card: taskCard(task, enterprises.get(task.uscc), o.personId, items) },
      idempotencyKey: `task:${task.id}:card:${o.personId}`,
    })),
  );
  const nameOf = new Map(assignments.map(({ o }) => [o.personId, o.name]));
  const missing = new Set(unbound.map((id) => nameOf.get(id)));
  if (missing.size) {
    await repos.outbox.enqueue([
      {
        agencyId: draw.agencyId,
        to: group,
        message: { type: 'text', text: `以下执法人员尚未绑定账号，无法私聊发送任务卡，请管理员绑定后通知本人：${[...missing].join('、')}` },
        idempotencyKey: `${drawCardKey(drawId)}:unbound`,
      },
    ]);
  }
  return { toast: { kind: 'success', text: `抽取完成：${tasks.length} 家企业，任务卡已发送。` }, card: await drawCardOf(repos, executed) };
}
