/** The local chat lets its user act as anyone: in production only with a token, and said so at start. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';
import { startTestRuntime } from '../support/test-runtime';

const TOKEN = 'a-long-local-chat-token-123';

describe('the local chat in production', () => {
  it('does not start without a token of 16 characters or more', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', LOCAL_CHAT: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', LOCAL_CHAT: '1', LOCAL_CHAT_TOKEN: 'short' })).toThrow(/LOCAL_CHAT_TOKEN/);
    expect(loadConfig({ NODE_ENV: 'production', LOCAL_CHAT: '1', LOCAL_CHAT_TOKEN: TOKEN })).toMatchObject({ localChat: true, localChatToken: TOKEN });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ localChat: false });
  });

  it('answers only with the token, and warns at start', async () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, error() {}, warn: (msg: string) => void warnings.push(msg) };
    const t = await startTestRuntime({ env: { NODE_ENV: 'production', LOCAL_CHAT: '1', LOCAL_CHAT_TOKEN: TOKEN, DEMO_DATA: '1' }, logger });
    try {
      expect(warnings.some((w) => w.includes('LOCAL_CHAT is on in production'))).toBe(true);
      const say = (headers: Record<string, string>) =>
        t.runtime.app.request('/local/api/say', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ as: 'admin', conversation: 'group', text: '/status' }),
        });
      expect((await say({})).status).toBe(401);
      expect((await say({ authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
      expect((await t.runtime.app.request('/local')).status).toBe(401);
      expect((await say({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
      const page = await t.runtime.app.request(`/local?token=${TOKEN}`);
      expect(page.status).toBe(200);
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      expect((await say({ cookie })).status).toBe(200);
      // The token itself never reaches the log.
      expect(warnings.join('\n')).not.toContain(TOKEN);
    } finally {
      await t.close();
    }
  });
});
