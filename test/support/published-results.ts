/**
 * Published results made the way officers make them: a draw through the local chat, each drawn
 * officer confirming on his task card, one of them submitting the findings form, and marking the
 * result published. For the public page's tests (and its browser test).
 */
import { fillFindings, goodFindings, type FindingsPlan } from './findings';
import type { StoreKind, TestRuntime } from './test-runtime';

export type Category = 'no_problem' | 'corrected' | 'pending' | 'not_operating';

/** What happens to one drawn task: its findings, and whether the result is marked published. */
export interface TaskPlan {
  category: Category;
  date: string;
  publish: boolean;
}

/** Written on every form and never to be published. */
export const INTERNAL_NOTE = '内部备注：企业负责人电话13912345678，勿公开';
export const RESPONSIBLE_PERSON = '王负责人';
/** An officer's reason for recusing, kept in the record but never published. */
export const RECUSAL_REASON = '本人近亲属在该企业任职';

/** The findings of the category, as the steps of the form take them (with hazards and a rectification where it needs them). */
export function findingsOf(p: TaskPlan): FindingsPlan {
  const good = goodFindings(p.date);
  const base: FindingsPlan = {
    ...good,
    conclusion: { ...good.conclusion, notes: INTERNAL_NOTE, responsiblePerson: RESPONSIBLE_PERSON, resultCategory: p.category },
  };
  const hazard = { location: '一号车间', level: 'general' };
  if (p.category === 'corrected') {
    return {
      ...base,
      items: { ...base.items, CI02: '不符合' },
      notes: { CI02: '配电箱未接地' },
      hazards: [{ ...hazard, description: '配电箱未接地', itemCode: 'CI02', rectification: 'immediate', due: '' }],
    };
  }
  if (p.category === 'pending') {
    const due = `${p.date.slice(0, 8)}${String(Number(p.date.slice(8)) + 10).padStart(2, '0')}`;
    return {
      ...base,
      items: { ...base.items, CI02: '不符合', CI05: '不符合' },
      notes: { CI02: '消防通道堵塞', CI05: '消防通道堵塞' },
      hazards: [{ ...hazard, description: '消防通道堵塞', itemCode: 'CI05', rectification: 'deadline', due }],
    };
  }
  return base;
}

/** Prepares and executes a draw as the leader; its id. */
export async function executeDraw(t: TestRuntime<StoreKind>, command: string): Promise<number> {
  const said = await t.chat.say('leader', command);
  if (said.status !== 200) throw new Error(`${command}: ${JSON.stringify(said.body)}`);
  const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
  const drawId = announcement.card.actions![0]!.payload.drawId!;
  const executed = await t.chat.click('leader', announcement.id, 'draw.execute', { drawId });
  if (executed.body.toast?.kind !== 'success') throw new Error(`${command}: ${JSON.stringify(executed.body)}`);
  return Number(drawId);
}

/** The latest message in a person's direct chat showing exactly this card. */
function cardMessage(t: TestRuntime<StoreKind>, localId: string, key: string) {
  const m = [...t.chat.dm(localId)].reverse().find((x) => x.card?.key === key);
  if (!m) throw new Error(`no card ${key} in the direct chat of ${localId}`);
  return m;
}

/**
 * Carries each task of the draw as `plan(ordinal)` says (undefined: left as drawn): confirmed by
 * its officers, findings submitted, marked published. Returns the task ids by ordinal.
 */
export async function carryOut(t: TestRuntime<StoreKind>, drawId: number, plan: (ordinal: number) => TaskPlan | undefined): Promise<number[]> {
  const tasks = (await t.data.tasks(drawId)).sort((a, b) => a.ordinal - b.ordinal);
  const officers = (await t.data.taskOfficers()).filter((o) => o.drawId === drawId);
  for (const task of tasks) {
    const p = plan(task.ordinal);
    if (!p) continue;
    const taskId = String(task.id);
    const mine = officers.filter((o) => o.taskId === task.id).map((o) => o.localId!);
    for (const localId of mine) await t.chat.click(localId, cardMessage(t, localId, `task:${taskId}`).id, 'task.confirm', { taskId });
    const first = mine[0]!;
    await t.chat.click(first, cardMessage(t, first, `task:${taskId}`).id, 'task.findings_form', { taskId });
    const form = cardMessage(t, first, `task:${taskId}:findings`);
    const submitted = await fillFindings(t.chat.click, first, form.id, taskId, findingsOf(p));
    if (submitted.body.toast?.kind !== 'success') throw new Error(`findings of task ${taskId}: ${JSON.stringify(submitted.body)}`);
    if (!p.publish) continue;
    const published = await t.chat.click(first, form.id, 'task.publish', { taskId }, { reference: `豫公示-${10000 + task.id}` });
    if (published.body.toast?.kind !== 'success') throw new Error(`publishing task ${taskId}: ${JSON.stringify(published.body)}`);
  }
  return tasks.map((x) => x.id);
}

