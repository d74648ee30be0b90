import { audit } from '../audit';
import { findResultCategory } from '../../domain/catalog/result-categories';
import { checkInspectionTeam } from '../../domain/draw';
import { CONCLUSION_FIELDS, validateFindings } from '../../domain/findings/validate-findings';
import { currentTaskView, publicationStanding, refreshTaskViews } from '../task-access';
import { messagePeople } from '../message-people';
import { AppError, calendarOf, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { publicationCard } from '../views/findings-cards';
import { alertLeadersOfMajorHazard } from './major-hazard-alert';
import { issueDocuments } from './issue-documents';
import { isDraftTask, openDraft, stepCard } from './findings-steps';

/**
 * 提交检查结果: the draft (items, notes, hazards) and the conclusion, checked as a whole by the
 * domain (validateFindings). Invalid input comes back on the form with every problem named and
 * no findings saved (the typed conclusion is kept in the draft, so the form shows it again). A
 * valid submission fixes the result date, and with it the publication deadline in working days
 * (偃应急〔2023〕18号 §二(三): 5 个工作日); a 重大事故隐患 alerts the leaders in the same transaction.
 */
export async function submitFindings(ctx: UseCaseContext, input: { taskId: number; values: Record<string, string> }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const d = await openDraft(ctx, input.taskId);
  if (!isDraftTask(d)) return d;
  const today = todayOf(env);
  const confirmed = d.task.officers.filter((o) => o.status === 'confirmed');
  const waiting = d.task.officers
    .filter((o) => o.status === 'pending' || o.status === 'awaiting_recusal')
    .map((o) => (o.status === 'pending' ? o.name : `${o.name}（回避待审批）`));
  const tooFew = checkInspectionTeam(confirmed.length, waiting);
  if (tooFew) throw new AppError('invalid', tooFew);
  const conclusion = Object.fromEntries(CONCLUSION_FIELDS.flatMap((k) => (input.values[k] !== undefined ? [[k, input.values[k]!]] : [])));
  const check = validateFindings(d.draft, input.values, { items: d.items, today });
  if (!check.ok) {
    const draft = { ...d.draft, conclusion };
    await repos.records.saveDraft(d.task.id, draft, actor.id, env.clock.now());
    return {
      toast: { kind: 'error', text: `有 ${check.errors.length} 处需要修改，未提交。` },
      card: stepCard(ctx, { ...d, draft }, 'conclusion', check.errors),
    };
  }
  const f = check.findings;
  const inserted = await repos.tasks.insertFindings({ taskId: d.task.id, submittedBy: actor.id, ...f });
  if (!inserted) return { toast: { kind: 'info', text: '同组人员已提交了检查结果。' }, card: await currentTaskView(ctx, d) };
  await repos.records.dropDraft(d.task.id);
  const agency = (await repos.directory.agency(d.task.agencyId))!;
  const calendar = await calendarOf(repos);
  const due = calendar.addWorkdays(f.inspectionDate, agency.publicationWorkdays, { countStartDay: agency.countStartDay });
  const at = env.clock.now();
  await repos.tasks.transition(d.task.id, ['assigned'], 'inspected', {
    resultDate: f.inspectionDate,
    publicationDue: due.date,
    publicationDueProvisional: due.provisional,
    at,
  });
  await audit(repos, actor, 'task.findings_submitted', {
    agencyId: d.task.agencyId,
    subject: `task:${d.task.id}`,
    data: { ...f, publicationDue: due.date, provisional: due.provisional },
  });
  await refreshTaskViews(ctx.repos, d.task.id, ctx.origin.platform, 'findings', today);
  const task = (await repos.tasks.byId(d.task.id))!;
  const findings = (await repos.tasks.findings(task.id))!;
  const draw = (await repos.draws.byId(task.agencyId, task.drawId))!;
  if (f.majorHazard) await alertLeadersOfMajorHazard(ctx, { task, findings, draw, items: d.items });
  if (env.files) await issueDocuments(ctx, { taskId: task.id, to: [actor.id], tag: 'findings' });
  const card = publicationCard(task, findings, agency.name, await publicationStanding(repos, task, today));
  const others = confirmed.filter((o) => o.personId !== actor.id);
  await messagePeople(
    repos,
    task.agencyId,
    ctx.origin.platform,
    others.map((o) => ({ personId: o.personId, message: { type: 'card', card }, idempotencyKey: `task:${task.id}:publication:${o.personId}` })),
  );
  const category = findResultCategory(f.resultCategory)?.label ?? f.resultCategory;
  await repos.outbox.enqueue([
    {
      agencyId: task.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: {
        type: 'text',
        text: `${draw.drawNo} 第 ${task.ordinal + 1} 组（${task.enterpriseName}）检查完成：${category}${f.majorHazard ? '，发现重大事故隐患（已报局领导）' : ''}。应于 ${due.date}${due.provisional ? '（暂定）' : ''} 前公示。`,
      },
      idempotencyKey: `task:${task.id}:findings:group`,
    },
  ]);
  return { toast: { kind: 'success', text: `检查结果已保存，请于 ${due.date} 前公示。` }, card };
}
