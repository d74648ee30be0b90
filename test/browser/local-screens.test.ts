/**
 * The local chat at a desktop width and on a phone, as a new user meets it: the first visit, a
 * whole draw clicked through, and the server restarted in the middle (the page stays open, says
 * the server is gone, keeps what was typed, and its cards still work afterwards). Screenshots of
 * every step go to test-results/screenshots/<screen>-<step>.png.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { button, describeBrowser, field, fillFindings, fitsWidth, launchBrowser, localChat, openScreen, SCREENS, screenshot, type Screen } from './browser';
import { restartableServer } from './restartable';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

for (const screen of SCREENS) {
  describeBrowser(`local chat at ${screen.width} px (${screen.name})`, () => lifecycle(screen));
}

/** Whether an element is wholly on screen (not scrolled away inside its chat). */
const inView = (locator: Locator) =>
  locator.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });

function lifecycle(screen: Screen) {
  let server: Awaited<ReturnType<typeof restartableServer>>;
  let page: Page;
  const shot = (step: string) => screenshot(page, `${screen.name}-${step}`);
  const onPhone = screen.mobile;

  beforeAll(async () => {
    server = await restartableServer();
    page = await openScreen(browser, screen);
  });
  afterAll(() => server?.close());

  /** On a phone, the tab that shows a chat; on a desktop both are always there. */
  async function show(which: 'group' | 'dm') {
    if (onPhone) await page.getByTestId(`tab-${which}`).click();
  }
  async function become(localId: string, name: string) {
    await page.getByTestId('identity').selectOption(localId);
    await page.locator('#dm-title', { hasText: `${name} 与机器人的私聊` }).waitFor({ state: 'attached' });
  }

  it('shows the first visit as the leader, in Chinese, fitting the screen', async () => {
    await page.goto(`${server.baseUrl}/local`);
    await expect.poll(() => page.getByTestId('identity').inputValue()).toBe('leader');
    expect(new URL(page.url()).search).toBe('?as=leader');
    await page.getByText('群里还没有消息。输入 /help 查看可用命令。').waitFor();
    expect(await page.locator('#dm-title').textContent()).toMatch(/^.+ 与机器人的私聊$/);
    expect(await page.getByTestId('tab-group').isVisible()).toBe(onPhone);
    expect(await page.getByTestId('dm-log').isVisible()).toBe(!onPhone);
    expect(await fitsWidth(page)).toBe(true);
    await shot('1-first-visit');
  });

  it('runs a draw, is restarted in the middle, and goes on to a published result', async () => {
    const chat = localChat(page);
    await chat.sayInGroup('/draw 机械 建材 2家 每组2人');
    const announcement = chat.group.locator('[data-card-key^="draw:"]', { hasText: '抽取准备' });
    await announcement.waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await shot('2-announcement');
    await button(announcement, '确认抽取').click();
    const drawKey = (await announcement.getAttribute('data-card-key'))!;
    const result = chat.card(chat.group, `${drawKey}:result`);
    await expect.poll(() => result.locator('tbody tr').count()).toBe(2);
    await result.scrollIntoViewIfNeeded();
    expect(await fitsWidth(page)).toBe(true); // a wide table scrolls inside its card
    await shot('3-result');
    const rows = await result.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const people = server.runtime.local!.conversation('group').length; // messages so far, to compare after the restart
    const state = (await (await fetch(`${server.baseUrl}/local/api/state`)).json()) as { people: Array<{ localId: string; name: string }> };
    const [a, b] = rows[0]![3]!.split('、').map((n) => state.people.find((p) => p.name === n)!);

    // The server goes away: the page says so, and a message typed meanwhile stays in the box.
    await server.stop();
    await page.getByTestId('offline').waitFor();
    await page.getByTestId('group-input').fill('/status');
    await page.getByTestId('group-send').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toContain('无法连接服务器');
    expect(await page.getByTestId('group-input').inputValue()).toBe('/status');
    await shot('4-offline');

    // Back on the same data: the same conversation, and sending again works.
    await server.start();
    await page.getByTestId('offline').waitFor({ state: 'hidden' });
    expect(server.runtime.local!.conversation('group')).toHaveLength(people);
    await page.getByTestId('group-send').click();
    await chat.card(chat.group, 'status').waitFor();
    expect(await page.getByTestId('group-input').inputValue()).toBe('');

    // Both officers confirm on the task cards sent before the restart.
    for (const o of [a!, b!]) {
      await become(o.localId, o.name);
      await show('dm');
      const task = chat.dm.locator('[data-card-key^="task:"]').last();
      await button(task, '确认接收').click();
      await expect.poll(() => field(task, '我的状态').textContent()).toBe('已确认');
    }
    const taskKey = (await chat.dm.locator('[data-card-key^="task:"]').last().getAttribute('data-card-key'))!;
    await become(a!.localId, a!.name);
    await button(chat.card(chat.dm, taskKey), '填报检查结果').click();
    const form = chat.card(chat.dm, `${taskKey}:findings`);
    await form.locator('form').waitFor();

    // Step 1 submitted empty: each required field says so under itself, and the first one is in view.
    await button(form, '下一步').click();
    const dateError = form.locator('label[data-field="inspectionDate"] .field-error');
    expect(await dateError.textContent()).toBe('请填写「检查日期」。');
    expect(await form.locator('.field-error').count()).toBeGreaterThan(5);
    await expect.poll(() => form.locator('input[name="inspectionDate"]').evaluate((e) => e === document.activeElement)).toBe(true);

    // Filled but unsigned: the server's problem shows under 企业负责人, scrolled into view.
    await fillFindings(form, { inspectionDate: '2026-03-02', responsiblePerson: '' });
    await button(form, '提交检查结果').click();
    const signer = form.locator('label[data-field="responsiblePerson"]');
    await signer.locator('.field-error', { hasText: '「企业负责人」未填写' }).waitFor();
    await expect.poll(() => signer.evaluate((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    expect(await form.locator('label[data-field="majorHazard"] .field-error').count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await shot('5-form-errors');

    // What is typed survives a reload.
    await signer.locator('input').fill('李建国');
    await page.reload();
    if (onPhone) await show('dm');
    await expect.poll(() => form.locator('input[name="responsiblePerson"]').inputValue()).toBe('李建国');
    expect(await form.locator('select[name="resultCategory"]').inputValue()).toBe('no_problem');
    await button(form, '提交检查结果').click();
    const publication = chat.card(chat.dm, `${taskKey}:publication`);
    await publication.waitFor();
    await publication.scrollIntoViewIfNeeded();
    await shot('6-publication');
    await publication.locator('input[name="reference"]').fill('豫应急抽查〔2026〕1号');
    await button(publication, '已公示').click();
    await publication.locator('.title', { hasText: /^已公示：/ }).waitFor();
    await show('group');
    // The group chat opens at its newest message, also after news came in while it was hidden behind its tab.
    const news = chat.group.getByText(`检查结果已由${a!.name}公示`);
    await news.waitFor();
    await expect.poll(() => inView(news)).toBe(true);
    await shot('7-group-after');

    // The public page lists it, readable at this width.
    await page.goto(`${server.baseUrl}/public`);
    const row = page.locator('tbody tr', { hasText: rows[0]![1]! });
    await row.waitFor();
    expect(await fitsWidth(page)).toBe(true);
    // No column is squeezed to a character per line: the enterprise's name takes at most two lines.
    const name = row.locator('td').nth(3);
    const lineHeight = await name.evaluate((e) => Number.parseFloat(getComputedStyle(e).lineHeight));
    expect((await name.boundingBox())!.height).toBeLessThan(lineHeight * 3 + 12);
    await shot('8-public');
  });
}
