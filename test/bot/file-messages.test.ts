/**
 * File messages (an export, a document) through each messenger: Feishu uploads the bytes
 * (`POST /open-apis/im/v1/files`, multipart) and sends a file message with the key; the local
 * chat lists the file and serves it for download; DingTalk uploads it (`media/upload` on the oapi
 * host) and sends a robot `sampleFile` message, zipping a type it does not take.
 */
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import { type OutgoingFile, PlatformRejectedError } from '../../src/app/ports/messenger';
import { createDingtalkMessenger } from '../../src/bot/dingtalk/client';
import { createFeishuMessenger, feishuFileType } from '../../src/bot/feishu/client';
import { createLocalChat, LocalMessenger } from '../../src/bot/local';
import { FAKE_CARD_TEMPLATE, FAKE_FORM_TEMPLATE, startFakeDingtalk, type FakeDingtalk } from '../fakes/dingtalk-server';
import { startFakeFeishuServer, type FakeFeishuServer } from '../fakes/feishu-server';
import { silentLogger } from './feishu/helpers';

const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256));
const xlsx: OutgoingFile = {
  name: '2026年抽查工作导出.xlsx',
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  base64: bytes.toString('base64'),
};

let feishu: FakeFeishuServer | undefined;
let dingtalk: FakeDingtalk | undefined;
afterEach(async () => {
  await feishu?.close();
  await dingtalk?.close();
  feishu = dingtalk = undefined;
});

describe('Feishu', () => {
  it('uploads the file and sends a file message with its key, once per idempotency key', async () => {
    feishu = await startFakeFeishuServer();
    const m = createFeishuMessenger({ appId: feishu.appId, appSecret: feishu.appSecret, baseUrl: feishu.url, logger: silentLogger() });
    const to = { kind: 'user' as const, platform: 'feishu' as const, id: 'ou_leader' };
    const sent = await m.send(to, { type: 'file', file: xlsx }, 'export:2026:1');
    expect(feishu.files).toHaveLength(1);
    const [upload] = feishu.files;
    expect({ type: upload!.fileType, name: upload!.fileName }).toEqual({ type: 'xls', name: xlsx.name });
    expect(upload!.bytes.equals(bytes)).toBe(true);
    expect(feishu.messagesTo('ou_leader')).toMatchObject([{ messageId: sent.messageId, msgType: 'file', content: { file_key: upload!.fileKey } }]);
    // A retried send (the outbox after a lost answer) is delivered once, by the message's uuid.
    expect((await m.send(to, { type: 'file', file: xlsx }, 'export:2026:1')).messageId).toBe(sent.messageId);
    expect(feishu.messagesTo('ou_leader')).toHaveLength(1);
  });

  it('reports a refused upload as a rejection, and sends nothing', async () => {
    feishu = await startFakeFeishuServer();
    const m = createFeishuMessenger({ appId: feishu.appId, appSecret: feishu.appSecret, baseUrl: feishu.url, logger: silentLogger() });
    const error = await m.send({ kind: 'chat', platform: 'feishu', id: 'oc_g' }, { type: 'file', file: { ...xlsx, base64: '' } }, 'k').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformRejectedError);
    expect(error).toMatchObject({ code: 234010, retryable: false });
    expect(feishu.deliveries).toEqual([]);
  });

  it('names the file type Feishu expects from the extension', () => {
    expect(['a.xlsx', 'b.XLS', 'c.docx', 'd.pdf', 'e.csv', 'f'].map(feishuFileType)).toEqual(['xls', 'xls', 'doc', 'pdf', 'stream', 'stream']);
  });
});

