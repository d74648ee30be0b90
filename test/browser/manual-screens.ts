/**
 * The pictures of the user manual (docs/manual/images), taken of the real app: the local chat
 * and the public page, driven in Chromium through the flows the manual describes, at each of
 * {@link SCREENS}. `npm run docs:screens` writes them to docs/manual/images; the browser test
 * takes them again into a temporary folder and holds them to the committed ones.
 *
 * Each picture is the message it is about (a card or a reply, with its sender line), or a
 * cropped part of a page, and is named `<screen>-<width name>.png` (`draw-prepared-phone.png`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildDemoDataset } from '../../src/domain/demo/demo-dataset';
import { usccCheckCharacter } from '../../src/domain/uscc';
import { enterprisesToCsv } from '../../src/import';
import { compressPng } from './compress-png';
import { button, launchBrowser, localChat, openScreen, SCREENS, type Screen } from './browser';
import { startManualBot, type ManualBot } from './manual-bot';
import { jpegWithExif } from '../support/jpeg';

/** Tallest picture of a page region, in CSS pixels (the public page is cut there). */
const MAX_PAGE_HEIGHT = 900;

/** Room around a card when the window is made taller to show all of it. */
const MARGIN = 240;

/** The screens the manual shows, in the order the flow reaches them. */
export const MANUAL_SCREENS = [
  'help-leader',
  'plan-form',
  'draw-prepared',
  'draw-early',
  'draw-result',
  'chat-overview',
  'task-card',
  'inspection-plan',
  'findings-form',
  'findings-hazards',
  'findings-conclusion',
  'findings-errors',
  'publication',
  'documents',
  'evidence',
  'published',
  'recusal-form',
  'recusal-notice',
  'deadlines',
  'status',
  'tasks-leader',
  'verify',
  'digest-officer',
  'abandon-form',
  'draw-abandoned',
  'cancel-request',
  'people',
  'holidays',
  'outbox',
  'plan-progress',
  'import-preview',
  'unknown-command',
  'digest-recheck',
  'recheck-form',
  'digest-leader',
  'public-page',
] as const;
export type ManualScreen = (typeof MANUAL_SCREENS)[number];

/** The file of one picture. */
export const imageName = (screen: ManualScreen, width: Screen) => `${screen}-${width.name}.png`;

