import { drawNumber } from '../../domain/draw/draw-number';
import { audit } from '../audit';
import { EXCLUSION_LABELS, type DrawFilters, type ExcludedEnterprise, type QuotaSpec } from '../../domain/draw';
import { committedRound } from '../draw-beacon';
import { newDrawSecret } from '../draw-secret';
import { canonicalJson } from '../../domain/canonical-json';
import { freezeDraw } from '../freeze-draw';
import { placeDraw, type DrawPlanRef } from '../draw-plan';
import type { IsoDate } from '../../domain/model';
import type { DrawRow, DrawSummary } from '../ports/store';
import { AppError, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { drawCardKey } from '../views/draw-cards';
import { drawCardOf } from '../draw-card';

export interface PrepareDrawInput {
  filters: DrawFilters;
  quotas: QuotaSpec;
  groupSize?: number;
  requireExpertise?: boolean;
  window?: { from: IsoDate; to: IsoDate };
  /** The plan (by document number) and batch named; neither: the year's default plan. */
  plan?: DrawPlanRef;
}

function describeFilters(f: DrawFilters): string {
  const parts = [
    f.industries?.join('、'),
    f.townships?.join('、'),
    f.riskLevels?.map((r) => `${r}风险`).join('、'),
    f.usccs ? `定向 ${f.usccs.length} 家` : undefined,
  ];
  return parts.filter(Boolean).join('；') || '全部工贸行业企业';
}

function describeQuotas(q: QuotaSpec): string {
  if (typeof q === 'number') return `${q} 家`;
  if ('total' in q) return `${q.total} 家`;
  if ('byIndustry' in q)
    return Object.entries(q.byIndustry)
      .map(([k, v]) => `${k} ${v} 家`)
      .join('、');
  if ('byRiskLevel' in q)
    return Object.entries(q.byRiskLevel)
      .map(([k, v]) => `${k}风险 ${v} 家`)
      .join('、');
  if ('byRiskRatio' in q)
    return Object.entries(q.byRiskRatio)
      .map(([k, v]) => `${k}风险 ${Math.round((v ?? 0) * 10000) / 100}%`)
      .join('、');
  return '按规则';
}

function summarizeExclusions(list: ExcludedEnterprise[]): DrawSummary['excludedEnterprises'] {
  const by = new Map<string, { count: number; examples: string[] }>();
  for (const e of list) {
    let group = by.get(e.code);
    if (!group) {
      group = { count: 0, examples: [] };
      by.set(e.code, group);
    }
    group.count++;
    if (group.examples.length < 3) group.examples.push(e.name);
  }
  return [...by.entries()].map(([code, g]) => ({ reason: EXCLUSION_LABELS[code as ExcludedEnterprise['code']], ...g }));
}

/**
 * One draw at a time waits for confirmation. Two prepared draws freeze their lots from the same
 * directory, so both could draw an enterprise that the other one's execution has just put under
 * inspection (the open-task, yearly-cap and cool-down exclusions are decided at preparation):
 * the same enterprise would be inspected twice (偃应急〔2023〕18号：避免多层次重复执法).
 */
function pendingDrawMessage(pending: DrawRow): string {
  return (
    `${pending.drawNo}（${pending.summary.filtersText}，${pending.summary.quotaText}）尚待确认。同一时间只能有一次待确认的抽取，` +
    `以免同一企业在两次抽取中都被抽中：请先在该抽取的卡片上点“确认抽取”或“放弃”（或发送 /cancel ${pending.drawNo} 原因），再发起新的抽取。`
  );
}

/** How far back a re-draw looks for the ended draw of the same scope it follows. */
const SUPERSEDE_LOOKBACK = 50;

/**
 * The most recent abandoned or cancelled draw of the same scope (the same filters) that no later
 * draw follows yet: a new draw of that scope links to it, on its card, on /public and in its
 * record, so that drawing again after an ending is always in plain sight.
 */
async function endedDrawOfSameScope(repos: UseCaseContext['repos'], agencyId: number, filters: DrawRow['params']['filters']): Promise<DrawRow | undefined> {
  const recent = await repos.draws.recent(agencyId, SUPERSEDE_LOOKBACK);
  const scope = canonicalJson(filters);
  const followed = new Set(recent.map((d) => d.supersedesId));
  return recent.find((d) => (d.status === 'abandoned' || d.status === 'cancelled') && !followed.has(d.id) && canonicalJson(d.params.filters) === scope);
}

/**
 * 抽取第一步（承诺）: freeze the pools, publish their hashes and a commitment to a fresh secret.
 * Nothing random is decided yet; the leader confirms to execute.
 */
export async function prepareDraw(ctx: UseCaseContext, input: PrepareDrawInput): Promise<UseCaseResult> {
  const { repos, env, actor, origin } = ctx;
  const agency = await repos.directory.agency(actor.agencyId);
  if (!agency) throw new AppError('not_found', '找不到你所在的单位。');
  const pending = await repos.draws.beginPreparation(agency.id);
  if (pending) {
    // The pending draw's card comes again with the refusal, its buttons at hand. It keeps the
    // draw's card key, so this newest copy is the one later status updates (executed, abandoned) edit.
    const text = pendingDrawMessage(pending);
    const card = await drawCardOf(repos, pending);
    return {
      toast: { kind: 'error', text },
      reply: { type: 'card', card: { ...card, tone: 'warning', sections: [{ type: 'text', text }, ...card.sections] } },
    };
  }
  const today = todayOf(env);
  const placement = await placeDraw(repos, agency.id, {
    ref: input.plan ?? {},
    window: input.window,
    filters: input.filters,
    quotas: input.quotas,
    today,
    actor,
  });
  const { window } = placement;
  if (window.from < today) throw new AppError('invalid', `检查期开始日期 ${window.from} 早于今天 ${today}，请重新填写检查期。`);
  const year = Number(today.slice(0, 4));
  const seq = await repos.draws.nextSeq(agency.id, year);
  const drawNo = drawNumber(agency.shortName, year, seq);
  const { nonce, secret } = newDrawSecret(env, drawNo);
  const { head: prepared, lotId } = await freezeDraw(repos, agency.id, {
    drawNo,
    filters: input.filters,
    quotas: input.quotas,
    policy: {
      groupSize: input.groupSize ?? agency.groupSize,
      yearlyCap: agency.yearlyCap,
      cooldownMonths: agency.cooldownMonths,
      excludeLastInspector: agency.excludeLastInspector,
      requireExpertise: input.requireExpertise ?? agency.requireExpertise,
      requireUnit: agency.requireUnit,
    },
    window,
    today,
    secret,
  });

  const summary: DrawSummary = {
    planText: placement.text,
    filtersText: describeFilters(input.filters),
    quotaText: describeQuotas(input.quotas),
    windowFrom: window.from,
    windowTo: window.to,
    groupSize: prepared.params.policy.groupSize,
    enterprisePoolSize: prepared.counts.enterprises.eligible,
    officerPoolSize: prepared.officerPool.length,
    excludedEnterprises: summarizeExclusions(prepared.excludedEnterprises),
    excludedOfficers: prepared.excludedOfficers.map((o) => ({ name: o.name, reason: o.detail })),
  };
  const draw = await repos.draws.insert({
    agencyId: agency.id,
    year,
    seq,
    drawNo,
    planId: placement.plan.id,
    planBatch: placement.batch?.no ?? null,
    status: 'prepared',
    params: prepared.params,
    enterprisePoolHash: prepared.enterprisePoolHash,
    officerPoolHash: prepared.officerPoolHash,
    commitment: prepared.commitment,
    secretNonce: nonce,
    beacon: committedRound(env),
    supersedesId: (await endedDrawOfSameScope(repos, agency.id, prepared.params.filters))?.id ?? null,
    summary,
    platform: origin.platform,
    chatId: origin.chatId,
    preparedBy: actor.id,
    createdAt: env.clock.now(),
    frozen: prepared,
    lotId,
  });
  await audit(repos, actor, 'draw.prepared', {
    agencyId: agency.id,
    subject: `draw:${draw.id}`,
    data: {
      drawNo,
      plan: { id: placement.plan.id, docNo: placement.plan.docNo, batch: placement.batch?.no ?? null },
      params: prepared.params,
      enterprisePoolHash: prepared.enterprisePoolHash,
      officerPoolHash: prepared.officerPoolHash,
      commitment: prepared.commitment,
      counts: prepared.counts,
      excludedEnterprises: prepared.excludedEnterprises.length,
    },
  });
  await repos.outbox.enqueue([
    {
      agencyId: agency.id,
      to: { kind: 'chat', platform: origin.platform, id: origin.chatId },
      message: { type: 'card', card: await drawCardOf(repos, draw) },
      idempotencyKey: `${drawCardKey(draw.id)}:announce`,
    },
  ]);
  return {};
}
