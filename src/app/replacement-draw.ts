import { hexToBytes } from '@noble/hashes/utils.js';
import { applyReplacement, drawReplacement, type DrawTask, type ReplacementRecord } from '../domain/draw';
import type { IsoDate } from '../domain/model';
import { audit } from './audit';
import { committedDrawOf } from './draw-export';
import { messagePeople } from './message-people';
import type { Person, Repos, TaskOfficerRow, TaskRow } from './ports/store';
import { taskCard } from './views/task-cards';

export type ReplacementOutcome = { ok: true; person: Person; replacementNo: number } | { ok: false; reason: string };

/**
 * After an officer has left a task (a 回避 decided by the agency head): one officer is drawn for
 * it from those still eligible, by the same rules and from the same seed (domain-separated by
 * replacement number), so the replacement is verifiable from the draw's public record too. The
 * record keeps that a 回避 happened (the officer replaced, the decision date), never its grounds.
 * The new officer gets his task card. Call it with the draw and the task locked (lockTask).
 */
export async function drawReplacementFor(repos: Repos, task: TaskRow, departed: TaskOfficerRow, decidedOn: IsoDate): Promise<ReplacementOutcome> {
  const draw = (await repos.draws.byId(task.agencyId, task.drawId))!;
  // With its beacon round: the seed of a version-2 draw mixes it in.
  const prepared = await committedDrawOf(repos, draw);
  const previous = await repos.draws.replacements(draw.id);
  let tasksNow: DrawTask[] = draw.result!.tasks;
  for (const r of previous) tasksNow = applyReplacement(tasksNow, r.taskIndex, r.excludedOfficers, r.officer);
  const current = (await repos.tasks.byId(task.id))!;
  const excludedOfficers = current.officers.filter((o) => o.status === 'recused' || o.status === 'released').map((o) => o.certificateNo);
  const replacementNo = previous.filter((r) => r.taskIndex === task.ordinal).length + 1;
  const outcome = drawReplacement(prepared, tasksNow, { taskIndex: task.ordinal, replacementNo, excludedOfficers }, hexToBytes(draw.secret!)); // an executed draw keeps its revealed secret
  if (!outcome.ok) {
    await audit(repos, 'system', 'task.replacement_failed', {
      agencyId: draw.agencyId,
      subject: `task:${task.id}`,
      data: { replacementNo, excludedOfficers, reason: outcome.reason },
    });
    return { ok: false, reason: outcome.reason };
  }
  const person = await repos.directory.personByCertificate(draw.agencyId, outcome.officer);
  if (!person) throw new Error(`replacement ${outcome.officer} has no person row`);
  await repos.tasks.addOfficer(task.id, person.id, outcome.officer, replacementNo);
  const record: ReplacementRecord = {
    taskIndex: task.ordinal,
    replacementNo,
    excludedOfficers,
    reason: '回避',
    officer: outcome.officer,
    replacedOfficer: departed.certificateNo,
    decidedOn,
  };
  await repos.draws.addReplacement(draw.id, record);
  await audit(repos, 'system', 'task.replacement_drawn', { agencyId: draw.agencyId, subject: `task:${task.id}`, data: { ...record } });
  const updated = (await repos.tasks.byId(task.id))!;
  const enterprise = await repos.directory.enterprise(task.agencyId, task.uscc);
  await messagePeople(repos, draw.agencyId, draw.platform, [
    {
      personId: person.id,
      message: { type: 'card', card: taskCard(updated, enterprise, person.id, await repos.directory.checkItems()) },
      idempotencyKey: `task:${task.id}:card:${person.id}:r${replacementNo}`,
    },
  ]);
  return { ok: true, person, replacementNo };
}