export interface TakeOptions {
  /** Where the PNG files go (created if missing). */
  outDir: string;
  /** Default: every width of {@link SCREENS}. */
  screens?: readonly Screen[];
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** Takes every picture of {@link MANUAL_SCREENS} at each width; returns the files written. */
export async function takeManualScreens(opts: TakeOptions): Promise<string[]> {
  mkdirSync(opts.outDir, { recursive: true });
  const browser = await launchBrowser();
  const written: string[] = [];
  try {
    for (const screen of opts.screens ?? SCREENS) {
      const bot = await startManualBot();
      try {
        written.push(...(await walkThrough(browser, bot, screen, opts)));
      } finally {
        await bot.close();
      }
    }
  } finally {
    await browser.close();
  }
  return written;
}

/** The flows of the manual, one after the other, on one bot and one page at one width. */
async function walkThrough(browser: Browser, bot: ManualBot, screen: Screen, opts: TakeOptions): Promise<string[]> {
  const page = await openScreen(browser, screen);
  const chat = localChat(page);
  const written: string[] = [];
  const save = async (name: ManualScreen, shoot: () => Promise<Buffer>) => {
    const path = join(opts.outDir, imageName(name, screen));
    writeFileSync(path, await compressPng(await shoot()));
    written.push(path);
    opts.log?.(path);
  };
  const shots = shooter(page, screen, save);

  // The leader opens the chat and asks for help.
  await page.goto(`${bot.baseUrl}/local?as=leader`);
  await page.locator('#dm-title', { hasText: '与机器人的私聊' }).waitFor({ state: 'attached' });
  await hideToasts(page);
  await chat.sayInGroup('/help');
  await shots.card('help-leader', chat.card(chat.group, 'help'));
  const people = await peopleByName(page, bot.baseUrl);

  // The administrator enters the year's plan; the draws then go to its first batch.
  await become(page, 'admin', adminName(people));
  await shots.show('dm');
  await sayInDm(page, '/plan 新建');
  const planForm = chat.card(chat.dm, 'plan-form:new');
  await planForm.locator('form').waitFor();
  await planForm.locator('[name="docNo"]').fill('偃应急〔2026〕18号');
  await planForm.locator('[name="year"]').fill('2026');
  await planForm.locator('[name="title"]').fill('2026年“双随机、一公开”监管工作实施方案');
  await planForm.locator('[name="checkItems"]').fill('1、2、6');
  await planForm.locator('[name="batches"]').fill('第一批 2026-03-02至2026-03-31 机械3家 建材2家 轻工2家\n第二批 2026-09-01至2026-10-31 冶金10%');
  await planForm.locator('select[name="isDefault"]').selectOption('是');
  await shots.card('plan-form', planForm);
  await button(planForm, '保存计划').click();
  await chat.dm.locator('[data-card-key^="plan:"]').last().waitFor();
  await become(page, 'leader', leaderName(people));
  await shots.show('group');

  // 抽取: prepare, too early a click, then the committed drand round is out and the draw runs.
  await chat.sayInGroup('/draw 机械 建材 3家 每组2人');
  const announcement = chat.group.locator('[data-card-key^="draw:"]', { hasText: '抽取准备' }).last();
  await announcement.waitFor();
  const drawKey = (await announcement.getAttribute('data-card-key'))!;
  await shots.card('draw-prepared', announcement);
  await button(announcement, '确认抽取').click();
  await shots.toast('draw-early', /还有 \d+ 秒/);
  bot.clock.advance(130_000);
  await button(chat.card(chat.group, drawKey), '确认抽取').click();
  const result = chat.card(chat.group, `${drawKey}:result`);
  await result.locator('tbody tr').nth(2).waitFor();
  await shots.card('draw-result', result);
  const rows = await result.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const officersOf = (row: number) => rows[row]![3]!.split('、').map((n) => people.get(n)!);
  const [a, b] = officersOf(0);
  const [c] = officersOf(1);

  // The first officer: the whole chat, his task card, the plan, 确认接收.
  await become(page, a!.localId, a!.name);
  await page.locator('#dm [data-card-key^="task:"]').first().waitFor({ state: 'attached' });
  await shots.viewport('chat-overview');
  await shots.show('dm');
  const taskKey = (await chat.dm.locator('[data-card-key^="task:"]').first().getAttribute('data-card-key'))!;
  const task = chat.card(chat.dm, taskKey);
  await shots.card('task-card', task);
  await button(task, '现场检查方案').click();
  await shots.card('inspection-plan', chat.card(chat.dm, `${taskKey}:plan`));
  await button(chat.card(chat.dm, taskKey), '确认接收').click();
  await chat.card(chat.dm, taskKey).getByRole('button', { name: '填报检查结果' }).waitFor();

  // The partner confirms too.
  await become(page, b!.localId, b!.name);
  await shots.show('dm');
  await button(chat.card(chat.dm, taskKey), '确认接收').click();
  await chat.card(chat.dm, taskKey).getByRole('button', { name: '填报检查结果' }).waitFor();

  // 填报检查结果, step by step: the check items, what was found, two hazards, the conclusion;
  // submitted once without the signer (the problem under its field), then as it should be.
  await become(page, a!.localId, a!.name);
  await shots.show('dm');
  // A photo taken on site, attached to this task with 上传证据 before the findings (so the 现场检查记录 lists it).
  await button(chat.card(chat.dm, taskKey), '上传证据').click();
  await chat.dm.locator('.bubble', { hasText: '请在 30 分钟内把照片或文件直接发给机器人' }).waitFor();
  await page.getByTestId('dm-file').setInputFiles({ name: '配电箱接地线.jpg', mimeType: 'image/jpeg', buffer: jpegWithExif('2026:03:02 10:15:30') });
  await shots.message('evidence', chat.dm.locator('.bubble', { hasText: '拍摄时间 2026-03-02 10:15:30' }).last());
  await button(chat.card(chat.dm, taskKey), '填报检查结果').click();
  const form = chat.card(chat.dm, `${taskKey}:findings`);
  await fillItemsStep(form);
  await shots.card('findings-form', form);
  await button(form, '下一步').click();
  await form.locator('form[data-form="findings_notes"]').waitFor();
  await form.locator('textarea[name^="note_"]').first().fill('1号车间配电箱接地线松脱');
  await button(form, '下一步').click();
  await addHazard(form, 1, { description: '1号车间配电箱接地线松脱', location: '1号车间', item: 'CI02', rectification: '限期整改', due: '2026-03-20' });
  await addHazard(form, 2, { description: '消防通道堆放原料', location: '原料仓库', rectification: '立即整改' });
  await shots.card('findings-hazards', form);
  await button(form, '下一步：处理与签字').click();
  await form.locator('form[data-form="findings"]').waitFor();
  await form.locator('select[name="majorHazard"]').selectOption('否');
  await form.locator('select[name="measure_remove"]').selectOption('是');
  await form.locator('select[name="resultCategory"]').selectOption({ label: '发现问题待后续处理' });
  await form.locator('input[name="responsiblePerson"]').fill('李建国');
  await shots.card('findings-conclusion', form);
  await form.locator('input[name="responsiblePerson"]').fill('');
  await button(form, '提交检查结果').click();
  await form.locator('.field-error', { hasText: '企业负责人' }).waitFor();
  await shots.card('findings-errors', form);
  await form.locator('input[name="responsiblePerson"]').fill('李建国');
  await button(form, '提交检查结果').click();
  const publication = chat.card(chat.dm, `${taskKey}:publication`);
  await publication.waitFor();
  await shots.card('publication', publication);
  // The 执法文书 arrive in the officer's direct chat as files.
  await shots.message('documents', chat.dm.locator('.bubble.file', { hasText: '现场检查记录' }).last());
  await publication.locator('input[name="reference"]').fill('豫公示〔2026〕0302-01');
  await button(publication, '已公示').click();
  await publication.locator('.title', { hasText: /^已公示：/ }).waitFor();
  await shots.card('published', publication);

  // An officer of the second group declares a conflict of interest; the group sees the replacement.
  await become(page, c!.localId, c!.name);
  await shots.show('dm');
  const taskC = chat.dm.locator('[data-card-key^="task:"]').first();
  await button(taskC, '申请回避').click();
  const recusal = chat.dm.locator('[data-card-key$=":recusal"]').last();
  await recusal.locator('select[name="ground"]').selectOption('relative');
  await recusal.locator('textarea[name="reason"]').fill('本人近亲属在该企业任职');
  await shots.card('recusal-form', recusal);
  await button(recusal, '提交回避申请').click();
  // The leader decides (行政处罚法 第四十三条); only then is the replacement drawn and the group told.
  await become(page, 'leader', leaderName(people));
  await shots.show('dm');
  const approval = chat.dm.locator('[data-card-key^="recusal:"]').last();
  await button(approval, '同意').click();
  await shots.show('group');
  await shots.message('recusal-notice', chat.group.locator('.bubble', { hasText: '经局领导同意' }).last());

  // The first officer's /deadlines.
  await become(page, a!.localId, a!.name);
  await shots.show('dm');
  await sayInDm(page, '/deadlines');
  await shots.card('deadlines', chat.card(chat.dm, 'my-deadlines'));

  // The leader: /status, /tasks, /verify, /remind.
  await become(page, 'leader', leaderName(people));
  await shots.show('group');
  await chat.sayInGroup('/status');
  await shots.card('status', chat.card(chat.group, 'status'));
  await chat.sayInGroup('/tasks');
  await shots.card('tasks-leader', chat.card(chat.group, 'tasks'));
  await chat.sayInGroup('/verify 1');
  await shots.message('verify', chat.group.locator('.bubble', { hasText: '复核通过' }).last());
  await chat.sayInGroup('/remind');
  await chat.group.locator('.msg.me', { hasText: '/remind' }).waitFor();
  const third = officersOf(2)[0]!;
  await become(page, third.localId, third.name);
  await shots.show('dm');
  await shots.card('digest-officer', chat.dm.locator('[data-card-key^="digest:"]').last());

  // A second draw abandoned with a reason; a cancellation of the first asked for.
  await become(page, 'leader', leaderName(people));
  await shots.show('group');
  await chat.sayInGroup('/draw 轻工 2家 每组2人');
  const second = chat.group.locator('[data-card-key^="draw:"]', { hasText: '抽取准备' }).last();
  await expectKeyChange(second, drawKey);
  const secondKey = (await second.getAttribute('data-card-key'))!;
  await button(second, '放弃').click();
  const abandon = chat.card(chat.group, `draw-abandon:${secondKey.slice('draw:'.length)}`);
  await abandon.locator('textarea[name="reason"]').fill('抽取范围选错，应为机械行业');
  await shots.card('abandon-form', abandon);
  await button(abandon, '确认放弃').click();
  await chat.card(chat.group, secondKey).locator('dd', { hasText: '已放弃' }).first().waitFor();
  await shots.card('draw-abandoned', chat.card(chat.group, secondKey));
  await chat.sayInGroup('/cancel 1 企业已停产需重新安排');
  await shots.card('cancel-request', chat.group.locator('[data-card-key^="draw-cancel:"]').last());

  // The administrator: /people, /holidays, /outbox; and a mistyped command.
  await become(page, 'admin', adminName(people));
  await shots.show('dm');
  await sayInDm(page, '/people');
  await shots.card('people', chat.dm.locator('[data-card-key^="people:"]').last());
  await sayInDm(page, '/holidays');
  await shots.message('holidays', chat.dm.locator('.bubble', { hasText: '已录入放假安排的年份' }).last());
  await sayInDm(page, '/outbox');
  await shots.card('outbox', chat.card(chat.dm, 'outbox'));
  await sayInDm(page, '/plan');
  await shots.card('plan-progress', chat.dm.locator('[data-card-key^="plan:"]').last());
  // A register file sent in the direct chat: its preview, then 取消 (the register stays as it is).
  await page
    .getByTestId('dm-file')
    .setInputFiles({ name: '检查对象名录库.csv', mimeType: 'text/csv', buffer: Buffer.from(enterprisesToCsv(editedRegister())) });
  const preview = chat.dm.locator('[data-card-key^="import:"]').last();
  await preview.waitFor();
  await shots.card('import-preview', preview);
  await button(preview, '取消').click();
  await preview.locator('dd', { hasText: '已取消' }).first().waitFor();
  await sayInDm(page, '/drwa 机械 5家');
  await shots.message('unknown-command', chat.dm.locator('.bubble', { hasText: '没有看懂' }).last());

  // Five weeks later: the rectification is due for a 复查, the other groups are overdue.
  bot.clock.set('2026-04-07T01:00:00Z');
  await become(page, 'leader', leaderName(people));
  await shots.show('group');
  await chat.sayInGroup('/remind');
  await chat.group.locator('.msg.me', { hasText: '/remind' }).nth(1).waitFor();
  await shots.show('dm');
  await shots.card('digest-leader', chat.dm.locator('[data-card-key*=":leader:"]').last());
  await become(page, a!.localId, a!.name);
  await shots.show('dm');
  await shots.card('digest-recheck', chat.dm.locator('[data-card-key^="digest:2026-04-07"]').last());
  const recheckDigest = chat.dm.locator('[data-card-key^="digest:2026-04-07"]').last();
  await recheckDigest.getByRole('button', { name: /^复查：/ }).click();
  const recheck = chat.card(chat.dm, `${taskKey}:recheck`);
  await recheck.locator('input[name="recheckDate"]').fill('2026-04-07');
  await recheck.locator('select[name="hazard_1"]').selectOption({ label: '已整改' });
  await recheck.locator('select[name="hazard_2"]').selectOption({ label: '已整改' });
  await recheck.locator('textarea[name="note"]').fill('接地线已紧固，消防通道已清理');
  await shots.card('recheck-form', recheck);

  // The public page: the published result and the draws' records.
  await page.goto(`${bot.baseUrl}/public`);
  await page.locator('tbody tr', { hasText: rows[0]![1]! }).waitFor();
  await shots.page('public-page');
  await page.context().close();
  return written;
}

/** The demo directory as the bot was seeded with it, one enterprise renamed, one moved away, one new. */
function editedRegister() {
  const demo = buildDemoDataset({ referenceDate: '2026-03-02' }).enterprises;
  const first17 = '91410381MA9XKW0A1';
  const fresh = {
    ...demo[0]!,
    uscc: first17 + usccCheckCharacter(first17),
    name: '偃师区新建机械配件有限公司',
    township: '岳滩镇',
    riskLevel: '一般' as const,
  };
  return [{ ...demo[0]!, name: demo[0]!.name.replace(/有限公司$/, '股份有限公司') }, ...demo.slice(1, -1), fresh];
}

/** Step 1 of the findings form: the date, and the second check item 不符合. */
async function fillItemsStep(form: Locator): Promise<void> {
  await form.locator('form[data-form="findings_items"]').waitFor();
  await form.locator('input[name="inspectionDate"]').fill('2026-03-02');
  const items = await form.locator('select[name^="item_"]').all();
  for (const [i, select] of items.entries()) await select.selectOption(i === 1 ? '不符合' : '符合');
}

/** Adds hazard number `no` on step 3 (`item`: its check item's code; none for 其他) and waits until the list shows it. */
async function addHazard(
  form: Locator,
  no: number,
  h: { description: string; location: string; item?: string; rectification: '立即整改' | '限期整改'; due?: string },
): Promise<void> {
  const hazardForm = form.locator('form[data-form="hazard"]');
  await hazardForm.waitFor();
  await hazardForm.locator('textarea[name="description"]').fill(h.description);
  await hazardForm.locator('input[name="location"]').fill(h.location);
  await hazardForm.locator('select[name="itemCode"]').selectOption(h.item === undefined ? { label: '其他（不属于上述事项）' } : { value: h.item });
  await hazardForm.locator('select[name="level"]').selectOption({ label: '一般事故隐患' });
  await hazardForm.locator('select[name="rectification"]').selectOption({ label: h.rectification });
  await hazardForm.locator('input[name="due"]').fill(h.due ?? '');
  await button(form, '添加隐患').click();
  await form.getByText(`已登记隐患 ${no} 条`).waitFor();
}

/** Switches the identity menu and waits for that person's chat (hidden behind its tab on a phone). */
async function become(page: Page, localId: string, name: string): Promise<void> {
  await page.getByTestId('identity').selectOption(localId);
  await page.locator('#dm-title', { hasText: `${name} 与机器人的私聊` }).waitFor({ state: 'attached' });
}

async function sayInDm(page: Page, text: string): Promise<void> {
  await page.getByTestId('dm-input').fill(text);
  await page.getByTestId('dm-send').click();
  await page.getByTestId('dm-input').and(page.locator(':placeholder-shown')).waitFor();
}

/** Waits until the newest prepared draw is another one than `key`. */
async function expectKeyChange(card: Locator, key: string): Promise<void> {
  await card.and(card.page().locator(`:not([data-card-key="${key}"])`)).waitFor();
}

/** The toast covers cards at the top right; the pictures are of what stays. */
async function hideToasts(page: Page): Promise<void> {
  await page.addStyleTag({ content: '#toast{visibility:hidden!important}' });
}

interface Person {
  localId: string;
  name: string;
  role: string;
}

async function peopleByName(page: Page, baseUrl: string): Promise<Map<string, Person>> {
  const res = await page.request.get(`${baseUrl}/local/api/state`);
  const { people } = (await res.json()) as { people: Person[] };
  return new Map(people.map((p) => [p.name, p]));
}

const leaderName = (people: Map<string, Person>) => [...people.values()].find((p) => p.role === 'leader')!.name;
const adminName = (people: Map<string, Person>) => [...people.values()].find((p) => p.role === 'admin')!.name;

/** The ways a picture is cut out of the page. */
function shooter(page: Page, screen: Screen, save: (name: ManualScreen, shoot: () => Promise<Buffer>) => Promise<void>) {
  /** A region in full: the window is made tall enough for it (the chat fills the window), then set back. */
  async function region(name: ManualScreen, target: Locator) {
    await target.waitFor();
    const height = await target.evaluate((e) => e.getBoundingClientRect().height);
    const tall = Math.ceil(height) + MARGIN > screen.height;
    if (tall) await page.setViewportSize({ width: screen.width, height: Math.ceil(height) + MARGIN });
    await target.scrollIntoViewIfNeeded();
    await save(name, () => target.screenshot({ animations: 'disabled', caret: 'hide' }));
    if (tall) await page.setViewportSize({ width: screen.width, height: screen.height });
  }
  return {
    /** A card with its sender line. */
    card: (name: ManualScreen, card: Locator) => region(name, card.locator('xpath=..')),
    /** A text message with its sender line. */
    message: (name: ManualScreen, bubble: Locator) => region(name, bubble.locator('xpath=..')),
    /** What the person sees when the bot answers a click with a short notice (shown at the top). */
    async toast(name: ManualScreen, text: RegExp) {
      const toast = page.getByTestId('toast');
      await page.addStyleTag({ content: '#toast{visibility:visible!important}' });
      await toast.filter({ hasText: text }).waitFor();
      await save(name, () => toast.screenshot({ animations: 'disabled' }));
      await page.evaluate(() => {
        (document.getElementById('toast') as HTMLElement).style.display = 'none';
      });
      await hideToasts(page);
    },
    /** The whole window as it is. */
    viewport: (name: ManualScreen) => save(name, () => page.screenshot({ animations: 'disabled', caret: 'hide' })),
    /** The top of a page, at most {@link MAX_PAGE_HEIGHT} tall. */
    async page(name: ManualScreen) {
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const clip = { x: 0, y: 0, width: screen.width, height: Math.min(height, MAX_PAGE_HEIGHT) };
      await save(name, () => page.screenshot({ clip, fullPage: true, animations: 'disabled' }));
    },
    /** On a phone, the tab of a chat; a desktop shows both. */
    async show(which: 'group' | 'dm') {
      if (screen.mobile) await page.getByTestId(`tab-${which}`).click();
    },
  };
}
