/**
 * State changes that race on one draw or one task (two people clicking at the same moment) are
 * serialized by row locks, draw before task: run each conflicting pair concurrently, many times,
 * on the real databases, and check what must hold whatever the order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-db';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { goodFindings, prepareFindings } from '../support/findings';

const FINDINGS = goodFindings();
const ROUNDS = 6;

for (const kind of databaseKinds()) {
  describe(`races on one draw or task [${kind}]`, () => {
    let t: TestRuntime;
    beforeAll(async () => {
      t = await startTestRuntime({ kind });
    });
    afterAll(() => t?.close());

    it('确认抽取 against /cancel: an executed draw is never recorded as abandoned', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await t.chat.say('leader', '/draw 机械 1家 每组2人');
        const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
        const execute = t.chat.button(announcement.card, '确认抽取').payload;
        await t.chat.say('leader', `/cancel ${round + 1} 重新安排`);
        const question = t.chat.lastCard(t.chat.group(), 'draw-cancel:');
        const cancel = t.chat.button(question.card, '确认撤销').payload;
        await Promise.all([t.chat.click('leader', announcement.id, 'draw.execute', execute), t.chat.click('leader', question.id, 'draw.cancel', cancel)]);
        const draw = (await t.data.draws())[round]!;
        const tasks = await t.data.tasks(Number(execute.drawId));
        if (draw.status === 'abandoned') expect(tasks, `round ${round}`).toEqual([]);
        else expect(draw.status, `round ${round}`).toBe('cancelled');
        if (draw.status === 'cancelled') expect(tasks.every((x) => x.status === 'cancelled')).toBe(true);
      }
    });

    it('findings against a recusal: an inspected task always had two confirmed officers', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        await t.chat.say('leader', '/draw 建材 1家 每组2人');
        const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
        const drawId = Number(t.chat.button(announcement.card, '确认抽取').payload.drawId);
        await t.chat.click('leader', announcement.id, 'draw.execute', { drawId: String(drawId) });
        const [task] = await t.data.tasks(drawId);
        const taskId = String(task!.id);
        const [a, b] = (await t.data.taskOfficers()).filter((o) => o.taskId === task!.id).map((o) => o.localId!);
        for (const who of [a!, b!]) await t.chat.click(who, t.chat.lastCard(t.chat.dm(who), `task:${taskId}`).id, 'task.confirm', { taskId });
        await t.chat.click(b!, t.chat.lastCard(t.chat.dm(b!), `task:${taskId}`).id, 'task.recusal_form', { taskId });
        await t.chat.click(a!, t.chat.lastCard(t.chat.dm(a!), `task:${taskId}`).id, 'task.findings_form', { taskId });
        const recusal = t.chat.lastCard(t.chat.dm(b!), `task:${taskId}:recusal`);
        const findings = t.chat.lastCard(t.chat.dm(a!), `task:${taskId}:findings`);
        await prepareFindings(t.chat.click, a!, findings.id, taskId, FINDINGS);
        await Promise.all([
          t.chat.click(a!, findings.id, 'task.findings', { taskId }, FINDINGS.conclusion),
          t.chat.click(b!, recusal.id, 'task.recuse', { taskId }, { reason: '本人近亲属在该企业任职' }),
        ]);
        const [after] = await t.data.tasks(drawId);
        const officers = (await t.data.taskOfficers()).filter((o) => o.taskId === task!.id);
        if (after!.status === 'inspected') {
          // The findings came first: the recusal was refused, nobody was drawn in after them.
          expect(
            officers.map((o) => o.replacementNo),
            `round ${round}`,
          ).toEqual([0, 0]);
        } else {
          // The recusal came first: a replacement was drawn and the findings waited for him.
          expect(after!.status, `round ${round}`).toBe('assigned');
          expect(
            officers.some((o) => o.replacementNo === 1),
            `round ${round}`,
          ).toBe(true);
        }
      }
    });
  });
}
