/**
 * The local chat page in Chromium: an administrator uploads a register file with the 上传 button. A
 * bad file changes nothing and its problems are listed; 取消 changes nothing; a double click on
 * 确认导入 imports once. `/plan` draws its bars in groups, one colour per series.
 */
import { sql } from 'drizzle-orm';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { rowsOf } from '../../src/db/client';
import type { Enterprise } from '../../src/domain/model';
import { enterprisesToCsv } from '../../src/import';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { button, describeBrowser, field, launchBrowser, localChat, screenshot } from './browser';

describeBrowser('local chat page in Chromium: registers from the chat', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;
  let register: Enterprise[];
  const acts: Array<Promise<{ toast?: { kind: string; text: string } }>> = [];
  const names = async () =>
    rowsOf<{ uscc: string; name: string; status: string }>(await rt.database.db.execute(sql`select uscc, name, status from enterprises order by uscc`));
  const upload = (name: string, rows: readonly Enterprise[] | string) =>
    page.getByTestId('dm-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(typeof rows === 'string' ? rows : enterprisesToCsv(rows)) });

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startTestRuntime({ listen: true }), launchBrowser()]);
    register = await rt.store.transaction((r) => r.registers.enterprises(1));
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    page.on('response', (r: Response) => void (r.url().endsWith('/local/api/act') && acts.push(r.json())));
    await page.goto(`${rt.baseUrl}/local?as=admin`);
    await page.locator('#dm-title', { hasText: '与机器人的私聊' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('lists every problem of a bad file and changes nothing', async () => {
    const chat = localChat(page);
    const before = await names();
    await upload('企业名录.csv', [{ ...register[0]!, industry: '化工' }, { ...register[1]!, township: '' }, ...register.slice(2)]);
    const card = chat.dm.locator('[data-card-key^="import-problems:"]').last();
    await card.waitFor();
    await expect.poll(() => card.locator('.title').textContent()).toBe('未导入：企业名录.csv 有 2 处问题');
    const items = await card.locator('li').allTextContents();
    expect(items).toEqual([expect.stringMatching(/^第 2 行：行业「化工」不在本方案范围内/), '第 3 行「乡镇街道」为空：请填写企业所在的乡镇或街道']);
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe('未导入：企业名录.csv 有 2 处问题。');
    // The uploaded file shows in the chat as the person's own message, downloadable.
    expect(await chat.dm.getByTestId('file-link').last().textContent()).toMatch(/^企业名录\.csv（\d+ KB，点击下载）$/);
    expect(await names()).toEqual(before);
    await screenshot(page, 'import-problems');
  });

  it('changes nothing on 取消, and imports once on a double click of 确认导入', async () => {
    const chat = localChat(page);
    const before = await names();
    const good = [{ ...register[0]!, name: '页面上改名的企业' }, ...register.slice(1, -1)];
    await upload('企业名录.csv', good);
    let preview = chat.dm.locator('[data-card-key^="import:"]').last();
    await preview.waitFor();
    expect(await field(preview, '更新').textContent()).toBe('1 家');
    expect(await field(preview, '不再列入').textContent()).toMatch(/^1 家/);
    await screenshot(page, 'import-preview');
    await button(preview, '取消').click();
    await expect.poll(() => field(preview, '状态').textContent()).toBe('已取消，名录未改动（2026-03-02 09:30）');
    expect(await names()).toEqual(before);

    await upload('企业名录.csv', good);
    await expect.poll(() => chat.dm.locator('[data-card-key^="import:"]').count()).toBe(2);
    preview = chat.dm.locator('[data-card-key^="import:"]').last();
    const sent = acts.length;
    await button(preview, '确认导入').dblclick();
    await expect.poll(() => acts.length).toBe(sent + 2);
    const toasts = (await Promise.all(acts.slice(sent))).map((b) => b.toast?.kind);
    expect(toasts.sort()).toEqual(['info', 'success']);
    await expect.poll(async () => (await field(preview, '状态').textContent())?.startsWith('已导入')).toBe(true);
    const after = await names();
    expect(after.find((e) => e.uscc === register[0]!.uscc)?.name).toBe('页面上改名的企业');
    expect(after.find((e) => e.uscc === register.at(-1)!.uscc)?.status).toBe('移出名录');
    expect(after).toHaveLength(before.length);
    await screenshot(page, 'import-applied');
  });

  it('draws a plan’s progress as bars in groups, one colour per series', async () => {
    await rt.chat.say('admin', '/plan 新建', 'dm');
    const form = rt.chat.lastCard(rt.chat.dm('admin'), 'plan-form:new');
    await rt.chat.click(
      'admin',
      form.id,
      'plan.save',
      {},
      {
        docNo: '偃应急〔2026〕18号',
        year: '2026',
        title: '2026年计划',
        batches: '第一批 2026-03-02至2026-06-30 机械3家 建材10%',
        isDefault: '是',
      },
    );
    const chat = localChat(page);
    await page.getByTestId('dm-input').fill('/plan');
    await page.getByTestId('dm-send').click();
    const card = chat.dm.locator('[data-card-key^="plan:"]').last();
    const chart = card.locator('.bars[data-chart="bar"]');
    await chart.waitFor();
    expect(await chart.locator('.listtitle').textContent()).toBe('目标与进度（家）');
    const bars = (series: number) =>
      chart.locator(`.bar.s${series}`).evaluateAll((bs) => bs.map((b) => [b.children[0]!.textContent, b.children[2]!.textContent]));
    expect(await bars(0)).toEqual([
      ['机械·目标', '3'],
      ['建材·目标', expect.stringMatching(/^\d+$/)],
    ]);
    expect(await bars(3)).toEqual([
      ['机械·已公示', '0'],
      ['建材·已公示', '0'],
    ]);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, 'plan-progress');
  });
});
