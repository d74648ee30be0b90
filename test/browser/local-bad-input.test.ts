import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { browserPlan, button, chatState, describeBrowser, field, fillFindings, launchBrowser, localChat, screenshot } from './browser';

describeBrowser('local chat page in Chromium: bad input and double clicks', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;
  /** Card clicks and form submits the page sent to `/local/api/act`, as parsed answers. */
  const acts: Array<Promise<{ toast?: { kind: string; text: string } }>> = [];

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startTestRuntime({ listen: true }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    page.on('response', (r: Response) => void (r.url().endsWith('/local/api/act') && acts.push(r.json())));
    await page.goto(`${rt.baseUrl}/local?as=leader`);
    await page.locator('#dm-title', { hasText: '与机器人的私聊' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('answers /draw 化工 5家 in Chinese with the problem and a correct example, and prepares nothing', async () => {
    const chat = localChat(page);
    await chat.sayInGroup('/draw 化工 5家');
    const reply = chat.group.locator('.bubble', { hasText: '看不懂“化工”' });
    await reply.waitFor();
    const text = (await reply.textContent())!;
    expect(text).toContain('行业（冶金、有色、建材、机械、轻工、纺织）');
    // The example's window is next month, so it is valid on the day it is shown (the clock says 2026-03-02).
    expect(text).toContain('正确示例：/draw 冶金 建材 10家 每组2人 4月1日-4月30日');
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('看不懂“化工”');
    expect(await chat.keys(chat.group)).toEqual([]);
    expect(await rt.database.db.query.draws.findMany()).toEqual([]);
  });

  it('draws once on a double click of 确认抽取: one result card, one task per enterprise', async () => {
    const chat = localChat(page);
    await chat.sayInGroup('/draw 机械 建材 3家 每组2人');
    const announcement = chat.group.locator('[data-card-key^="draw:"]', { hasText: '抽取准备' });
    await announcement.waitFor();
    const drawKey = (await announcement.getAttribute('data-card-key'))!;
    const before = acts.length;
    await button(announcement, '确认抽取').dblclick();
    await expect.poll(() => acts.length).toBe(before + 2);
    const toasts = (await Promise.all(acts.slice(before))).map((b) => b.toast?.text ?? '');
    expect(toasts.filter((t) => t.startsWith('抽取完成'))).toEqual(['抽取完成：3 家企业，任务卡已发送。']);
    await chat.card(chat.group, `${drawKey}:result`).waitFor();
    await page.reload();
    await chat.card(chat.group, `${drawKey}:result`).waitFor();
    expect((await chat.keys(chat.group)).filter((k) => k.endsWith(':result'))).toEqual([`${drawKey}:result`]);
    expect(rt.chat.group().filter((m) => m.card?.key === `${drawKey}:result`)).toHaveLength(1);
    expect(await rt.database.db.query.tasks.findMany()).toHaveLength(3);
    expect(await rt.database.db.query.taskOfficers.findMany()).toHaveLength(6);
    await screenshot(page, 'double-click-result');
  });

  it('shows a findings form with a missing field back with the errors, saves nothing, keeps what was typed', async () => {
    // Set-up through the chat API (the flow test clicks it): a draw, and both officers of group 1 confirmed.
    await rt.chat.say('leader', '/draw 轻工 1家 每组2人');
    const prepared = rt.chat.lastCard(rt.chat.group(), 'draw:');
    await rt.chat.click('leader', prepared.id, rt.chat.button(prepared.card, '确认抽取').action, rt.chat.button(prepared.card, '确认抽取').payload);
    const result = rt.chat.lastCard(rt.chat.group(), 'draw:');
    expect(result.card.key).toMatch(/:result$/);
    const table = result.card.sections.find((s) => s.type === 'table')!;
    const names = table.type === 'table' ? table.rows[0]![3]!.split('、') : [];
    const { people } = await chatState(rt.baseUrl!, 'leader');
    const [a, b] = names.map((n) => people.find((p) => p.name === n)!);
    for (const o of [a!, b!]) {
      const task = rt.chat.lastCard(rt.chat.dm(o.localId), 'task:');
      const confirm = rt.chat.button(task.card, '确认接收');
      expect((await rt.chat.click(o.localId, task.id, confirm.action, confirm.payload)).body.toast?.kind).toBe('success');
    }
    const taskKey = rt.chat.lastCard(rt.chat.dm(a!.localId), 'task:').card.key;
    const taskId = Number(taskKey.split(':')[1]);

    const chat = localChat(page);
    await chat.become(a!.localId, a!.name);
    await button(chat.card(chat.dm, taskKey), '填报检查结果').click();
    const form = chat.card(chat.dm, `${taskKey}:findings`);
    await form.locator('form[data-form="findings_items"]').waitFor();

    // An empty date is stopped by the browser itself: no request goes out.
    for (const select of await form.locator('select[name^="item_"]').all()) await select.selectOption('符合');
    const sent = acts.length;
    await button(form, '下一步').click();
    expect(await form.locator('input[name="inspectionDate"]:invalid').count()).toBe(1);
    expect(acts.length).toBe(sent);

    // No 企业负责人 and no refusal to sign: the server sends the form back with the reason on it.
    await fillFindings(form, { inspectionDate: '2026-03-02', responsiblePerson: '' });
    const before = acts.length;
    await button(form, '提交检查结果').click();
    await form.locator('li', { hasText: '「企业负责人」未填写' }).waitFor();
    expect(acts.length).toBe(before + 1);
    expect(await form.locator('.listtitle').first().textContent()).toBe('请修改后重新提交');
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe('有 1 处需要修改，未提交。');
    await form
      .locator('.listtitle')
      .first()
      .evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'findings-errors');
    expect(await rt.database.db.query.findings.findMany()).toEqual([]);
    expect((await rt.database.db.query.tasks.findFirst({ where: (t, { eq }) => eq(t.id, taskId) }))!.status).toBe('assigned');
    expect((await chatState(rt.baseUrl!, a!.localId)).dm.some((m) => m.card?.key.endsWith(':publication'))).toBe(false);
    expect(await field(chat.card(chat.dm, taskKey), '任务状态').textContent()).toBe('待检查');

    // What was typed is still there; adding the name is enough.
    expect(await form.locator('select[name="resultCategory"] option:checked').textContent()).toBe('未发现问题');
    expect(await form.locator('select[name="majorHazard"] option:checked').textContent()).toBe('否');
    await form.locator('input[name="responsiblePerson"]').fill('王志刚');
    await button(form, '提交检查结果').click();
    await chat.card(chat.dm, `${taskKey}:publication`).waitFor();
    expect(await rt.database.db.query.findings.findMany()).toHaveLength(1);
  });

  it('drops a late answer for the identity before a switch instead of showing it in the new chat', async () => {
    const chat = localChat(page);
    const { people } = await chatState(rt.baseUrl!, 'leader');
    const leader = people.find((p) => p.localId === 'leader')!;
    const officer = people.find((p) => p.role === 'officer' && rt.chat.dm(p.localId).length > 0)!;
    await chat.become(leader.localId, leader.name);
    await page.getByTestId('dm-input').fill('/help');
    await page.getByTestId('dm-send').click();
    await chat.card(chat.dm, 'help').waitFor();

    // Hold the page's next poll as the leader until the officer's chat is on screen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let caught = false;
    const leaderState = /\/local\/api\/state\?as=leader$/;
    await page.route(leaderState, async (route) => {
      if (!caught) {
        caught = true;
        await held;
      }
      await route.continue();
    });
    await expect.poll(() => caught).toBe(true);
    await chat.become(officer.localId, officer.name);
    await chat.dm.locator('[data-message-id]').first().waitFor(); // an officer who was drawn: his chat is not empty
    // Something changes meanwhile (the leader asks for /tasks elsewhere), so the held answer is news.
    await rt.chat.say('leader', '/tasks', 'dm');
    const late = page.waitForResponse(leaderState);
    release();
    await (await late).finished();
    await page.unroute(leaderState);
    await page.waitForTimeout(200); // let the page handle that answer (there is nothing to wait for when it is dropped)
    expect(await chat.keys(chat.dm)).not.toContain('help');
    expect(await chat.dm.locator('[data-message-id]').count()).toBe((await chatState(rt.baseUrl!, officer.localId)).dm.length);
  });
});

describe('browser tests without Chromium', () => {
  it('skip on a developer machine, fail under REQUIRE_BROWSER=1, run when Chromium is there', () => {
    expect(browserPlan(false, {})).toBe('skip');
    expect(browserPlan(false, { REQUIRE_BROWSER: '0' })).toBe('skip');
    expect(browserPlan(false, { REQUIRE_BROWSER: '1' })).toBe('fail');
    expect(browserPlan(true, { REQUIRE_BROWSER: '1' })).toBe('run');
    expect(browserPlan(true, {})).toBe('run');
  });
});
