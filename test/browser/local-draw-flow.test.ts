import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { button, chatState, describeBrowser, field, fillFindings, launchBrowser, localChat, screenshot, type StatePerson } from './browser';

/** The one task card (`task:<id>`) in the person's direct chat. */
function taskKey(keys: string[]): string {
  const tasks = keys.filter((k) => /^task:\d+$/.test(k));
  expect(tasks).toHaveLength(1);
  return tasks[0]!;
}

describeBrowser('local chat page in Chromium: a whole draw, clicked through like a person', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startTestRuntime({ listen: true }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', timezoneId: 'UTC' });
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('draws, confirms, reports findings, publishes, and handles a recusal', async () => {
    const chat = localChat(page);
    await page.goto(`${rt.baseUrl}/local?as=leader`);
    await page.locator('#dm-title', { hasText: '与机器人的私聊' }).waitFor();

    // The leader types the draw; the announcement card comes back with its two buttons.
    await chat.sayInGroup('/draw 机械 建材 3家 每组2人');
    const announcement = chat.group.locator('[data-card-key^="draw:"]', { hasText: '抽取准备' });
    await announcement.waitFor();
    const drawKey = (await announcement.getAttribute('data-card-key'))!;
    expect(drawKey).toMatch(/^draw:\d+$/);
    // The viewer's browser is on UTC; message times still read as the bureau's (09:30 in Shanghai).
    expect(await announcement.locator('xpath=..').locator('.who').textContent()).toBe('双随机机器人 · 09:30:00');
    expect(await field(announcement, '抽取范围').textContent()).toBe('机械、建材');
    expect(await field(announcement, '抽取数量').textContent()).toBe('3 家');
    await button(announcement, '放弃').waitFor();
    await screenshot(page, 'flow-1-announcement');

    // 确认抽取: the result card with one row per enterprise; the announcement loses its buttons.
    await button(announcement, '确认抽取').click();
    const result = chat.card(chat.group, `${drawKey}:result`);
    await result.waitFor();
    await expect.poll(() => result.locator('tbody tr').count()).toBe(3);
    await expect.poll(() => field(chat.card(chat.group, drawKey), '状态').textContent()).toBe('已抽取');
    expect(await button(chat.card(chat.group, drawKey), '确认抽取').count()).toBe(0);
    await result.scrollIntoViewIfNeeded();
    await screenshot(page, 'flow-2-result');

    // Who was drawn: the table's last column, mapped to local ids through the page's API.
    const rows = await result.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const { people } = await chatState(rt.baseUrl!, 'leader');
    const person = (name: string): StatePerson => {
      const p = people.find((x) => x.name === name);
      if (!p) throw new Error(`no person named ${name}`);
      return p;
    };
    const [a, b] = rows[0]![3]!.split('、').map(person);
    const c = rows[1]![3]!.split('、').map(person)[0]!;
    expect([a!.role, b!.role, c.role]).toEqual(['officer', 'officer', 'officer']);

    // The first officer sees his task card in his direct chat and confirms it.
    await chat.become(a!.localId, a!.name);
    const taskA = chat.card(chat.dm, taskKey(await chat.keys(chat.dm)));
    expect(await field(taskA, '企业').textContent()).toBe(rows[0]![1]);
    expect(await field(taskA, '我的状态').textContent()).toBe('待确认');
    await screenshot(page, 'flow-3-task-card');
    await button(taskA, '确认接收').click();
    await expect.poll(() => field(taskA, '我的状态').textContent()).toBe('已确认');
    await button(taskA, '填报检查结果').waitFor();
    expect(await button(taskA, '确认接收').count()).toBe(0);
    const taskKeyA = (await taskA.getAttribute('data-card-key'))!;

    // The partner confirms too; the first officer's card then shows him as confirmed.
    await chat.become(b!.localId, b!.name);
    const taskB = chat.card(chat.dm, taskKeyA);
    await button(taskB, '确认接收').click();
    await expect.poll(() => field(taskB, '我的状态').textContent()).toBe('已确认');

    // The first officer fills in the findings form and submits it.
    await chat.become(a!.localId, a!.name);
    await taskA
      .locator('li', { hasText: `${b!.name}（` })
      .filter({ hasText: '已确认' })
      .waitFor();
    await button(taskA, '填报检查结果').click();
    const form = chat.card(chat.dm, `${taskKeyA}:findings`);
    await fillFindings(form, { inspectionDate: '2026-03-02', responsiblePerson: '李建国' });
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'flow-4-findings-form');
    await button(form, '提交检查结果').click();

    // The form turns into the publication card: deadline 5 working days on, text ready to copy.
    const publication = chat.card(chat.dm, `${taskKeyA}:publication`);
    await publication.waitFor();
    expect(await field(publication, '公示期限').textContent()).toBe('2026-03-09（截至 2026-03-02：还剩 5 个工作日）');
    expect(await field(publication, '检查结果').textContent()).toBe('未发现问题');
    // The text to paste into the 公示系统 keeps its lines on screen (innerText is what a copy gets), with a copy button.
    await button(publication, '复制').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text with its line breaks is what a person copies
    const copy = (await publication.locator('pre.copy').innerText()).split('\n');
    expect(copy.map((line) => line.split('：')[0])).toEqual(['抽查任务编号', '检查对象', '检查实施机关', '类型', '检查日期', '检查结果']);
    expect(copy[1]).toContain(`检查对象：${rows[0]![1]}（`);
    expect(copy.slice(4)).toEqual(['检查日期：2026-03-02', '检查结果：未发现问题']);
    await publication.scrollIntoViewIfNeeded();
    await screenshot(page, 'flow-5-publication');
    // 已公示 needs the 公示系统's record number: the form says so before anything is sent.
    await button(publication, '已公示').click();
    await publication.getByText('请填写「国家企业信用信息公示系统记录编号」。').waitFor();
    await publication.locator('input[name="reference"]').fill('豫应急抽查〔2026〕1号');
    await button(publication, '已公示').click();
    await publication.locator('.title', { hasText: /^已公示：/ }).waitFor();
    expect(await field(publication, '公示系统记录编号').textContent()).toBe('豫应急抽查〔2026〕1号');
    expect(await button(publication, '已公示').count()).toBe(0);
    await chat.group.getByText(`检查结果已由${a!.name}公示`).waitFor();
    expect((await rt.database.db.query.tasks.findMany()).filter((t) => t.status === 'published')).toHaveLength(1);

    // An officer of the second group applies for 回避; the leader approves; the group sees the replacement.
    await chat.become(c.localId, c.name);
    const taskC = chat.card(chat.dm, taskKey(await chat.keys(chat.dm)));
    expect(await field(taskC, '企业').textContent()).toBe(rows[1]![1]);
    await button(taskC, '申请回避').click();
    const recusal = chat.card(chat.dm, `${await taskC.getAttribute('data-card-key')}:recusal`);
    await recusal.locator('select[name="ground"]').selectOption('relative');
    await recusal.locator('textarea[name="reason"]').fill('本人近亲属在该企业任职');
    await button(recusal, '提交回避申请').click();
    await expect.poll(() => field(taskC, '我的状态').textContent()).toBe('回避待审批');
    const leader = people.find((p) => p.localId === 'leader')!;
    await chat.become(leader.localId, leader.name);
    const approval = chat.card(chat.dm, 'recusal:1');
    expect(await field(approval, '回避理由').textContent()).toBe('本人近亲属在该企业任职');
    await screenshot(page, 'flow-6-recusal-approval');
    await button(approval, '同意').click();
    await chat.group.getByText(`${c.name}回避（经局领导同意），已按原种子随机补抽`).waitFor();
    await chat.become(c.localId, c.name);
    await expect.poll(() => field(taskC, '我的状态').textContent()).toBe('已回避');
    await screenshot(page, 'flow-7-recusal');
  });
});
