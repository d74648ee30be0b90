import { audit } from '../audit';
import { findResultCategory } from '../../domain/catalog/result-categories';
import { checkInspectionTeam } from '../../domain/draw';
import { validateFindings } from '../../domain/findings/validate-findings';
import { currentTaskView, loadOwnTask, publicationStanding, refreshTaskViews } from '../task-access';
import { messagePeople } from '../message-people';
import { AppError, calendarOf, todayOf, type UseCaseContext, type UseCaseResult } from '../use-case';
import { findingsFormCard, publicationCard } from '../views/findings-cards';

/**
 * Findings of an inspection. Invalid input comes back on the form with every problem named and
 * nothing saved. A valid submission fixes the result date, and with it the publication deadline
 * in working days (偃应急〔2023〕18号 §二(三): 5 个工作日).
 */
export async function submitFindings(ctx: UseCaseContext, input: { taskId: number; values: Record<string, string> }): Promise<UseCaseResult> {
  const { repos, env, actor } = ctx;
  const own = await loadOwnTask(ctx, input.taskId);
  const today = todayOf(env);
  if (own.task.status !== 'assigned') return { toast: { kind: 'info', text: '这项任务的检查结果已经提交。' }, card: await currentTaskView(ctx, own) };
  if (own.me.status !== 'confirmed') throw new AppError('invalid', '请先确认接收任务，再填报检查结果。');
  const confirmed = own.task.officers.filter((o) => o.status === 'confirmed');
  const waiting = own.task.officers
    .filter((o) => o.status === 'pending' || o.status === 'awaiting_recusal')
    .map((o) => (o.status === 'pending' ? o.name : `${o.name}（回避待审批）`));
  const tooFew = checkInspectionTeam(confirmed.length, waiting);
  if (tooFew) throw new AppError('invalid', tooFew);
  const check = validateFindings(input.values, { itemCodes: own.items.map((i) => i.code), today, windowFrom: own.task.windowFrom });
  if (!check.ok) {
    return {
      toast: { kind: 'error', text: `有 ${check.errors.length} 处需要修改，未保存。` },
      card: findingsFormCard(own.task, own.items, today, check.errors),
    };
  }
  const f = check.findings;
  const inserted = await repos.tasks.insertFindings({ taskId: own.task.id, submittedBy: actor.id, ...f });
  if (!inserted) return { toast: { kind: 'info', text: '同组人员已提交了检查结果。' }, card: await currentTaskView(ctx, own) };
  const agency = (await repos.directory.agency(own.task.agencyId))!;
  const calendar = await calendarOf(repos);
  const due = calendar.addWorkdays(f.inspectionDate, agency.publicationWorkdays, { countStartDay: agency.countStartDay });
  const at = env.clock.now();
  await repos.tasks.transition(own.task.id, ['assigned'], 'inspected', {
    resultDate: f.inspectionDate,
    publicationDue: due.date,
    publicationDueProvisional: due.provisional,
    at,
  });
  await audit(repos, actor, 'task.findings_submitted', {
    agencyId: own.task.agencyId,
    subject: `task:${own.task.id}`,
    data: { ...f, publicationDue: due.date, provisional: due.provisional },
  });
  await refreshTaskViews(ctx.repos, own.task.id, ctx.origin.platform, 'findings', today);
  const task = (await repos.tasks.byId(own.task.id))!;
  const findings = (await repos.tasks.findings(task.id))!;
  const card = publicationCard(task, findings, agency.name, await publicationStanding(repos, task, today));
  const others = confirmed.filter((o) => o.personId !== actor.id);
  await messagePeople(
    repos,
    task.agencyId,
    ctx.origin.platform,
    others.map((o) => ({ personId: o.personId, message: { type: 'card', card }, idempotencyKey: `task:${task.id}:publication:${o.personId}` })),
  );
  const draw = (await repos.draws.byId(task.agencyId, task.drawId))!;
  const category = findResultCategory(f.resultCategory)?.label ?? f.resultCategory;
  await repos.outbox.enqueue([
    {
      agencyId: task.agencyId,
      to: { kind: 'chat', platform: draw.platform, id: draw.chatId },
      message: {
        type: 'text',
        text: `${draw.drawNo} 第 ${task.ordinal + 1} 组（${task.enterpriseName}）检查完成：${category}${f.majorHazard ? '，发现重大事故隐患' : ''}。应于 ${due.date}${due.provisional ? '（暂定）' : ''} 前公示。`,
      },
      idempotencyKey: `task:${task.id}:findings:group`,
    },
  ]);
  return { toast: { kind: 'success', text: `检查结果已保存，请于 ${due.date} 前公示。` }, card };
}
