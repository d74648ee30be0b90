/**
 * The whole inspection lifecycle through DingTalk, in both modes: signed HTTP callbacks or Stream
 * frames in; token, robot messages and createAndDeliver / PUT card calls out to the fake DingTalk
 * (the draw card to the group by openConversationId, task cards to officers by userId).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src/db/repos/audit-repo';
import { databaseKinds } from '../../support/test-db';
import { DT_GROUP, staffOf, startDingtalkRuntime, type DingtalkRuntime } from './dingtalk-runtime';

const ALL_MATCH = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`item_CI${String(i + 1).padStart(2, '0')}`, '符合']));
const ITEMS_FORM = { inspectionDate: '2026-03-02', ...ALL_MATCH };
const CONCLUSION_FORM = { majorHazard: '否', resultCategory: 'no_problem', caseFiled: '否', responsiblePerson: '王经理', refusedToSign: '否' };
const cardData = (answer: Record<string, unknown>) =>
  ((answer['cardData'] as { cardParamMap?: Record<string, string> } | undefined)?.cardParamMap ?? {}) as Record<string, string>;

for (const kind of databaseKinds()) {
  for (const mode of ['http', 'stream'] as const) {
    describe(`DingTalk lifecycle over ${mode} [${kind}]`, () => {
      let t: DingtalkRuntime;
      beforeAll(async () => {
        t = await startDingtalkRuntime(kind, { mode });
        await t.linkEveryone();
      });
      afterAll(() => t?.close());

      it('draw, confirm, recuse and replace, findings, publish — duplicates have no second effect', async () => {
        expect(await t.say('leader', '/draw 机械 3家 每组2人', { msgId: 'msgdraw1' })).toEqual({ status: 200 });
        expect(await t.outboxCount()).toBe(1);
        await t.flush();
        const announcement = t.fake.lastCard(DT_GROUP, '抽取准备 偃应急抽〔2026〕1号');
        expect(announcement).toMatchObject({ templateId: 'general_fake.schema', space: { type: 'IM_GROUP', id: DT_GROUP }, callbackType: mode.toUpperCase() });
        expect(announcement.params).toMatchObject({ space: `group:${DT_GROUP}`, btn1_visible: 'true' });

        // DingTalk delivers the same message again: nothing more is queued or sent.
        const calls = t.fake.calls.length;
        await t.say('leader', '/draw 机械 3家 每组2人', { msgId: 'msgdraw1' });
        expect(await t.flush()).toBe(0);
        expect([await t.outboxCount(), t.fake.calls.length]).toEqual([1, calls]);

        // An officer may not execute (told privately); the leader may, and the card shows the new state.
        await t.click('officer-01', announcement, '确认抽取');
        expect(t.notice(announcement, 'officer-01')).toMatch(/^❌ /);
        const executed = await t.click('leader', announcement, '确认抽取');
        expect(t.notice(announcement, 'leader')).toMatch(/^✅ /);
        expect(cardData(executed)['markdown']).toContain('已抽取');
        expect(announcement.params['btn1_visible']).toBe('false');
        await t.flush();
        const result = t.fake.lastCard(DT_GROUP, '抽取结果 偃应急抽〔2026〕1号');
        expect(result.params['markdown']).toMatch(/\*\*.+｜.+\*\*/); // the table, degraded to a header line and one item per row

        const drawn = await t.query<{ task_id: number; ordinal: number; local_id: string }>(
          sql`select o.task_id, t.ordinal, p.local_id from task_officers o join tasks t on t.id = o.task_id join people p on p.id = o.person_id order by t.ordinal, o.id`,
        );
        expect(drawn).toHaveLength(6);
        for (const o of drawn) expect(t.fake.cardsTo(staffOf(o.local_id)).filter((c) => c.space.type === 'IM_ROBOT')).toHaveLength(1);

        const [a, b] = drawn.filter((o) => o.ordinal === 0).map((o) => o.local_id) as [string, string];
        const taskId = drawn[0]!.task_id;
        const taskCard = (who: string) => t.fake.lastCard(staffOf(who), '检查任务');

        await t.click(a, taskCard(a), '确认接收');
        expect(taskCard(a).params['markdown']).toContain('**我的状态**：已确认');
        await t.flush();

        // Recusal through the form card; the leader approves; a replacement is drawn and gets a task card.
        await t.click(b, taskCard(b), '申请回避');
        await t.flush();
        const form = t.fake.lastCard(staffOf(b), '申请回避');
        expect(form.templateId).toBe('form_fake.schema');
        await t.click(b, form, '提交回避申请', { ground: 'relative', reason: '本人近亲属在该企业任职' });
        expect(t.notice(form, b)).toMatch(/已提交局领导审批/);
        await t.flush();
        const approval = t.fake.lastCard(staffOf('leader'), '回避申请（待审批）');
        await t.click('leader', approval, '同意');
        expect(t.notice(approval, 'leader')).toMatch(/已随机补抽/);
        await t.flush();
        const [replacement] = await t.query<{ local_id: string }>(
          sql`select p.local_id from task_officers o join people p on p.id = o.person_id where o.task_id = ${taskId} and o.replacement_no = 1`,
        );
        const c = replacement!.local_id;
        expect([a, b]).not.toContain(c);
        expect(t.fake.textsTo(DT_GROUP).some((s) => /回避（经局领导同意），已按原种子随机补抽/.test(s))).toBe(true);
        expect(t.fake.textsTo(DT_GROUP).some((s) => s.includes('近亲属'))).toBe(false);
        await t.click(c, taskCard(c), '确认接收');
        await t.flush();

        // Findings through the form card (selects answered as {index, value}); the answer is the publication card.
        await t.click(a, taskCard(a), '填报检查结果');
        await t.flush();
        const findings = t.fake.lastCard(staffOf(a), '填报检查结果');
        await t.click(a, findings, '下一步', ITEMS_FORM);
        await t.click(a, findings, '未发现隐患，下一步');
        const submitted = await t.click(a, findings, '提交检查结果', CONCLUSION_FORM);
        expect(t.notice(findings, a)).toContain('2026-03-09');
        expect(cardData(submitted)['title']).toMatch(/^待公示：/);
        await t.flush();

        await t.click(a, findings, '已公示', { reference: '豫公示-2026-001' });
        expect(findings.params['title']).toMatch(/^已公示：/);
        expect(findings.params['submit_visible']).toBe('false');
        await t.flush();
        expect(t.fake.textsTo(DT_GROUP).filter((s) => /检查结果已由.+公示/.test(s))).toHaveLength(1);
        const [task] = await t.query<{ status: string }>(sql`select status from tasks where id = ${taskId}`);
        expect(task!.status).toBe('published');

        const failed = await t.query<{ n: number }>(sql`select count(*)::int as n from outbox where status <> 'sent'`);
        expect(failed[0]!.n).toBe(0);
        expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
        if (mode === 'stream') expect(t.fake.unacked()).toEqual([]);
      });
    });
  }
}
