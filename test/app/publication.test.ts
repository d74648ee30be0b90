/**
 * 公示 as a transcript: the publication card counts the working days left and carries the text to
 * copy; 已公示 needs the 国家企业信用信息公示系统 record number (nothing is saved without a plausible
 * one); the date and the number show on every copy, on /public and in the draw's record; a
 * publication after the 5-working-day deadline is recorded as late, with the working days over.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardView } from '../../src/app/views/card-view';
import { verifyDrawExport } from '../../src/domain/draw';
import { cardText, startTestRuntime, transcript, type TestRuntime } from '../support/test-runtime';
import { fillFindings, goodFindings } from '../support/findings';

describe('公示 with the record number', () => {
  let t: TestRuntime<'memory'>;

  /** Draws one enterprise, both officers confirm, the first submits findings; returns the publication card's message. */
  async function inspected(command: string) {
    await t.chat.say('leader', command);
    const announcement = t.chat.lastCard(t.chat.group(), 'draw:');
    const drawId = t.chat.button(announcement.card, '确认抽取').payload.drawId!;
    await t.chat.click('leader', announcement.id, 'draw.execute', { drawId });
    const rows = (await t.data.taskOfficers()).filter((o) => o.drawId === Number(drawId));
    const taskId = String(rows[0]!.taskId);
    const [a, b] = rows.map((o) => o.localId!) as [string, string];
    for (const who of [a, b]) await t.chat.click(who, t.chat.lastCard(t.chat.dm(who), `task:${taskId}`).id, 'task.confirm', { taskId });
    await t.chat.click(a, t.chat.lastCard(t.chat.dm(a), `task:${taskId}`).id, 'task.findings_form', { taskId });
    const form = t.chat.lastCard(t.chat.dm(a), `task:${taskId}:findings`);
    await fillFindings(t.chat.click, a, form.id, taskId, goodFindings());
    return { drawId, taskId, a, b, messageId: form.id };
  }
  const shown = (who: string, id: string): CardView => t.chat.dm(who).find((m) => m.id === id)!.card!;
  const copies = (who: string, taskId: string) =>
    t.chat.dm(who).flatMap((m) => (m.card && (m.card.key === `task:${taskId}` || m.card.key === `task:${taskId}:publication`) ? [m.card] : []));

  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
  });
  afterAll(() => t?.close());

  it('shows the working days left and the text to copy; refuses a missing or garbled number and saves nothing', async () => {
    const { taskId, a, messageId } = await inspected('/draw 机械 1家 每组2人 3月2日-3月31日');
    const card = shown(a, messageId);
    expect(cardText(card)).toContain('公示期限：2026-03-09（截至 2026-03-02：还剩 5 个工作日）');
    const copy = card.sections.find((s) => s.type === 'copy');
    expect(copy?.type === 'copy' && copy.text).toMatch(
      /^抽查任务编号：偃应急抽〔2026〕1号\n检查对象：.+\n检查实施机关：.+\n类型：“双随机”抽查\n检查日期：2026-03-02\n检查结果：未发现问题$/,
    );
    expect(card.form?.fields.map((f) => [f.label, f.required])).toEqual([['国家企业信用信息公示系统记录编号', true]]);

    for (const [reference, why] of [
      ['', /请填写国家企业信用信息公示系统（河南）的记录编号/],
      ['已在系统公示', /记录编号“已在系统公示”中数字不足 4 位/],
      ['豫 2026 001', /不能有空格/],
      ['<script>1234</script>', /含有不允许的字符/],
    ] as const) {
      const refused = await t.chat.click(a, messageId, 'task.publish', { taskId }, { reference });
      expect(refused.body.toast?.kind, reference).toBe('error');
      expect(refused.body.toast?.text, reference).toMatch(why);
      expect(refused.body.toast?.text, reference).toContain('应为 4–64 个字符，由汉字、字母、数字和 - _ / . 〔〕[]() 组成，至少含 4 位数字');
    }
    expect((await t.data.tasks()).find((x) => x.id === Number(taskId))!.status).toBe('inspected');
    expect(await t.data.auditCount('task.published')).toBe(0);
    expect(transcript(t.chat.group())).not.toMatch(/检查结果已由.+公示/);
  });

  it('records the number and the date, shown on every copy, on /public and in the record', async () => {
    const taskId = String((await t.data.tasks())[0]!.id);
    const [a, b] = (await t.data.taskOfficers()).filter((o) => o.taskId === Number(taskId)).map((o) => o.localId!) as [string, string];
    const publication = t.chat.lastCard(t.chat.dm(b), `task:${taskId}:publication`);
    // Pasted with full-width digits and spaces around: read as typed by a person.
    const done = await t.chat.click(b, publication.id, 'task.publish', { taskId }, { reference: ' 豫应急抽查〔２０２６〕3号 ' });
    expect(done.body.toast).toMatchObject({ kind: 'success' });
    const name = await t.data.personName(b);
    for (const who of [a, b]) {
      for (const card of copies(who, taskId)) expect(cardText(card)).toContain(`已由${name}于 2026-03-02 公示（公示系统记录编号 豫应急抽查〔2026〕3号）。`);
    }
    expect(cardText(shown(b, publication.id))).toMatch(/公示日期：2026-03-02\n公示系统记录编号：豫应急抽查〔2026〕3号\n公示情况：按期公示/);
    expect(transcript(t.chat.group())).toMatch(/检查结果已由.+公示，公示系统记录编号 豫应急抽查〔2026〕3号。/);
    const page = await (await t.runtime.app.request('/public')).text();
    expect(page).toMatch(/data-label="公示系统记录编号"[^>]*>豫应急抽查〔2026〕3号<\/td>/);
    expect(page).toMatch(/data-label="公示日期"[^>]*>2026-03-02<\/td>/);
    const doc = await (await t.runtime.app.request('/public/draws/1.json')).json();
    expect(doc.publications).toEqual([
      { taskIndex: 0, publishedOn: '2026-03-02', recordNumber: '豫应急抽查〔2026〕3号', due: '2026-03-09', late: false, lateWorkdays: 0 },
    ]);
    expect(verifyDrawExport(doc)).toEqual({ ok: true });
  });

  it('a publication after the deadline is recorded as late, with the working days over, and shown as such', async () => {
    const { drawId, taskId, a, b, messageId } = await inspected('/draw 建材 1家 每组2人 3月2日-3月31日');
    // Due Monday 2026-03-09; published Thursday 2026-03-12: 3 working days over (10, 11, 12).
    t.clock.set('2026-03-12T02:00:00Z');
    // The day's reminder says it is late, and brings back the publication card counted from today.
    await t.chat.say('leader', '/remind');
    const digest = t.chat.lastCard(t.chat.dm(a), 'digest:2026-03-12');
    expect(cardText(digest.card)).toMatch(/应于 2026-03-09 前在国家企业信用信息公示系统（河南）公示（已逾期 3 个工作日）/);
    const open = digest.card.actions!.find((x) => x.action === 'task.open' && x.payload.taskId === taskId)!;
    await t.chat.click(a, digest.id, 'task.open', open.payload);
    expect(cardText(t.chat.lastCard(t.chat.dm(a), `task:${taskId}:publication`).card)).toContain('（截至 2026-03-12：已逾期 3 个工作日）');
    const late = await t.chat.click(a, messageId, 'task.publish', { taskId }, { reference: '豫应急抽查〔2026〕4号' });
    expect(late.body.toast).toMatchObject({ kind: 'warning', text: expect.stringMatching(/已超过公示期限（逾期 3 个工作日公示），已如实记录/) });
    for (const who of [a, b]) {
      for (const card of copies(who, taskId))
        expect(cardText(card)).toMatch(/于 2026-03-12 公示（公示系统记录编号 豫应急抽查〔2026〕4号），逾期 3 个工作日公示。/);
    }
    expect(transcript(t.chat.group())).toMatch(/公示系统记录编号 豫应急抽查〔2026〕4号（应于 2026-03-09 前公示，逾期 3 个工作日公示）。/);
    const page = await (await t.runtime.app.request('/public')).text();
    expect(page).toMatch(/data-label="公示日期"[^>]*>2026-03-12（逾期 3 个工作日公示）<\/td>/);
    const doc = await (await t.runtime.app.request(`/public/draws/${drawId}.json`)).json();
    expect(doc.publications).toEqual([
      { taskIndex: 0, publishedOn: '2026-03-12', recordNumber: '豫应急抽查〔2026〕4号', due: '2026-03-09', late: true, lateWorkdays: 3 },
    ]);
    await t.chat.say('leader', '/status');
    expect(cardText(t.chat.lastCard(t.chat.group(), 'status').card)).toContain('逾期公示（已公示）：1');
    await t.chat.say('leader', '/tasks 已公示');
    expect(cardText(t.chat.lastCard(t.chat.group(), 'tasks').card)).toContain('已公示（逾期）');
  });
});
