import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDailyReminders } from '../../src/app/use-cases/send-reminders';
import { fillFindings, findingsWithDeadline } from '../support/findings';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';

const FINDINGS_WITH_DEADLINE = findingsWithDeadline('2026-03-02', '2026-03-10');

// On the in-memory store: the reminder SQL, its claims and concurrent runs are tested on the databases in test/jobs.
for (const kind of ['memory'] as const) {
  describe(`daily reminders in the local chat [${kind}]`, () => {
    let t: TestRuntime<'memory'>;
    let group: Array<{ id: number; local_id: string }>;
    const digests = (as: string, day: string) => t.chat.dm(as).filter((m) => m.card?.key.startsWith(`digest:${day}`));

    beforeAll(async () => {
      t = await startTestRuntime({ kind });
      await t.chat.say('leader', '/draw 机械 建材 3家 每组2人 3月2日-3月31日');
      await t.chat.click('leader', t.chat.lastCard(t.chat.group(), 'draw:').id, 'draw.execute', { drawId: '1' });
      await t.runtime.outbox.drain();
      group = (await t.data.taskOfficers()).filter((o) => o.ordinal === 0).map((o) => ({ id: o.taskId, local_id: o.localId! }));
    });
    afterAll(() => t?.close());

    it('/remind sends each officer one digest and the leader the overdue ones, once', async () => {
      t.clock.set('2026-03-03T01:05:00Z'); // Tue 09:05 in Shanghai
      await t.chat.say('officer-01', '/remind');
      expect(transcript(t.chat.group())).toMatch(/只有局领导或管理员可以立即发送今日提醒/);
      await t.chat.say('leader', '/remind');
      expect(transcript(t.chat.group())).toMatch(/已发送今日提醒 7 份（9 项）。今天共有 6 名执法人员有待办事项。/);
      await t.runtime.outbox.drain();
      const [a] = group;
      const mine = digests(a!.local_id, '2026-03-03');
      expect(mine).toHaveLength(1);
      expect(cardText(mine[0]!.card!)).toMatch(/待确认接收的任务[\s\S]*第1组 .+：请确认接收或申请回避，检查期自 2026-03-02 起（已逾期 1 个工作日）/);
      // The digest brings the task's card back, buttons included, even if it scrolled away.
      const open = mine[0]!.card!.actions!.find((x) => x.action === 'task.open')!;
      await t.chat.click(a!.local_id, mine[0]!.id, 'task.open', open.payload);
      await t.runtime.outbox.drain();
      const again = t.chat.lastCard(t.chat.dm(a!.local_id), `task:${open.payload.taskId}`);
      expect(again.id).not.toBe(mine[0]!.id);
      expect(again.card.actions?.map((x) => x.label)).toContain('确认接收');
      const leader = digests('leader', '2026-03-03');
      expect(leader.map((m) => m.card!.title)).toEqual(['逾期事项汇总（2026-03-03）']);
      const name = (await t.data.personName(a!.local_id))!;
      expect(cardText(leader[0]!.card!)).toMatch(/逾期事项：3[\s\S]*涉及人员：6/);
      expect(cardText(leader[0]!.card!)).toContain(`${name}（1 项）`); // grouped by officer

      await t.chat.say('leader', '/remind');
      expect(transcript(t.chat.group())).toMatch(/今日提醒均已发送过，没有新的提醒。/);
      await runDailyReminders(t.store, '2026-03-03');
      await t.runtime.outbox.drain();
      expect(digests(a!.local_id, '2026-03-03')).toHaveLength(1);
      expect(digests('leader', '2026-03-03')).toHaveLength(1);
    });

    it('/deadlines lists my deadlines; /remind on a holiday sends nothing', async () => {
      const [a] = group;
      await t.chat.say(a!.local_id, '/deadlines', 'dm');
      expect(cardText(t.chat.lastCard(t.chat.dm(a!.local_id), 'my-deadlines').card)).toMatch(/请确认接收或申请回避/);
      t.clock.set('2026-04-06T01:05:00Z'); // 清明节 (Monday)
      await t.chat.say('leader', '/remind');
      expect(transcript(t.chat.group())).toMatch(/今天（2026-04-06）不是工作日，不发送每日提醒/);
      t.clock.set('2026-03-03T01:05:00Z');
    });

    it('a 复查 button on the digest opens the form; 未整改 is recorded once and the group is asked to 立案', async () => {
      const [a, b] = group;
      const taskId = String(a!.id);
      for (const o of [a!, b!]) await t.chat.click(o.local_id, t.chat.lastCard(t.chat.dm(o.local_id), `task:${taskId}`).id, 'task.confirm', { taskId });
      const card = t.chat.lastCard(t.chat.dm(a!.local_id), `task:${taskId}`);
      await t.chat.click(a!.local_id, card.id, 'task.findings_form', { taskId });
      const form = t.chat.lastCard(t.chat.dm(a!.local_id), `task:${taskId}:findings`);
      expect((await fillFindings(t.chat.click, a!.local_id, form.id, taskId, FINDINGS_WITH_DEADLINE)).body.toast?.kind).toBe('success');
      // The form became the publication card, with its 已公示 form.
      await t.chat.click(a!.local_id, form.id, 'task.publish', { taskId }, { reference: '豫公示-2026-002' });

      t.clock.set('2026-03-10T01:05:00Z');
      await runDailyReminders(t.store, '2026-03-10');
      await t.runtime.outbox.drain();
      const digest = digests(b!.local_id, '2026-03-10')[0]!;
      expect(cardText(digest.card!)).toMatch(/整改期限已到，需复查[\s\S]*整改期限 2026-03-10 已到，请复查并登记结果，复查期限 2026-03-20/);
      // The 复查 button opens the form: a date, a result per hazard, a note.
      const button = digest.card!.actions!.find((x) => x.label.startsWith('复查：'))!;
      await t.chat.click(b!.local_id, digest.id, button.action, button.payload);
      const recheck = t.chat.lastCard(t.chat.dm(b!.local_id), `task:${taskId}:recheck`);
      expect(recheck.card.form!.fields.map((f) => f.name)).toEqual(['recheckDate', 'hazard_1', 'note', 'newDue']);
      const noNote = await t.chat.click(
        b!.local_id,
        recheck.id,
        'task.recheck_submit',
        { taskId, round: '1' },
        { recheckDate: '2026-03-10', hazard_1: 'not_rectified' },
      );
      expect(noNote.body.toast?.kind).toBe('error');
      expect(cardText(t.chat.dm(b!.local_id).find((m) => m.id === recheck.id)!.card!)).toMatch(/有隐患未整改时，「复查情况」必须写明/);
      const values = { recheckDate: '2026-03-10', hazard_1: 'not_rectified', note: '配电箱仍未接地' };
      const [clicked, twice] = await Promise.all([
        t.chat.click(b!.local_id, recheck.id, 'task.recheck_submit', { taskId, round: '1' }, values),
        t.chat.click(b!.local_id, recheck.id, 'task.recheck_submit', { taskId, round: '1' }, values),
      ]);
      expect([clicked.body.toast?.text, twice.body.toast?.text].sort()).toEqual(['已登记第 1 次复查：1 条隐患未整改。', '已登记过第 1 次复查的结果。']);
      expect(transcript(t.chat.group())).toMatch(/第 1 次复查（2026-03-10）：隐患第 1 条未整改，请依法立案查处（安全生产法 第一百零二条/);
      // The partner's copy of today's digest no longer offers the 复查 recorded.
      const theirs = digests(a!.local_id, '2026-03-10')[0]!;
      expect(cardText(theirs.card!)).not.toMatch(/需复查/);
      expect(theirs.card!.actions?.some((x) => x.action === 'task.recheck') ?? false).toBe(false);
      await runDailyReminders(t.store, '2026-03-11');
      await t.runtime.outbox.drain();
      expect(
        digests(a!.local_id, '2026-03-11')
          .map((m) => cardText(m.card!))
          .join('\n'),
      ).not.toMatch(/需复查/);
      expect(await t.data.auditCount('task.recheck_recorded')).toBe(1);
    });
  });
}
