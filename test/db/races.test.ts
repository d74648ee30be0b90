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
        const cancel = t.chat.button(question.card, '确认放弃').payload;
        await Promise.all([t.chat.click('leader', announcement.id, 'draw.execute', execute), t.chat.click('leader', question.id, 'draw.cancel', cancel)]);
        const draw = (await t.data.draws())[round]!;
        const tasks = await t.data.tasks(Number(execute.drawId));
        if (draw.status === 'abandoned') expect(tasks, `round ${round}`).toEqual([]);
        else {
          // Executed first: the 确认放弃 that came after became a request for a second leader to
          // agree; the result stands until one does.
          expect(draw.status, `round ${round}`).toBe('executed');
          expect(tasks.every((x) => x.status === 'assigned')).toBe(true);
          expect(t.chat.lastCard(t.chat.group(), 'draw-cancel:').card.actions?.map((a) => a.label)).toEqual(['同意撤销', '不撤销']);
        }
      }
    });

    it('findings against a 回避 application: an inspected task always had two confirmed officers', async () => {
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
          t.chat.click(b!, recusal.id, 'task.recuse', { taskId }, { ground: 'relative', reason: '本人近亲属在该企业任职' }),
        ]);
        const [after] = await t.data.tasks(drawId);
        const applications = (await t.data.recusals()).filter((r) => r.taskId === task!.id);
        if (after!.status === 'inspected') {
          // The findings came first: the application was refused.
          expect(applications, `round ${round}`).toEqual([]);
        } else {
          // The application came first: b waits for the head, and the findings wait for the team.
          expect(after!.status, `round ${round}`).toBe('assigned');
          expect(
            applications.map((r) => r.status),
            `round ${round}`,
          ).toEqual(['pending']);
        }
        expect(
          (await t.data.taskOfficers()).filter((o) => o.taskId === task!.id).map((o) => o.replacementNo),
          `round ${round}`,
        ).toEqual([0, 0]);
      }
    });

    it('two leaders deciding one 回避 at once: one decision, at most one replacement, both see it', async () => {
      await t.data.addLeader('leader-2', '副局长二');
      for (let round = 0; round < ROUNDS; round++) {
        await t.chat.say('leader', '/draw 1家 每组2人');
        const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
        const drawId = Number(t.chat.button(announcement.card, '确认抽取').payload.drawId);
        await t.chat.click('leader', announcement.id, 'draw.execute', { drawId: String(drawId) });
        const [task] = await t.data.tasks(drawId);
        const taskId = String(task!.id);
        const b = (await t.data.taskOfficers()).filter((o) => o.taskId === task!.id)[1]!.localId!;
        await t.chat.click(b, t.chat.lastCard(t.chat.dm(b), `task:${taskId}`).id, 'task.recusal_form', { taskId });
        const form = t.chat.lastCard(t.chat.dm(b), `task:${taskId}:recusal`);
        await t.chat.click(b, form.id, 'task.recuse', { taskId }, { ground: 'relative', reason: '本人近亲属在该企业任职' });
        const recusalId = String((await t.data.recusals()).at(-1)!.id);
        const mine = t.chat.lastCard(t.chat.dm('leader'), `recusal:${recusalId}`);
        const theirs = t.chat.lastCard(t.chat.dm('leader-2'), `recusal:${recusalId}`);
        // Even rounds: both approve. Odd rounds: one approves while the other refuses.
        let second: Promise<{ body: { toast?: { kind: string } } }>;
        if (round % 2 === 0) second = t.chat.click('leader-2', theirs.id, 'recusal.approve', { recusalId });
        else {
          await t.chat.click('leader-2', theirs.id, 'recusal.reject_form', { recusalId });
          const reject = t.chat.lastCard(t.chat.dm('leader-2'), `recusal:${recusalId}:reject`);
          second = t.chat.click('leader-2', reject.id, 'recusal.reject', { recusalId }, { reason: '不影响公正执法' });
        }
        const answers = await Promise.all([t.chat.click('leader', mine.id, 'recusal.approve', { recusalId }), second]);
        expect(answers.map((x) => x.body.toast?.kind).sort(), `round ${round}`).toEqual(['info', 'success']);
        const decided = (await t.data.recusals()).at(-1)!;
        const replacements = (await t.data.taskOfficers()).filter((o) => o.taskId === task!.id && o.replacementNo > 0);
        if (decided.status === 'approved') expect(replacements, `round ${round}`).toHaveLength(1);
        else expect([decided.status, replacements.length], `round ${round}`).toEqual(['rejected', 0]);
        expect(await t.data.auditCount('task.recusal_approved')).toBe((await t.data.recusals()).filter((r) => r.status === 'approved').length);
        // Both leaders' cards show the one decision, without buttons.
        for (const who of ['leader', 'leader-2']) {
          const card = t.chat.dm(who).find((m) => m.id === (who === 'leader' ? mine.id : theirs.id))!.card!;
          expect(card.actions, `round ${round} ${who}`).toEqual([]);
          expect(card.title).toContain(decided.status === 'approved' ? '已同意' : '不同意');
        }
      }
      expect(await t.data.verifyAudit()).toMatchObject({ ok: true });
    });
  });
}
