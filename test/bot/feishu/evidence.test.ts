/**
 * Evidence through Feishu as Feishu delivers it: 上传证据 on the task card, then a photo and a file
 * sent in the officer's direct chat (`im.message.receive_v1` image / file), fetched from the fake's
 * message-resource API, stored once by SHA-256 with the photo's EXIF capture time, and refused
 * with the reason when no task is chosen or the file is too large.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithExif } from '../../support/jpeg';
import { GROUP, buttonValue, openIdOf, p2pOf, startFeishuRuntime, type FeishuRuntime } from './feishu-runtime';

describe('evidence through Feishu [pglite]', () => {
  let t: FeishuRuntime;
  let officer: string;
  let taskCard: { messageId: string; card: Record<string, unknown> };
  const photo = jpegWithExif('2026:03:02 10:15:30');
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
  const lastText = () => t.texts(openIdOf(officer)).at(-1) ?? '';

  beforeAll(async () => {
    t = await startFeishuRuntime('pglite');
    await t.linkEveryone();
    await t.say('leader', '/draw 机械 1家 每组2人');
    await t.flush();
    const announcement = t.lastCard(GROUP, '抽取准备');
    await t.click('leader', { ...announcement, chat: GROUP, value: buttonValue(announcement.card, '确认抽取') });
    await t.flush();
    const [row] = await t.query<{ local_id: string }>(sql`select p.local_id from task_officers o join people p on p.id = o.person_id order by o.id limit 1`);
    officer = row!.local_id;
    taskCard = t.lastCard(openIdOf(officer), '检查任务');
  });
  afterAll(() => t?.close());

  it('refuses a photo sent before a task is chosen, saying how to choose one', async () => {
    await t.sendFile(officer, '', photo, { image: true, messageId: 'om_photo_0', key: 'img_0' });
    await t.flush();
    expect(lastText()).toMatch(/请先在任务卡上点“上传证据”选择要附到哪项检查/);
    expect(await t.query(sql`select id from evidence`)).toEqual([]);
  });

  it('attaches a photo to the chosen task once, by its SHA-256, with the EXIF capture time, in the audit', async () => {
    const chosen = await t.click(officer, { ...taskCard, chat: p2pOf(officer), value: buttonValue(taskCard.card, '上传证据') });
    expect(chosen.body).toMatchObject({ toast: { type: 'info' } });
    await t.flush();
    expect(lastText()).toMatch(/请在 30 分钟内把照片或文件直接发给机器人/);
    await t.sendFile(officer, '', photo, { image: true, messageId: 'om_photo_1', key: 'img_1' });
    await t.flush();
    expect(lastText()).toMatch(/已将“照片-.+\.jpg”（1 KB，拍摄时间 2026-03-02 10:15:30）附到「.+」的检查记录（偃应急抽〔2026〕1号 第 1 组）。SHA-256：/);
    const resourceCall = t.fake.calls.find((c) => c.path === '/open-apis/im/v1/messages/om_photo_1/resources/img_1')!;
    expect(resourceCall).toMatchObject({ method: 'GET', query: { type: 'image' } });
    // Feishu delivers the same message again: nothing more.
    await t.sendFile(officer, '', photo, { image: true, messageId: 'om_photo_1', key: 'img_1' });
    // The same photo sent again as a new message: kept once.
    await t.sendFile(officer, '', photo, { image: true, messageId: 'om_photo_2', key: 'img_2' });
    await t.flush();
    expect(lastText()).toMatch(/^“照片-[A-Za-z0-9]+\.jpg”已附在「.+」的检查记录（.+），未重复保存。$/);
    const rows = await t.query<{ sha256: string; captured_at: string; content_type: string; source: string }>(sql`select * from evidence`);
    expect(rows).toEqual([
      expect.objectContaining({ sha256: sha(photo), captured_at: '2026-03-02T10:15:30', content_type: 'image/jpeg', source: 'feishu:msg:om_photo_1' }),
    ]);
    const audit = await t.query<{ data: { sha256: string } }>(sql`select data from audit_log where action = 'task.evidence_attached'`);
    expect(audit.map((a) => a.data.sha256)).toEqual([sha(photo)]);
  });

  it('takes a PDF sent as a file, and refuses one over 20 MB without keeping it', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    await t.sendFile(officer, '检测报告.pdf', pdf);
    await t.flush();
    expect(lastText()).toMatch(/已将“检测报告\.pdf”（1 KB）附到/);
    const big = Buffer.alloc(21 * 1024 * 1024, 1);
    await t.sendFile(officer, '现场.mp4', big);
    await t.flush();
    expect(lastText()).toBe('“现场.mp4”超过 20 MB 的上限，未保存：请压缩后重新发送，或分成几份。');
    expect((await t.query<{ file_name: string }>(sql`select file_name from evidence order by id`)).map((r) => r.file_name)).toEqual([
      expect.stringMatching(/^照片-/),
      '检测报告.pdf',
    ]);
  });
});
