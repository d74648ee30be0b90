import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jpegWithExif } from '../support/jpeg';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { button, chatState, describeBrowser, launchBrowser, localChat, screenshot } from './browser';

describeBrowser('local chat page in Chromium: evidence uploaded with the 上传 button', () => {
  let rt: TestRuntime;
  let browser: Browser;
  let page: Page;
  const photo = jpegWithExif('2026:03:02 10:15:30');

  beforeAll(async () => {
    [rt, browser] = await Promise.all([startTestRuntime({ listen: true }), launchBrowser()]);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
    await rt.chat.say('leader', '/draw 轻工 1家 每组2人');
    const prepared = rt.chat.lastCard(rt.chat.group(), 'draw:');
    const execute = rt.chat.button(prepared.card, '确认抽取');
    await rt.chat.click('leader', prepared.id, execute.action, execute.payload);
  });

  afterAll(async () => {
    await browser?.close();
    await rt?.close();
  });

  it('refuses a photo before a task is chosen, then attaches it to the task chosen with 上传证据, with its capture time', async () => {
    const [officer] = (await rt.data.taskOfficers()).map((o) => o.localId!);
    const { people } = await chatState(rt.baseUrl!, 'leader');
    const me = people.find((p) => p.localId === officer)!;
    await page.goto(`${rt.baseUrl}/local?as=${officer}`);
    const chat = localChat(page);
    await page.locator('#dm-title', { hasText: `${me.name} 与机器人的私聊` }).waitFor();
    const upload = page.getByTestId('dm-file');

    await upload.setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: photo });
    await chat.dm.locator('.bubble', { hasText: '请先在任务卡上点“上传证据”' }).waitFor();

    const taskKey = rt.chat.lastCard(rt.chat.dm(officer!), 'task:').card.key;
    await button(chat.card(chat.dm, taskKey), '上传证据').click();
    await chat.dm.locator('.bubble', { hasText: '请在 30 分钟内把照片或文件直接发给机器人' }).waitFor();
    await upload.setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: photo });
    const reply = chat.dm.locator('.bubble', { hasText: '拍摄时间 2026-03-02 10:15:30' });
    await reply.waitFor();
    expect(await reply.textContent()).toMatch(
      /^已将“现场照片\.jpg”（1 KB，拍摄时间 2026-03-02 10:15:30）附到「.+」的检查记录（偃应急抽〔2026〕1号 第 1 组）。SHA-256：[0-9a-f]{64}$/,
    );
    await screenshot(page, 'evidence-uploaded');

    // The photo is in the chat as a link, and the link gives back the same bytes.
    const link = chat.dm.getByTestId('file-link').last();
    expect(await link.textContent()).toContain('现场照片.jpg（1 KB');
    const res = await fetch(new URL((await link.getAttribute('href'))!, rt.baseUrl).href);
    expect(Buffer.from(await res.arrayBuffer()).equals(photo)).toBe(true);

    // A file that is not evidence is refused by the server with the reason.
    await upload.setInputFiles({ name: 'tool.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    await expect.poll(() => page.getByTestId('toast').textContent()).toMatch(/“tool\.exe”的类型不能作为证据保存/);
    expect(await rt.data.auditCount('task.evidence_attached')).toBe(1);
  });
});
