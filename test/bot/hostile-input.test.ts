/**
 * Hostile input on every entry point: bodies over the limit refused with 413 before they are
 * read (declared or chunked), and text with a NUL or half a surrogate pair answered in Chinese
 * instead of failing in the database (HTTP 500).
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasUnsafeText } from '../../src/bot/router';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';
import { databaseKinds } from '../support/test-db';
import { GROUP, startFeishuRuntime, type FeishuRuntime } from './feishu/feishu-runtime';

const UNSAFE = '消息中含有无法处理的字符';

/** Sends headers and `sent` bytes, never the rest, and resolves with the status the server answers. */
function postPartly(url: string, headers: Record<string, string>, sent: Buffer, end = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(e)));
    req.write(sent);
    if (end) req.end();
  });
}

describe('unsafe text', () => {
  it('finds NUL and unpaired surrogates anywhere, and leaves whole emoji alone', () => {
    expect(hasUnsafeText({ text: 'ok 👍 中文' })).toBe(false);
    expect(hasUnsafeText({ text: 'a\u0000b' })).toBe(true);
    expect(hasUnsafeText({ payload: { id: '\ud83d' } })).toBe(true);
    expect(hasUnsafeText({ values: { ['\udc00']: 'x' } })).toBe(true);
    expect(hasUnsafeText('x\udc00')).toBe(true);
  });
});

for (const kind of databaseKinds()) {
  describe(`hostile input [${kind}]`, () => {
    let t: TestRuntime;
    let f: FeishuRuntime;
    let feishuServer: ReturnType<typeof serve>;
    let feishuUrl: string;
    beforeAll(async () => {
      t = await startTestRuntime({ kind, listen: true });
      f = await startFeishuRuntime(kind);
      await f.linkEveryone();
      feishuServer = serve({ fetch: f.runtime.app.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((r) => feishuServer.once('listening', () => r()));
      feishuUrl = `http://127.0.0.1:${(feishuServer.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      feishuServer?.close();
      await t?.close();
      await f?.close();
    });

    it('a declared 100 MB body is refused with 413 before it is read, on every POST route', async () => {
      const headers = { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) };
      // Only 1 KB is ever sent: a server reading the body first would wait forever.
      for (const url of [`${t.baseUrl}/local/api/say`, `${t.baseUrl}/local/api/act`, `${feishuUrl}/feishu/events`, `${feishuUrl}/feishu/cards`]) {
        expect(await postPartly(url, headers, Buffer.alloc(1024, 0x20))).toBe(413);
      }
    });

    it('a chunked body is refused once it passes 1 MB', async () => {
      const status = await postPartly(
        `${feishuUrl}/feishu/events`,
        { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        Buffer.alloc(2 * 1024 * 1024, 0x20),
        true,
      );
      expect(status).toBe(413);
      // A normal delivery still works afterwards.
      expect((await f.say('leader', '/status')).status).toBe(200);
    });

    it.each([
      ['a NUL', '/draw 机械\u0000 2家'],
      ['half a surrogate pair', '/status \ud83d'],
      ['a lone low surrogate', '\udc00/help'],
    ])('typed text with %s is answered in Chinese, not with HTTP 500 (local chat)', async (_, text) => {
      const res = await t.chat.say('leader', text);
      expect(res.status).toBe(200);
      expect(res.body.toast?.text).toContain(UNSAFE);
      expect(t.chat.group().at(-1)?.text).toContain(UNSAFE);
    });

    it('the same through a signed Feishu delivery, and a forged identity with a NUL gets only the toast', async () => {
      const res = await f.say('leader', '/draw 机械\u0000 2家');
      expect(res.status).toBe(200);
      await f.flush();
      expect(f.texts(GROUP).at(-1)).toContain(UNSAFE);
      const forged = await t.chat.say('lead\u0000er', '/status');
      expect(forged.status).toBe(200);
      expect(forged.body.toast?.text).toContain(UNSAFE);
    });
  });
}
