/**
 * The “一公开” page in Chromium, on a desktop and on a phone (390 px), as a member of the public
 * uses it: search by name, filter by industry and result, page forward and back, open a draw's
 * announcement; nothing unpublished visible, nothing wider than the screen, every control named
 * for a screen reader. Screenshots go to test-results/screenshots/public-<screen>-<step>.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedPublicRecord, type PublicRecordScenario } from '../support/published-results';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { describeBrowser, fitsWidth, launchBrowser, openScreen, SCREENS, screenshot, type Screen } from './browser';

let browser: Browser;
let t: TestRuntime<'memory'>;
let scenario: PublicRecordScenario;
let unpublishedNames: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  t = await startTestRuntime({ kind: 'memory', listen: true });
  scenario = await seedPublicRecord(t);
  const tasks = await t.data.tasks();
  unpublishedNames = tasks.filter((x) => scenario.unpublished.includes(x.id)).map((x) => x.enterpriseName);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

for (const screen of SCREENS) describeBrowser(`the public page at ${screen.width} px (${screen.name})`, () => publicPage(screen));

function publicPage(screen: Screen) {
  let page: Page;
  const shot = (step: string) => screenshot(page, `public-${screen.name}-${step}`);
  const results = () => page.locator('#results-table tbody tr');
  const names = () => page.locator('#results-table tbody th').allTextContents();
  /** The results section's text: drawn enterprises are announced with their draws, but no unpublished result shows here. */
  const resultsText = () => page.locator('#results').textContent();

  beforeAll(async () => {
    page = await openScreen(browser, screen);
  });
  afterAll(() => page?.context().close());

  it('opens with the newest 20 results, fitting the screen, and nothing unpublished', async () => {
    await page.goto(`${t.baseUrl}/public`);
    await expect.poll(() => results().count()).toBe(20);
    expect(await page.getByRole('status').textContent()).toBe('符合条件的结果共 26 条，本页显示 20 条。');
    expect(await fitsWidth(page)).toBe(true);
    for (const name of unpublishedNames) expect(await resultsText()).not.toContain(name);
    await shot('1-first-page');
  });

  it('names every control and column for a screen reader', async () => {
    for (const label of ['企业名称或统一社会信用代码（可输入其中一部分）', '行业', '乡镇/街道', '检查年份', '检查结果']) {
      expect(await page.getByLabel(label, { exact: true }).count(), label).toBe(1);
    }
    expect(await page.getByRole('search', { name: '查询抽查结果' }).count()).toBe(1);
    expect(await page.getByRole('table').count()).toBe(1);
    const headers = await page.getByRole('columnheader').allTextContents();
    expect(headers).toContain('企业名称');
    expect(headers).toHaveLength(12);
    expect(await page.getByRole('rowheader').count()).toBe(20);
    expect(await page.getByRole('navigation', { name: '抽查结果分页' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('pages forward and back', async () => {
    const first = await names();
    await page.getByRole('link', { name: '下一页' }).click();
    await expect.poll(() => results().count()).toBe(6);
    const second = await names();
    expect(second.filter((n) => first.includes(n))).toEqual([]);
    expect(await page.getByText('下一页').getAttribute('aria-disabled')).toBe('true');
    await shot('2-second-page');
    await page.getByRole('link', { name: '上一页' }).click();
    await expect.poll(() => names()).toEqual(first);
  });

  it('searches by part of a name', async () => {
    const target = (await names())[4]!;
    const part = target.replace('偃师区示例', '').slice(0, 4);
    await page.getByLabel('企业名称或统一社会信用代码（可输入其中一部分）').fill(part);
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => names()).toContain(target);
    for (const name of await names()) expect(name).toContain(part);
    expect(new URL(page.url()).searchParams.get('q')).toBe(part);
    expect(await fitsWidth(page)).toBe(true);
    await shot('3-search');
  });

  it('filters by industry and result, and keeps the choices on the next page', async () => {
    await page.goto(`${t.baseUrl}/public`);
    await page.getByLabel('行业', { exact: true }).selectOption('机械');
    await page.getByLabel('检查结果', { exact: true }).selectOption({ label: '未发现问题' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/industry=/);
    const rows = await page
      .locator('#results-table tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => Object.fromEntries([...tr.querySelectorAll('[data-label]')].map((c) => [c.getAttribute('data-label'), c.textContent]))),
      );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect([row['行业'], row['检查结果']]).toEqual(['机械', '未发现问题']);
    expect(await page.getByLabel('行业', { exact: true }).inputValue()).toBe('机械');
    // The downloads keep the same query.
    const csv = await page.getByRole('link', { name: 'CSV 表格' }).getAttribute('href');
    expect(csv).toBe(`/public/results.csv?industry=${encodeURIComponent('机械')}&result=no_problem`);
    await shot('4-filtered');
  });

  it('shows a draw’s announcement with its verification data, and an abandoned one as such', async () => {
    await page.goto(`${t.baseUrl}/public#draws`);
    const abandoned = page.locator(`article[aria-labelledby="draw-${scenario.drawIds.abandoned}-title"]`);
    expect(await abandoned.textContent()).toMatch(/已放弃（未抽取）/);
    await page.getByRole('link', { name: '查看全部 24 家抽中企业' }).click();
    await page.waitForURL(/\/public\/draws\/\d+$/);
    expect(await page.locator('article ol li').count()).toBe(24);
    expect(await page.getByRole('link', { name: '下载抽取记录（JSON，可用于复核）' }).count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);
    await shot('5-draw');
  });

  it('answers a bad link in Chinese', async () => {
    const res = await page.goto(`${t.baseUrl}/public?year=abc`);
    expect(res?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toMatch(/年份（year）“abc”无效/);
  });
}
