import { audit } from '../audit';
import { findResultCategory } from '../../domain/catalog/result-categories';
import { measureLabel } from '../../domain/findings/types';
import { messagePeople } from '../message-people';
import type { DrawRow, FindingsRow, TaskRow } from '../ports/store';
import type { UseCaseContext } from '../use-case';
import type { CardView } from '../views/card-view';
import { hazardLine } from '../views/findings-form';
import type { CheckItemView } from '../views/task-cards';

/** The leaders' alert of a 重大事故隐患: the enterprise, the hazards, the measures ordered, the case. */
export function majorHazardAlertCard(task: TaskRow, f: FindingsRow, drawNo: string, items: CheckItemView[], round?: number): CardView {
  const majors = f.hazards.filter((h) => h.level === 'major');
  const officers = task.officers.filter((o) => o.status === 'confirmed').map((o) => o.name);
  return {
    key: `task:${task.id}:major-alert${round ? `:${round}` : ''}`,
    title: `${round ? '重大事故隐患复查未整改' : '发现重大事故隐患'}：${task.enterpriseName}`,
    tone: 'danger',
    sections: [
      {
        type: 'fields',
        fields: [
          { label: '任务', value: `${drawNo} 第 ${task.ordinal + 1} 组` },
          { label: '企业', value: `${task.enterpriseName}（${task.uscc}）` },
          { label: '检查日期', value: f.inspectionDate },
          { label: '执法人员', value: officers.join('、') },
          { label: '检查结果', value: findResultCategory(f.resultCategory)?.label ?? f.resultCategory },
          { label: '立案查处', value: f.caseFiled ? `是（${f.caseNo}）` : '否' },
        ],
      },
      { type: 'list', title: '重大事故隐患', items: majors.map((h) => hazardLine(h, items)) },
      { type: 'list', title: '已责令的措施', items: f.measures.length ? f.measures.map(measureLabel) : ['（未责令）'] },
      {
        type: 'text',
        text: '依照安全生产法 第六十五条第一款第三项、第七十条，重大事故隐患排除后经审查同意方可恢复生产经营和使用；请督办整改和复查（河南省安全生产条例 第四十二条）。',
      },
    ],
  };
}

/**
 * A 重大事故隐患 goes to every leader of the agency at once, as a direct message queued in the
 * transaction that records it (so the alert and the record stand or fall together), with an
 * audit entry naming who was told.
 */
export async function alertLeadersOfMajorHazard(
  ctx: UseCaseContext,
  input: { task: TaskRow; findings: FindingsRow; draw: DrawRow; items: CheckItemView[]; round?: number },
): Promise<void> {
  const { task, findings, draw, items, round } = input;
  const leaders = await ctx.repos.directory.peopleWithRole(task.agencyId, ['leader']);
  const card = majorHazardAlertCard(task, findings, draw.drawNo, items, round);
  const unreachable = await messagePeople(
    ctx.repos,
    task.agencyId,
    ctx.origin.platform,
    leaders.map((l) => ({ personId: l.id, message: { type: 'card' as const, card }, idempotencyKey: `${card.key}:${l.id}` })),
  );
  await audit(ctx.repos, ctx.actor, 'task.major_hazard_reported', {
    agencyId: task.agencyId,
    subject: `task:${task.id}`,
    data: {
      round: round ?? 0,
      hazards: findings.hazards.filter((h) => h.level === 'major').map((h) => h.no),
      leaders: leaders.map((l) => l.id),
      unreachable,
    },
  });
}
