/**
 * `/stats` and `/export` in the local chat, in Chromium on a desktop and a phone: the statistics
 * card with its grouped bars fits the screen, and the export arrives in the leader's direct chat
 * as a download link that gives the .xlsx. Screenshots: test-results/screenshots/reports-<screen>-<step>.png.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SHEET_NAMES } from '../../src/app/views/export-sheets';
import { seedPublicRecord } from '../support/published-results';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { describeBrowser, fitsWidth, launchBrowser, localChat, openScreen, SCREENS, screenshot, type Screen } from './browser';

let browser: Browser;
let t: TestRuntime<'memory'>;
beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestRuntime({ kind: 'memory', listen: true });
  await seedPublicRecord(t);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

for (const screen of SCREENS) describeBrowser(`statistics and export in the local chat at ${screen.width} px (${screen.name})`, () => reports(screen));

function reports(screen: Screen) {
  let page: Page;
  const errors: string[] = [];
  const shot = (step: string) => screenshot(page, `reports-${screen.name}-${step}`);
  beforeAll(async () => {
    page = await openScreen(browser, screen);
    page.on('pageerror', (e) => void errors.push(e.message));
    await page.goto(`${t.baseUrl}/local?as=leader`);
  });
  afterAll(() => page?.context().close());

  it('shows the statistics card with bars in groups, fitting the screen', async () => {
    const chat = localChat(page);
    await chat.sayInGroup('/stats 2026');
    const card = chat.card(chat.group, 'stats:2026');
    await card.waitFor();
    expect(await card.locator('.bars .bar.s0').count()).toBeGreaterThan(0);
    expect(await card.locator('.bars .bar.s2').count()).toBe(await card.locator('.bars .bar.s0').count());
    expect(await card.locator('table').count()).toBe(5); // industry, township, unit, officer, and who abandoned or cancelled draws
    await card.locator('.bars').scrollIntoViewIfNeeded();
    expect(await fitsWidth(page)).toBe(true);
    await shot('1-stats');
  });

  it('offers the export in the direct chat as a link that downloads the workbook', async () => {
    const chat = localChat(page);
    await chat.sayInGroup('/export 2026');
    await chat.group
      .getByText(/已私聊发送给/)
      .last()
      .waitFor();
    if (screen.mobile) await page.getByTestId('tab-dm').click();
    const link = chat.dm.getByTestId('file-link').last();
    await link.waitFor();
    expect(await link.textContent()).toMatch(/^偃应急2026年双随机抽查工作导出\.xlsx（\d+ KB，点击下载）$/);
    expect(await fitsWidth(page)).toBe(true);
    await shot('2-export');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('偃应急2026年双随机抽查工作导出.xlsx');
    const bytes = readFileSync((await download.path())!);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(SHEET_NAMES));
  });

  it('ran the page without a script error', () => {
    expect(errors).toEqual([]);
  });
}
