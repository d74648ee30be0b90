/**
 * The whole inspection lifecycle through Feishu, as Feishu delivers it: signed and encrypted
 * `im.message.receive_v1` and `card.action.trigger` HTTP deliveries in, SDK calls to the fake
 * Feishu Open API out (cards JSON 2.0 to the group by chat_id, task cards by open_id).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/db/repos/audit-repo';
import { databaseKinds } from '../../support/test-db';
import { GROUP, buttonValue, openIdOf, p2pOf, startFeishuRuntime, titleOf, type FeishuCard, type FeishuRuntime } from './feishu-runtime';

const ALL_MATCH = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`item_CI${String(i + 1).padStart(2, '0')}`, '符合']));
/** As Feishu's form container submits it: date pickers "YYYY-MM-DD +0800", selects by value. */
const ITEMS_FORM = { inspectionDate: '2026-03-02 +0800', ...ALL_MATCH };
const CONCLUSION_FORM = { majorHazard: '否', resultCategory: 'no_problem', caseFiled: '否', responsiblePerson: '王经理', refusedToSign: '否' };
const cardOf = (answer: { body: Record<string, unknown> }) => (answer.body['card'] as { data: FeishuCard }).data;
const text = (card: unknown) => JSON.stringify(card);

for (const kind of databaseKinds()) {
  describe(`Feishu lifecycle over HTTP [${kind}]`, () => {
    let t: FeishuRuntime;
    beforeAll(async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
    });
    afterAll(() => t?.close());

    it('draw, confirm, recuse and replace, findings, publish — duplicates have no second effect', async () => {
      // The leader @-mentions the bot in the group.
      const said = await t.say('leader', '/draw 机械 3家 每组2人', { messageId: 'om_draw_1' });
      expect(said).toEqual({ status: 200, body: {} });
      expect(await t.outboxCount()).toBe(1);
      await t.flush();
      const announcement = t.lastCard(GROUP, '抽取准备 偃应急抽〔2026〕1号');
      expect(t.fake.messagesTo(GROUP)[0]).toMatchObject({ receiveIdType: 'chat_id', msgType: 'interactive' });
      expect(announcement.card).toMatchObject({ schema: '2.0', config: { update_multi: true } });
      const execute = buttonValue(announcement.card, '确认抽取');
      expect(execute).toEqual({ action: 'draw.execute', drawId: '1' });

      // Feishu re-pushes the same message: nothing more is queued or sent.
      const callsBefore = t.fake.calls.length;
      await t.say('leader', '/draw 机械 3家 每组2人', { messageId: 'om_draw_1' });
      expect(await t.flush()).toBe(0);
      expect(await t.outboxCount()).toBe(1);
      expect(t.fake.calls.length).toBe(callsBefore);

      // An officer may not execute; the leader may. The callback answers with the card in its new state.
      expect((await t.click('officer-01', { ...announcement, chat: GROUP, value: execute })).body).toMatchObject({ toast: { type: 'error' } });
      const clicked = await t.click('leader', { ...announcement, chat: GROUP, value: execute, eventId: 'ev_execute' });
      expect(clicked.status).toBe(200);
      expect(clicked.body).toMatchObject({
        toast: { type: 'success' },
        card: { type: 'raw', data: { schema: '2.0', header: { title: { content: '抽取准备 偃应急抽〔2026〕1号' } } } },
      });
      expect(text(clicked.body['card'])).toContain('已抽取');
      expect(text(clicked.body['card'])).not.toContain('"tag":"button"');
      await t.flush();
      expect(t.fake.patches.map((p) => p.messageId)).toContain(announcement.messageId);
      const result = t.lastCard(GROUP, '抽取结果 偃应急抽〔2026〕1号');
      expect(text(result.card)).toContain('"tag":"table"');

      // Each drawn officer got a task card by open_id.
      const drawn = await t.query<{ task_id: number; ordinal: number; local_id: string }>(
        sql`select o.task_id, t.ordinal, p.local_id from task_officers o join tasks t on t.id = o.task_id join people p on p.id = o.person_id order by t.ordinal, o.id`,
      );
      expect(drawn).toHaveLength(6);
      for (const o of drawn) {
        expect(t.fake.messagesTo(openIdOf(o.local_id)).filter((m) => m.receiveIdType === 'open_id' && m.msgType === 'interactive')).toHaveLength(1);
      }

      // A replayed callback (same event_id) has no second effect.
      const rows = await t.outboxCount();
      const calls = t.fake.calls.length;
      const replay = await t.click('leader', { ...announcement, chat: GROUP, value: execute, eventId: 'ev_execute' });
      expect(replay.body).toEqual({ toast: { type: 'info', content: '已处理过这次操作。' } });
      expect(await t.flush()).toBe(0);
      expect([await t.outboxCount(), t.fake.calls.length]).toEqual([rows, calls]);

      const [a, b] = drawn.filter((o) => o.ordinal === 0).map((o) => o.local_id) as [string, string];
      const taskId = String(drawn[0]!.task_id);
      const taskCard = (who: string) => t.lastCard(openIdOf(who), '检查任务');

      // Officer a confirms in his direct chat with the bot.
      const confirmA = await t.click(a, { ...taskCard(a), chat: p2pOf(a), value: buttonValue(taskCard(a).card, '确认接收') });
      expect(confirmA.body).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw' } });
      expect(text(confirmA.body['card'])).toContain('**我的状态**：已确认');
      await t.flush();

      // Officer b asks for the recusal form and submits it; the leader approves in his direct chat;
      // a replacement is drawn and gets a task card.
      await t.click(b, { ...taskCard(b), chat: p2pOf(b), value: buttonValue(taskCard(b).card, '申请回避') });
      await t.flush();
      const form = t.lastCard(p2pOf(b), '申请回避');
      const recused = await t.click(b, {
        ...form,
        chat: p2pOf(b),
        value: buttonValue(form.card, '提交回避申请'),
        formValue: { ground: 'relative', reason: '本人近亲属在该企业任职' },
      });
      expect(recused.body).toMatchObject({ toast: { type: 'success', content: expect.stringMatching(/已提交局领导审批/) } });
      await t.flush();
      const approval = t.lastCard(openIdOf('leader'), '回避申请（待审批）');
      expect(text(approval.card)).toContain('本人近亲属在该企业任职');
      const approved = await t.click('leader', { ...approval, chat: p2pOf('leader'), value: buttonValue(approval.card, '同意') });
      expect(approved.body).toMatchObject({ toast: { type: 'success', content: expect.stringMatching(/已随机补抽/) } });
      expect(text(approved.body['card'])).not.toContain('"tag":"button"');
      await t.flush();
      const [replacement] = await t.query<{ local_id: string }>(
        sql`select p.local_id from task_officers o join people p on p.id = o.person_id where o.task_id = ${Number(taskId)} and o.replacement_no = 1`,
      );
      const c = replacement!.local_id;
      expect([a, b]).not.toContain(c);
      expect(t.texts(GROUP).some((s) => /回避（经局领导同意），已按原种子随机补抽/.test(s))).toBe(true);
      expect(t.texts(GROUP).some((s) => s.includes('近亲属'))).toBe(false);
      await t.click(c, { ...taskCard(c), chat: p2pOf(c), value: buttonValue(taskCard(c).card, '确认接收') });
      await t.flush();

      // Findings through the form's steps (date picker "2026-03-02 +0800"), each answer the next
      // card; the answer to the submission is the publication card.
      await t.click(a, { ...taskCard(a), chat: p2pOf(a), value: buttonValue(taskCard(a).card, '填报检查结果') });
      await t.flush();
      const findingsForm = t.lastCard(p2pOf(a), '填报检查结果');
      const items = await t.click(a, { ...findingsForm, chat: p2pOf(a), value: buttonValue(findingsForm.card, '下一步'), formValue: ITEMS_FORM });
      expect(titleOf(cardOf(items))).toMatch(/^填报检查结果（3\/4 隐患清单）/);
      const next = await t.click(a, { ...findingsForm, chat: p2pOf(a), value: buttonValue(cardOf(items), '未发现隐患，下一步') });
      const conclusion = cardOf(next);
      const submitted = await t.click(a, { ...findingsForm, chat: p2pOf(a), value: buttonValue(conclusion, '提交检查结果'), formValue: CONCLUSION_FORM });
      expect(submitted.body).toMatchObject({ toast: { type: 'success', content: expect.stringContaining('2026-03-09') } });
      const publication = (submitted.body['card'] as { data: FeishuCard }).data;
      expect(titleOf(publication)).toMatch(/^待公示：/);
      // The text to copy into the 公示系统 is a code block of its own.
      expect(text(publication)).toMatch(/\*\*录入内容（可复制）\*\*\\n```\\n抽查任务编号：偃应急抽〔2026〕1号/);
      await t.flush();
      // The 现场检查记录 arrives in a's direct chat as a file: uploaded, then sent by its file_key.
      const file = t.fake.messagesTo(openIdOf(a)).find((d) => d.msgType === 'file')!;
      const upload = t.fake.files.find((u) => u.fileKey === file.content['file_key'])!;
      expect(upload).toMatchObject({ fileType: 'doc', fileName: '现场检查记录-偃应急现记〔2026〕1-1号.docx' });
      expect(upload.bytes.subarray(0, 2).toString()).toBe('PK');
      expect(t.lastCard(openIdOf(c), '待公示').card).toBeTruthy();

      // Mark published, then click again: the second click changes nothing.
      const published = await t.click(a, {
        ...findingsForm,
        chat: p2pOf(a),
        value: buttonValue(publication, '已公示'),
        formValue: { reference: '豫公示-2026-001' },
      });
      expect(published.body).toMatchObject({
        toast: { type: 'success' },
        card: { data: { header: { title: { content: expect.stringMatching(/^已公示：/) } } } },
      });
      const again = await t.click(a, {
        ...findingsForm,
        chat: p2pOf(a),
        value: buttonValue(publication, '已公示'),
        formValue: { reference: '豫公示-2026-001' },
      });
      expect(again.body).toMatchObject({ toast: { content: '这项结果已登记为公示。' } });
      await t.flush();
      expect(t.texts(GROUP).filter((s) => /检查结果已由.+公示/.test(s))).toHaveLength(1);
      const [task] = await t.query<{ status: string }>(sql`select status from tasks where id = ${Number(taskId)}`);
      expect(task!.status).toBe('published');

      const failed = await t.query<{ n: number }>(sql`select count(*)::int as n from outbox where status <> 'sent'`);
      expect(failed[0]!.n).toBe(0);
      expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
    });
  });
}