describe('the local chat', () => {
  it('lists the file in the conversation and serves its bytes for download', async () => {
    const messenger = await LocalMessenger.open();
    const sent = await messenger.send({ kind: 'user', platform: 'local', id: 'leader' }, { type: 'file', file: xlsx }, 'export:1');
    const [shown] = messenger.conversation('dm:leader');
    expect(shown).toMatchObject({ id: sent.messageId, file: { name: xlsx.name, mediaType: xlsx.mediaType, size: 3000 } });
    expect(JSON.stringify(shown)).not.toContain(xlsx.base64.slice(0, 40));
    const app = createLocalChat({ messenger, sink: async () => ({}), people: async () => [], flush: async () => {} });
    // Served to the person whose direct chat it is in, and to nobody else.
    expect((await app.request(`/files/${sent.messageId}?as=officer1`)).status).toBe(404);
    expect((await app.request(`/files/${sent.messageId}`)).status).toBe(404);
    const res = await app.request(`/files/${sent.messageId}?as=leader`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(xlsx.mediaType);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(xlsx.name)}`);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await app.request('/files/m999')).status).toBe(404);
  });
});

describe('DingTalk', () => {
  async function dingtalkMessenger() {
    dingtalk = await startFakeDingtalk({});
    const d = dingtalk;
    return createDingtalkMessenger({
      appKey: d.appKey,
      appSecret: d.appSecret,
      robotCode: d.appKey,
      baseUrl: d.url,
      templates: { general: FAKE_CARD_TEMPLATE, form: FAKE_FORM_TEMPLATE },
      callback: { type: 'STREAM' },
      callsPerSecond: 1000,
    });
  }

  it('uploads the file (media/upload) and sends a sampleFile message naming it, to a group and to a person', async () => {
    const m = await dingtalkMessenger();
    await m.send({ kind: 'chat', platform: 'dingtalk', id: 'cidG==' }, { type: 'file', file: xlsx }, 'k1');
    await m.send({ kind: 'user', platform: 'dingtalk', id: 'staff1' }, { type: 'file', file: xlsx }, 'k2');
    const d = dingtalk!;
    expect(d.uploads).toHaveLength(2);
    expect(d.uploads[0]).toMatchObject({ type: 'file', fileName: xlsx.name });
    expect(d.uploads[0]!.bytes.equals(bytes)).toBe(true);
    expect(d.files.map((f) => ({ to: f.to, name: f.fileName, type: f.fileType, media: f.mediaId }))).toEqual([
      { to: { kind: 'group', id: 'cidG==' }, name: xlsx.name, type: 'xlsx', media: d.uploads[0]!.mediaId },
      { to: { kind: 'user', id: 'staff1' }, name: xlsx.name, type: 'xlsx', media: d.uploads[1]!.mediaId },
    ]);
    // The upload went to the oapi host with the v1.0 token in the query.
    const upload = d.calls.find((c) => c.path === '/media/upload')!;
    expect(upload.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(d.texts).toEqual([]);
  });

  it('a type DingTalk does not take (CSV) goes inside a zip of the same name, bytes intact', async () => {
    const m = await dingtalkMessenger();
    const csv = Buffer.from('企业名称,统一社会信用代码\n甲公司,91410300MA00000000\n', 'utf8');
    await m.send(
      { kind: 'user', platform: 'dingtalk', id: 'staff1' },
      { type: 'file', file: { name: '导入问题清单.csv', mediaType: 'text/csv', base64: csv.toString('base64') } },
      'k',
    );
    const [file] = dingtalk!.files;
    expect({ name: file!.fileName, type: file!.fileType }).toEqual({ name: '导入问题清单.zip', type: 'zip' });
    const zip = await JSZip.loadAsync(file!.upload.bytes, { checkCRC32: true });
    expect(Object.keys(zip.files)).toEqual(['导入问题清单.csv']);
    expect(Buffer.from(await zip.file('导入问题清单.csv')!.async('uint8array')).equals(csv)).toBe(true);
  });

  it('an empty file is refused before anything is uploaded or sent', async () => {
    const m = await dingtalkMessenger();
    const error = await m
      .send({ kind: 'chat', platform: 'dingtalk', id: 'cidG==' }, { type: 'file', file: { ...xlsx, base64: '' } }, 'k')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'empty_file', retryable: false });
    expect([dingtalk!.uploads, dingtalk!.files]).toEqual([[], []]);
  });
});
