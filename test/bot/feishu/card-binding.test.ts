/**
 * A click must belong to the card it came from: a button's payload is checked against the
 * buttons that card message really carried (recorded when it was sent or replaced), and a form's
 * values against its fields' limits, on the server, before anything runs.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../../support/test-db';
import { GROUP, buttonValue, openIdOf, p2pOf, startFeishuRuntime, type FeishuRuntime } from './feishu-runtime';

for (const kind of databaseKinds()) {
  describe(`buttons bound to their card [${kind}]`, () => {
    let t: FeishuRuntime;
    beforeAll(async () => {
      t = await startFeishuRuntime(kind);
      await t.linkEveryone();
    });
    afterAll(() => t?.close());

    const drawStatus = async (id: number) => (await t.query<{ status: string }>(sql`select status from draws where id = ${id}`))[0]?.status;

    it('放弃 on draw 1’s card carrying draw 2’s id does not abandon draw 2', async () => {
      await t.say('leader', '/draw 机械 2家');
      await t.flush();
      const first = t.lastCard(GROUP, '抽取准备');
      await t.click('leader', { messageId: first.messageId, chat: GROUP, value: buttonValue(first.card, '确认抽取') });
      await t.flush();
      await t.say('leader', '/draw 建材 2家');
      await t.flush();
      const second = t.lastCard(GROUP, '抽取准备');
      expect(second.messageId).not.toBe(first.messageId);
      const ids = (await t.query<{ id: number }>(sql`select id from draws order by id`)).map((r) => r.id);
      expect(ids).toHaveLength(2);
      const forged = { ...buttonValue(first.card, '放弃'), drawId: String(ids[1]) };
      const res = await t.click('leader', { messageId: first.messageId, chat: GROUP, value: forged });
      expect(res.body).toMatchObject({ toast: { type: 'error', content: expect.stringContaining('按钮与这张卡片不符') } });
      expect(await drawStatus(ids[1]!)).toBe('prepared');
      expect(await drawStatus(ids[0]!)).toBe('executed');
      // A message id the bot never sent a card with is refused too.
      const unknown = await t.click('leader', { messageId: 'om_not_ours', chat: GROUP, value: buttonValue(second.card, '放弃') });
      expect(unknown.body).toMatchObject({ toast: { type: 'error', content: expect.stringContaining('已失效') } });
      expect(await drawStatus(ids[1]!)).toBe('prepared');
      // The real button on the real card still works.
      const real = await t.click('leader', { messageId: second.messageId, chat: GROUP, value: buttonValue(second.card, '放弃') });
      expect(JSON.stringify(real.body)).not.toContain('按钮与这张卡片不符');
    });

    it('a form value longer than the form allows is refused on the server, and nothing is saved', async () => {
      await t.say('leader', '/draw 机械 1家');
      await t.flush();
      const announcement = t.lastCard(GROUP, '抽取准备');
      await t.click('leader', { messageId: announcement.messageId, chat: GROUP, value: buttonValue(announcement.card, '确认抽取') });
      await t.flush();
      const [task] = await t.query<{ id: number }>(sql`select id from tasks order by id desc limit 1`);
      const officers = await t.query<{ local_id: string }>(
        sql`select p.local_id from task_officers o join people p on p.id = o.person_id where o.task_id = ${task!.id}`,
      );
      let confirmed: Record<string, unknown> | undefined;
      for (const o of officers) {
        const card = t.lastCard(openIdOf(o.local_id), '检查任务');
        const res = await t.click(o.local_id, { messageId: card.messageId, chat: p2pOf(o.local_id), value: buttonValue(card.card, '确认接收') });
        confirmed ??= (res.body['card'] as { data: Record<string, unknown> }).data;
      }
      const who = officers[0]!.local_id;
      const taskCard = t.lastCard(openIdOf(who), '检查任务');
      // The card as the callback answer left it (now with 填报检查结果).
      await t.click(who, { messageId: taskCard.messageId, chat: p2pOf(who), value: buttonValue(confirmed!, '填报检查结果') });
      await t.flush();
      const form = t.lastCard(p2pOf(who), '填报检查结果');
      const items = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`item_CI${String(i + 1).padStart(2, '0')}`, '符合']));
      const step = await t.click(who, {
        messageId: form.messageId,
        chat: p2pOf(who),
        value: buttonValue(form.card, '下一步'),
        formValue: { inspectionDate: '2026-03-02 +0800', ...items },
      });
      // The answer is the hazards step, whose form is bound to the message from now on.
      const hazards = (step.body['card'] as { data: Record<string, unknown> }).data;
      const res = await t.click(who, {
        messageId: form.messageId,
        chat: p2pOf(who),
        value: buttonValue(hazards, '添加隐患'),
        formValue: { description: '隐'.repeat(501), location: '仓库' },
      });
      expect(res.body).toMatchObject({ toast: { type: 'error', content: expect.stringContaining('不超过 500 字（现为 501 字）') } });
      expect(await t.query(sql`select draft->'hazards' as hazards from findings_drafts`)).toEqual([{ hazards: [] }]);
      const unknownField = await t.click(who, {
        messageId: form.messageId,
        chat: p2pOf(who),
        value: buttonValue(hazards, '添加隐患'),
        formValue: { extra: 'x' },
      });
      expect(unknownField.body).toMatchObject({ toast: { type: 'error', content: expect.stringContaining('按钮与这张卡片不符') } });
    });
  });
}