const CATEGORIES: Category[] = ['no_problem', 'corrected', 'pending', 'no_problem', 'not_operating'];

/** What {@link seedPublicRecord} made. */
export interface PublicRecordScenario {
  /** Task ids of 2025's draw (all four published) and 2026's (22 of 24 published). */
  tasks2025: number[];
  tasks2026: number[];
  /** Tasks of 2026 not published: one inspected, one not even inspected. */
  unpublished: number[];
  drawIds: { y2025: number; y2026: number; abandoned: number; cancelled: number };
}

/**
 * The public record of a bureau over two years: 2025's draw of 4 (all published), 2026's draw of
 * 24 (22 published in several categories, one inspected but not published, one not inspected and
 * one of its officers recused and replaced),
 * a draw abandoned before execution and one cancelled after it. Leaves the clock at 2026-03-02.
 */
export async function seedPublicRecord(t: TestRuntime<StoreKind>): Promise<PublicRecordScenario> {
  t.clock.set('2025-11-03T01:30:00Z');
  const y2025 = await executeDraw(t, '/draw 机械 建材 4家 每组2人 11月3日-11月28日');
  const tasks2025 = await carryOut(t, y2025, (i) => ({ category: CATEGORIES[i % 3]!, date: '2025-11-03', publish: true }));
  t.clock.set('2026-03-02T01:30:00Z');
  const y2026 = await executeDraw(t, '/draw 24家 每组2人 3月2日-3月31日');
  const tasks2026 = await carryOut(t, y2026, (i) =>
    i < 23 ? { category: CATEGORIES[i % CATEGORIES.length]!, date: '2026-03-02', publish: i < 22 } : undefined,
  );
  // The last task's first officer recuses: the draw's record gets a replacement (its reason is not published).
  const last = (await t.data.taskOfficers()).find((o) => o.taskId === tasks2026[23])!;
  const lastTask = String(tasks2026[23]);
  await t.chat.click(last.localId!, cardMessage(t, last.localId!, `task:${lastTask}`).id, 'task.recusal_form', { taskId: lastTask });
  const recusal = cardMessage(t, last.localId!, `task:${lastTask}:recusal`);
  await t.chat.click(last.localId!, recusal.id, 'task.recuse', { taskId: lastTask }, { ground: 'interest', reason: RECUSAL_REASON });
  // The leader approves it (行政处罚法 第四十三条): only then is the replacement drawn.
  const approval = t.chat.lastCard(t.chat.dm('leader'), 'recusal:');
  await t.chat.click('leader', approval.id, 'recusal.approve', approval.card.actions!.find((a) => a.label === '同意')!.payload);
  await t.chat.say('leader', '/draw 2家 每组2人 3月2日-3月31日');
  const pending = t.chat.lastCard(t.chat.group(), 'draw:');
  const abandoned = Number(pending.card.actions![0]!.payload.drawId);
  await t.chat.click('leader', pending.id, 'draw.abandon', { drawId: String(abandoned) });
  const why = t.chat.lastCard(t.chat.group(), `draw-abandon:${abandoned}`);
  await t.chat.click('leader', why.id, 'draw.abandon', why.card.form!.submit.payload, { reason: '抽取范围选错' });
  const cancelled = await executeDraw(t, '/draw 2家 每组2人 3月2日-3月31日');
  const drawNo = /偃应急抽〔\d+〕\d+号/.exec(t.chat.lastCard(t.chat.group(), `draw:${cancelled}`).card.title)![0];
  await t.chat.say('leader', `/cancel ${drawNo} 企业停产需重新安排`);
  const question = t.chat.lastCard(t.chat.group(), `draw-cancel:${cancelled}`);
  // A second person (the administrator) agrees to the leader's request.
  await t.chat.click('admin', question.id, 'draw.cancel', question.card.actions![0]!.payload);
  return { tasks2025, tasks2026, unpublished: tasks2026.slice(22), drawIds: { y2025, y2026, abandoned, cancelled } };
}
