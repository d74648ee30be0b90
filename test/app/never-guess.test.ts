/**
 * Commands never guess, as a person meets it in the chat: input that can be read two ways is
 * answered with both readings and the exact text to send, a window that cannot be meant is
 * refused, nothing is prepared on a guess; and every example the bot shows (in /help and in its
 * refusals) is accepted when sent back on the day it was shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, startTestRuntime, type TestRuntime } from '../support/test-runtime';

describe('commands never guess', () => {
  let t: TestRuntime<'memory'>;
  beforeAll(async () => {
    t = await startTestRuntime({ kind: 'memory' });
  });
  afterAll(() => t?.close());

  /** What the bot answered in the group to `text`. */
  const answer = async (text: string) => {
    await t.chat.say('leader', text);
    const last = t.chat.group().at(-1)!;
    return last.text ?? cardText(last.card!);
  };
  /** The text after “请发送：” on each line of an answer: what the person is told to send. */
  const toSend = (text: string) => [...text.matchAll(/请发送：(\/\S.*)$/gm)].map((m) => m[1]!);
  /** Ends the pending draw so that the next one may be prepared. */
  const abandonPending = async () => {
    const pending = t.chat.lastCard(t.chat.group(), 'draw:');
    await t.chat.click('leader', pending.id, 'draw.abandon', t.chat.button(pending.card, '放弃').payload);
    const why = t.chat.lastCard(t.chat.group(), 'draw-abandon:');
    await t.chat.click('leader', why.id, 'draw.abandon', why.card.form!.submit.payload, { reason: '测试结束' });
  };

  it('asks about counts written after several industries, showing both readings, and prepares nothing', async () => {
    const text = await answer('/draw 冶金 2家 建材 3家');
    expect(text).toContain('如果要分行业抽取，请发送：/draw 冶金2家 建材3家');
    expect(text).toMatch(/请只写一个数量，例如：\/draw 冶金 2家 建材/);
    expect(await t.data.count('draws')).toBe(0);
    // The exact text it gave is taken as written: per-industry quotas.
    const [perIndustry] = toSend(text);
    await t.chat.say('leader', perIndustry!);
    expect(cardText(t.chat.lastCard(t.chat.group(), 'draw:').card)).toMatch(/冶金 2 家.*建材 3 家|冶金2家.*建材3家|冶金：2[\s\S]*建材：3/);
    expect(await t.data.count('draws')).toBe(1);
    await abandonPending();
  });

  it('asks about a window whose end precedes its start, with each reading’s exact command', async () => {
    const text = await answer('/draw 机械 2家 6月30日-6月1日');
    expect(text).toContain('检查期“6月30日-6月1日”的结束日早于开始日。');
    expect(toSend(text)).toContain('/draw 机械 2家 2026-06-01至2026-06-30');
    expect(await t.data.count('draws')).toBe(1);
    const across = await answer('/draw 机械 2家 12月20日-1月10日');
    expect(toSend(across)).toEqual(['/draw 机械 2家 2026-12-20至2027-01-10']);
    expect(await t.data.count('draws')).toBe(1);
  });

  it('refuses a date that does not exist and a window already over, with forms valid today', async () => {
    const missing = await answer('/draw 机械 2家 2月30日-3月3日');
    expect(missing).toContain('日期无效（如 2月30日 并不存在），应为“4月1日-4月30日”或“2026-04-01至2026-04-30”');
    const over = await answer('/draw 机械 2家 2026-01-05至2026-01-30');
    expect(over).toContain('已经过去（今天是 2026-03-02）');
    // A yearless window over this year could mean next year's: asked, with the exact text.
    const yearless = await answer('/draw 机械 2家 1月5日-1月30日');
    expect(toSend(yearless)).toEqual(['/draw 机械 2家 2027-01-05至2027-01-30']);
    expect(await t.data.count('draws')).toBe(1);
  });

  for (const day of ['2026-03-02', '2026-12-15', '2027-06-30']) {
    it(`shows examples that are accepted when sent back on ${day}`, async () => {
      t.clock.set(`${day}T01:30:00Z`);
      const year = day.slice(0, 4);
      const refusal = await answer('/draw 化工 5家');
      const example = /正确示例：(\/draw .+?)(?:$|\n|。)/.exec(refusal)?.[1];
      expect(example, refusal).toBeDefined();
      await t.chat.say('leader', example!);
      expect(t.chat.lastCard(t.chat.group(), 'draw:').card.title).toContain('抽取准备');
      await abandonPending();

      const forms = await answer('/draw 机械 2家 6月31日-7月3日');
      const windows = [...forms.matchAll(/“([^”]*[至-][^”]*)”/g)].map((m) => m[1]!).filter((w) => /\d/.test(w) && !w.includes('31日-7月'));
      expect(windows.length, forms).toBeGreaterThan(0);
      for (const w of windows) {
        await t.chat.say('leader', `/draw 机械 2家 ${w}`);
        expect(t.chat.lastCard(t.chat.group(), 'draw:').card.title, w).toContain('抽取准备');
        await abandonPending();
      }

      await t.chat.say('leader', '/help');
      const help = cardText(t.chat.lastCard(t.chat.group(), 'help').card);
      expect(help).toContain(`/stats ${year}`);
      expect(help).toContain(`/export ${year}`);
      expect((help.match(/20\d\d/g) ?? []).filter((y) => y < year)).toEqual([]);
      const verify = await answer('/verify');
      expect(verify).toContain(`“${year}-3”`);
    });
  }
});
