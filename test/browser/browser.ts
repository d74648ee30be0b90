import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

/** Debian's Chromium (`apt-get install -y chromium`); Playwright's own browser download cannot run here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const SKIP_MESSAGE = `browser tests skipped: ${CHROMIUM_PATH} not found (apt-get install -y chromium)`;

/**
 * What to do with the browser tests: run them when Chromium is there; when it is missing, skip
 * them on a developer's machine, but fail under `REQUIRE_BROWSER=1` (set by `.ci/run`), so CI can
 * never pass by silently not running them.
 */
export function browserPlan(chromiumExists: boolean, env: Record<string, string | undefined>): 'run' | 'skip' | 'fail' {
  if (chromiumExists) return 'run';
  return env.REQUIRE_BROWSER === '1' ? 'fail' : 'skip';
}

/** `describe` for tests that need the real browser, following {@link browserPlan}. */
export function describeBrowser(name: string, body: () => void): void {
  const plan = browserPlan(existsSync(CHROMIUM_PATH), process.env);
  if (plan === 'run') return void describe(name, body);
  if (plan === 'fail') {
    return void describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing: install it with apt-get install -y chromium`);
      });
    });
  }
  console.log(SKIP_MESSAGE);
  describe.skip(name, body);
}

const ARGS = [
  // The page's locale is set per context; a date field's format follows the browser's own language.
  '--lang=zh-CN',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium; `launch` gives every browser a fresh temporary user-data dir, removed on close. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

/** Where screenshots go: `test-results/screenshots` (gitignored), or `SCREENSHOT_DIR` (e.g. a manual's picture folder). */
export const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? join(process.cwd(), 'test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The widths every page is checked at: a desktop browser and a phone (390 px, an iPhone 12–15). */
export const SCREENS = [
  { name: 'desktop', width: 1280, height: 800, mobile: false },
  { name: 'phone', width: 390, height: 844, mobile: true },
] as const;
export type Screen = (typeof SCREENS)[number];

/** A page at one of {@link SCREENS}, in Chinese, on a viewer clock in UTC (times must still read as Shanghai's). */
export async function openScreen(browser: Browser, screen: Screen): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: screen.width, height: screen.height },
    isMobile: screen.mobile,
    hasTouch: screen.mobile,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

/** True when the page is no wider than its viewport (nothing to scroll sideways). */
export const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** The value next to a label in a card's field list (`<dt>label</dt><dd>value</dd>`). */
export const field = (card: Locator, label: string) =>
  card
    .locator('dt')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .locator('xpath=following-sibling::dd[1]');

export const button = (card: Locator, label: string) => card.getByRole('button', { name: label, exact: true });

/**
 * Steps 1–3 of the findings form as for a clean inspection (every item 符合, no hazard), clicked
 * through; leaves the conclusion step (处理与签字) open.
 */
export async function fillFindingsSteps(form: Locator, inspectionDate: string): Promise<void> {
  await form.locator('form[data-form="findings_items"]').waitFor();
  await form.locator('input[name="inspectionDate"]').fill(inspectionDate);
  const items = await form.locator('select[name^="item_"]').all();
  if (items.length === 0) throw new Error('the findings form has no check items');
  for (const select of items) await select.selectOption('符合');
  await button(form, '下一步').click();
  await button(form, '未发现隐患，下一步').click();
  await form.locator('form[data-form="findings"]').waitFor();
}

/** The findings form filled as for a clean inspection, up to 提交检查结果; `responsiblePerson: ''` leaves the signer out. */
export async function fillFindings(form: Locator, values: { inspectionDate: string; responsiblePerson: string }): Promise<void> {
  await fillFindingsSteps(form, values.inspectionDate);
  await form.locator('select[name="majorHazard"]').selectOption('否');
  await form.locator('select[name="resultCategory"]').selectOption({ label: '未发现问题' });
  await form.locator('input[name="responsiblePerson"]').fill(values.responsiblePerson);
  await form.locator('select[name="refusedToSign"]').selectOption('否');
}

/** The simulator page as a person uses it: the two chat panels, the composer and the identity menu. */
export function localChat(page: Page) {
  const group = page.getByTestId('group-log');
  const dm = page.getByTestId('dm-log');
  return {
    group,
    dm,
    /** The newest card with this exact key (`draw:1`, `task:3:findings` …) in a panel. */
    card: (log: Locator, key: string) => log.locator(`[data-card-key="${key}"]`).last(),
    async sayInGroup(text: string) {
      await page.getByTestId('group-input').fill(text);
      await page.getByTestId('group-send').click();
    },
    /** Switches the identity menu and waits until the page shows that person's chat. */
    async become(localId: string, name: string) {
      await page.getByTestId('identity').selectOption(localId);
      await page.locator('#dm-title', { hasText: `${name} 与机器人的私聊` }).waitFor();
    },
    /** Keys of the cards in a panel, in order, read from the DOM. */
    keys: (log: Locator) => log.locator('[data-card-key]').evaluateAll((els) => els.map((e) => e.getAttribute('data-card-key') ?? '')),
  };
}

export interface StatePerson {
  localId: string;
  name: string;
  role: string;
}

/** `GET /local/api/state?as=…`, the page's own view of the chat. */
export async function chatState(baseUrl: string, as: string) {
  const res = await fetch(`${baseUrl}/local/api/state?as=${encodeURIComponent(as)}`);
  return (await res.json()) as {
    people: StatePerson[];
    group: Array<{ text?: string; card?: { key: string } }>;
    dm: Array<{ text?: string; card?: { key: string; title: string } }>;
  };
}
