import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHolidayInput } from '../../src/app/use-cases/import-holidays';
import { runDailyReminders } from '../../src/app/use-cases/send-reminders';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';
import { fillFindings, goodFindings } from '../support/findings';

describe('/holidays input', () => {
  it('reads the one-line form: names, 放假/上班, ranges and lists', () => {
    const r = parseHolidayInput('2027 元旦 放假 01-01~01-03；春节 放假 2月6日至2月8日；春节 上班 01-31、02-20');
    expect(r.ok && r.overrides.map((o) => `${o.date} ${o.kind} ${o.name ?? ''}`)).toEqual([
      '2027-01-01 holiday 元旦',
      '2027-01-02 holiday 元旦',
      '2027-01-03 holiday 元旦',
      '2027-01-31 workday 春节',
      '2027-02-06 holiday 春节',
      '2027-02-07 holiday 春节',
      '2027-02-08 holiday 春节',
      '2027-02-20 workday 春节',
    ]);
  });
  it('names every problem in Chinese', () => {
    expect(parseHolidayInput('2027 元旦 01-01')).toEqual({ ok: false, errors: ['第 1 段“元旦 01-01”：缺少类型“放假”或“上班”。'] });
    expect(parseHolidayInput('2027 元旦 放假 13-01')).toMatchObject({ ok: false, errors: [expect.stringMatching(/日期“13-01”无效/)] });
    const weekday = parseHolidayInput('2027 元旦 放假 01-01；春节 上班 02-08');
    expect(weekday).toMatchObject({ ok: false, errors: [expect.stringMatching(/^「2027-02-08」：2027-02-08 是星期一，本来就是工作日/)] });
    expect(parseHolidayInput('元旦 放假 01-01')).toMatchObject({ ok: false, errors: [expect.stringMatching(/请先写年份/)] });
  });
  it('reads a pasted override file on several lines', () => {
    const r = parseHolidayInput('年份,2027\n日期,类型,名称\n2027-01-01,放假,元旦');
    expect(r).toMatchObject({ ok: true, year: 2027, overrides: [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }] });
  });
});

// On the in-memory store: the holiday repository is tested on the databases in test/db/holiday-repo.test.ts.
for (const kind of ['memory'] as const) {
  describe(`a year without a holiday schedule [${kind}]`, () => {
    let t: TestRuntime<'memory'>;
    beforeAll(async () => {
      t = await startTestRuntime({ kind, now: '2026-12-28T02:00:00Z' }); // Mon 10:00 in Shanghai
    });
    afterAll(() => t?.close());

    it('marks a deadline in 2027 provisional, tells administrators daily, and recomputes it on import', async () => {
      const { chat } = t;
      await chat.say('leader', '/draw 机械 1家 每组2人 12月28日-12月31日');
      await chat.click('leader', chat.lastCard(chat.group(), 'draw:').id, 'draw.execute', { drawId: '1' });
      await t.runtime.outbox.drain();
      const officers = (await t.data.taskOfficers()).map((o) => ({ id: o.taskId, local_id: o.localId! }));
      const taskId = String(officers[0]!.id);
      for (const o of officers) await chat.click(o.local_id, chat.lastCard(chat.dm(o.local_id), `task:${taskId}`).id, 'task.confirm', { taskId });
      const findings = goodFindings('2026-12-28');
      const card = chat.lastCard(chat.dm(officers[0]!.local_id), `task:${taskId}`);
      await chat.click(officers[0]!.local_id, card.id, 'task.findings_form', { taskId });
      const form = chat.lastCard(chat.dm(officers[0]!.local_id), `task:${taskId}:findings`);
      const submitted = await fillFindings(chat.click, officers[0]!.local_id, form.id, taskId, findings);
      expect(submitted.body.toast?.text).toBe('检查结果已保存，请于 2027-01-04 前公示。'); // 2027-01-01 guessed as a working day

      t.clock.set('2026-12-29T01:00:00Z');
      const { store } = t;
      expect((await runDailyReminders(store, '2026-12-29')).missingYears).toEqual([2027]);
      await t.runtime.outbox.drain();
      expect(chat.lastCard(chat.dm('admin'), 'holidays-missing').card.title).toBe('2027 年节假日安排尚未录入');
      await chat.say(officers[0]!.local_id, '/deadlines', 'dm');
      expect(cardText(chat.lastCard(chat.dm(officers[0]!.local_id), 'my-deadlines').card)).toMatch(
        /应于 2027-01-04 前.+还剩 4 个工作日，暂定：该年度节假日安排尚未录入/,
      );

      await chat.say('officer-01', '/holidays 2027 元旦 放假 01-01~01-03');
      expect(transcript(chat.group())).toMatch(/只有管理员可以录入节假日安排/);
      await chat.say('admin', '/holidays 2027 元旦 放假 01-01~01-03；春节 上班 02-08');
      expect(transcript(chat.group())).toMatch(/未导入，请修改后重新发送：\n· 「2027-02-08」：2027-02-08 是星期一/);
      await chat.say('admin', '/holidays 2027 元旦 放假 01-01~01-03');
      expect(transcript(chat.group())).toMatch(/已录入 2027 年放假安排（3 个日期），该年期限不再暂定。已按新安排重新计算 1 项暂定的公示期限。/);
      const task = (await t.data.tasks()).find((x) => x.id === Number(taskId))!;
      expect({ due: task.publicationDue, provisional: task.publicationDueProvisional }).toEqual({ due: '2027-01-05', provisional: false });

      t.clock.set('2026-12-30T01:00:00Z');
      expect((await runDailyReminders(store, '2026-12-30')).missingYears).toEqual([]);
      await chat.say('leader', '/holidays');
      expect(transcript(chat.group())).toMatch(/已录入放假安排的年份：2023、2024、2025、2026、2027。/);
    });
  });
}
