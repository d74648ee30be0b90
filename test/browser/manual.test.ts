/**
 * The user manual in Chromium: every page readable at a desktop width and on a phone (no
 * sideways scrolling, every picture loaded, the phone's own picture on a phone), its nav, the
 * link from /help in the local chat; and `npm run docs:screens` still produces the pictures the
 * manual shows (same files, same sizes; pixels are not compared).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MANUAL_PAGES, manualPath } from '../../src/app/manual-link';
import { pngSize } from '../../src/web/manual/module-source';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { describeBrowser, fitsWidth, launchBrowser, localChat, openScreen, SCREENS, screenshot } from './browser';
import { imageName, MANUAL_SCREENS, takeManualScreens } from './manual-screens';

const IMAGE_DIR = join(process.cwd(), 'docs', 'manual', 'images');

describeBrowser('the manual in Chromium', () => {
  let rt: TestRuntime<'memory'>;
  let browser: Browser;
  beforeAll(async () => {
    [rt, browser] = await Promise.all([startTestRuntime({ kind: 'memory', listen: true }), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  for (const screen of SCREENS) {
    it(`shows every page at ${screen.width} px without sideways scrolling, with its own pictures loaded`, async () => {
      const page = await openScreen(browser, screen);
      for (const p of MANUAL_PAGES) {
        await page.goto(`${rt.baseUrl}${manualPath(p)}`);
        expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
        expect(await fitsWidth(page), `${p} scrolls sideways at ${screen.width} px`).toBe(true);
        const pictures = page.locator('main img');
        for (const img of await pictures.all()) {
          await img.scrollIntoViewIfNeeded();
          await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth > 0)).toBe(true);
          expect(await img.evaluate((e: HTMLImageElement) => e.currentSrc)).toMatch(new RegExp(`-${screen.name}\\.png$`));
          // Scaled to the column, never wider than the screen.
          expect(await img.evaluate((e) => e.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
        }
      }
      await page.goto(`${rt.baseUrl}/manual/officer`);
      await screenshot(page, `manual-${screen.name}-officer`);
      await page.context().close();
    });
  }

  it('moves between pages through the nav', async () => {
    const page = await openScreen(browser, SCREENS[1]);
    await page.goto(`${rt.baseUrl}/manual`);
    await page.getByRole('navigation').getByRole('link', { name: '执法人员', exact: true }).click();
    await page.waitForURL(/\/manual\/officer$/);
    expect(await page.locator('h1').textContent()).toBe('执法人员');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('执法人员');
    // A link inside a page, to a heading of another page.
    await page.goto(`${rt.baseUrl}/manual/faq`);
    await page.locator('main a', { hasText: '停机之后' }).click();
    await page.waitForURL(/\/manual\/admin#/);
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe('#停机之后');
    await page.context().close();
  });

  it('is one click away from /help in the local chat', async () => {
    const page = await openScreen(browser, SCREENS[0]);
    const chat = localChat(page);
    await page.goto(`${rt.baseUrl}/local?as=officer-01`);
    await page.locator('#dm-title', { hasText: '与机器人的私聊' }).waitFor();
    await page.getByTestId('dm-input').fill('/help');
    await page.getByTestId('dm-send').click();
    const link = chat.card(chat.dm, 'help').getByRole('link', { name: '使用手册（执法人员）' });
    expect(await link.getAttribute('href')).toBe('/manual/officer');
    const [manual] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await manual.waitForLoadState();
    expect(new URL(manual.url()).pathname).toBe('/manual/officer');
    expect(await manual.locator('h1').textContent()).toBe('执法人员');
    await page.context().close();
  });
});

describeBrowser('npm run docs:screens', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'drbot-manual-screens-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes again every picture the manual shows, at the committed sizes', { timeout: 600_000 }, async () => {
    const written = await takeManualScreens({ outDir: dir });
    const expected = MANUAL_SCREENS.flatMap((s) => SCREENS.map((w) => imageName(s, w))).sort();
    expect(written.map((f) => f.slice(dir.length + 1)).sort()).toEqual(expected);
    expect(readdirSync(IMAGE_DIR).sort(), 'docs/manual/images differs from what the script takes: npm run docs:screens').toEqual(expected);
    const size = (file: string) => pngSize(readFileSync(file));
    for (const name of expected) {
      expect(size(join(dir, name)), `${name} changed size: the screen changed; run npm run docs:screens and commit the pictures`).toEqual(
        size(join(IMAGE_DIR, name)),
      );
    }
  });
});
