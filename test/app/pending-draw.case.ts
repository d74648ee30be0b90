/**
 * One draw at a time waits for confirmation: a second preparation is refused while one is
 * pending (else both lots could hold an enterprise that the other draw's execution has just put
 * under inspection), and two leaders preparing at the same moment line up instead of racing.
 * A pending draw whose inspection window has ended cannot be executed any more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, startTestRuntime, type StoreKind, type TestRuntime } from '../support/test-runtime';

/** Run on the in-memory store (test/app) and on each real database, where the preparations line up on a row lock (test/db). */
export function describePendingDraw(kind: StoreKind): void {
  describe(`a pending draw [${kind}]`, () => {
    let t: TestRuntime<StoreKind>;
    beforeAll(async () => {
      t = await startTestRuntime({ kind });
    });
    afterAll(() => t?.close());

    const tasksOf = async (drawId: number) => (await t.data.tasks(drawId)).length;
    const draws = () => t.data.draws();

    it('refuses a second preparation, saying which draw waits and how to end it', async () => {
      expect((await t.chat.say('leader', '/draw 机械 3家 每组2人')).body.toast).toBeUndefined();
      const second = await t.chat.say('leader', '/draw 建材 3家 每组2人');
      expect(second.body.toast?.kind).toBe('error');
      expect(second.body.toast?.text).toBe(
        '偃应急抽〔2026〕1号（机械，3 家）尚待确认。同一时间只能有一次待确认的抽取，以免同一企业在两次抽取中都被抽中：' +
          '请先在该抽取的卡片上点“确认抽取”或“放弃”（或发送 /cancel 偃应急抽〔2026〕1号 原因），再发起新的抽取。',
      );
      expect(await draws()).toEqual([{ drawNo: '偃应急抽〔2026〕1号', status: 'prepared' }]);
      // The pending draw's card comes again with the refusal, so its buttons are at hand.
      const again = t.chat.group().at(-1)!;
      expect(again.card?.title).toBe('抽取准备 偃应急抽〔2026〕1号');
      expect(cardText(again.card!)).toContain(second.body.toast!.text);
      expect(again.card!.actions?.map((a) => a.label)).toEqual(['确认抽取', '放弃']);
    });

    it('lets the next one through once the pending draw is ended, under the next number', async () => {
      const again = t.chat.group().at(-1)!;
      // 放弃 asks why first; the reason, the time and who are published, and the secret revealed.
      expect((await t.chat.click('leader', again.id, 'draw.abandon', { drawId: '1' })).body.toast).toBeUndefined();
      const ask = t.chat.lastCard(t.chat.group(), 'draw-abandon:');
      expect(ask.card.form?.fields.map((f) => f.name)).toEqual(['reason']);
      const submit = ask.card.form!.submit;
      const tooShort = await t.chat.click('leader', ask.id, submit.action, submit.payload, { reason: '错' });
      expect(tooShort.body.toast?.text).toBe('请写明放弃原因（至少 2 个字），原因将与抽取记录一并公开。');
      expect(await draws()).toEqual([{ drawNo: '偃应急抽〔2026〕1号', status: 'prepared' }]);
      const done = await t.chat.click('leader', ask.id, submit.action, submit.payload, { reason: '范围选错，应为建材' });
      expect(done.body.toast?.text).toBe('已放弃本次抽取，记录保留；秘密值已公开，任何人可据此复核本次若执行将抽中的企业。');
      const announcement = cardText(t.chat.lastCard(t.chat.group(), 'draw:1').card);
      expect(announcement).toMatch(/秘密值（已揭示）：[0-9a-f]{64}/);
      expect(announcement).toContain(`放弃人：${await t.data.personName('leader')}`);
      expect(announcement).toContain('原因：范围选错，应为建材');
      expect((await t.chat.say('leader', '/draw 建材 3家 每组2人')).body.toast).toBeUndefined();
      expect(await draws()).toEqual([
        { drawNo: '偃应急抽〔2026〕1号', status: 'abandoned' },
        { drawNo: '偃应急抽〔2026〕2号', status: 'prepared' },
      ]);
      await t.chat.say('leader', '/cancel 偃应急抽〔2026〕2号 重新安排');
      const question = t.chat.lastCard(t.chat.group(), 'draw-cancel:');
      await t.chat.click('leader', question.id, 'draw.cancel', t.chat.button(question.card, '确认放弃').payload);
    });

    it('refuses to execute a draw whose inspection window has ended, and keeps it pending until abandoned', async () => {
      await t.chat.say('leader', '/draw 纺织 2家 3月2日-3月6日');
      const card = t.chat.lastCard(t.chat.group(), 'draw:');
      const drawId = card.card.actions!.find((a) => a.action === 'draw.execute')!.payload.drawId!;
      t.clock.set('2026-03-07T01:00:00Z');
      const late = await t.chat.click('leader', card.id, 'draw.execute', { drawId });
      expect(late.body.toast?.text).toBe('本次抽取的检查期 2026-03-02 至 2026-03-06 已经结束，不能再执行：请在卡片上点“放弃”，再按新的检查期发起抽取。');
      expect((await draws()).at(-1)).toMatchObject({ status: 'prepared' });
      expect(await tasksOf(Number(drawId))).toBe(0);
      await t.chat.click('leader', card.id, 'draw.abandon', { drawId });
      const ask = t.chat.lastCard(t.chat.group(), 'draw-abandon:');
      await t.chat.click('leader', ask.id, 'draw.abandon', ask.card.form!.submit.payload, { reason: '检查期已过' });
      expect((await draws()).at(-1)).toMatchObject({ status: 'abandoned' });
      t.clock.set('2026-03-02T01:30:00Z');
    });

    it('lines up two preparations sent at the same moment: one is prepared, the other told to wait', async () => {
      const replies = await Promise.all([t.chat.say('leader', '/draw 冶金 2家'), t.chat.say('admin', '/draw 轻工 2家')]);
      const refused = replies.filter((r) => r.body.toast?.kind === 'error');
      expect(refused).toHaveLength(1);
      expect(refused[0]!.body.toast!.text).toMatch(/^偃应急抽〔2026〕4号（.+）尚待确认。/);
      expect((await draws()).filter((d) => d.status === 'prepared')).toEqual([{ drawNo: '偃应急抽〔2026〕4号', status: 'prepared' }]);
    });
  });
}
