import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadWorkerConfig } from '../src/config';
import { createHealthMonitor } from '../src/web/health';
import { createApp } from '../src/server';
import { silentLogger } from '../src/logger';

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: './data', demoData: true, localChat: true, databaseUrl: undefined, feishu: undefined });
  });

  it('stops on an invalid value and names the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    // In Chinese, as the CLI and the server print it.
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^环境变量设置有误：\n {2}- PORT：无效输入：期望 数字.*（当前值 "eighty"）$/);
    expect(() => loadConfig({ DRAND_URL: 'ftp://x' })).toThrow(/DRAND_URL：应为 http\(s\) 地址或 off/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    // A 503 must still come inside Feishu's 3 s.
    expect(() => loadConfig({ INBOX_ADMISSION_WAIT_SECONDS: '3' })).toThrow(/INBOX_ADMISSION_WAIT_SECONDS/);
    expect(loadConfig({ INBOX_ADMISSION_WAIT_SECONDS: '0' }).inboxAdmissionWaitSeconds).toBe(0);
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@db/x' })).toThrow(/MIGRATION_DATABASE_URL：须同时设置 DATABASE_URL/);
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db/x', MIGRATION_DATABASE_URL: 'postgres://owner@db/x' })).toMatchObject({
      databaseUrl: 'postgres://app@db/x',
      migrationDatabaseUrl: 'postgres://owner@db/x',
    });
    expect(() => loadConfig({ FEISHU_APP_ID: 'cli_x' })).toThrow(/FEISHU_APP_SECRET/);
    expect(() => loadConfig({ FEISHU_MODE: 'carrier-pigeon', FEISHU_APP_ID: 'a', FEISHU_APP_SECRET: 'b', FEISHU_VERIFICATION_TOKEN: 'c' })).toThrow(
      /FEISHU_MODE/,
    );
  });

  it('turns demo data and the local chat off in production, and the local chat off when Feishu is set', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ demoData: false, localChat: false });
    expect(loadConfig({ NODE_ENV: 'production', LOCAL_CHAT: '1', LOCAL_CHAT_TOKEN: 'x'.repeat(16) })).toMatchObject({ localChat: true });
    expect(loadConfig({ FEISHU_APP_ID: 'a', FEISHU_APP_SECRET: 'b', FEISHU_VERIFICATION_TOKEN: 'c' })).toMatchObject({
      localChat: false,
      feishu: { baseUrl: 'https://open.feishu.cn', mode: 'webhook' },
    });
  });
});

describe('DRAND_URL (public randomness for draws)', () => {
  it('defaults to the League of Entropy relay in production (off for the offline demo), takes another http(s) relay, and is off with off', () => {
    const production = { NODE_ENV: 'production', LOCAL_CHAT: '0' };
    expect(loadConfig(production).drand).toEqual({ url: 'https://api.drand.sh', timeoutSeconds: 60 });
    expect(loadConfig({ ...production, DRAND_URL: '' }).drand?.url).toBe('https://api.drand.sh');
    expect(loadConfig({}).drand).toBeUndefined();
    expect(loadConfig({ DRAND_URL: 'https://api.drand.sh' }).drand?.url).toBe('https://api.drand.sh');
    expect(loadConfig({ DRAND_URL: 'https://drand.cloudflare.com/', DRAND_TIMEOUT_SECONDS: '120' }).drand).toEqual({
      url: 'https://drand.cloudflare.com',
      timeoutSeconds: 120,
    });
    expect(loadConfig({ DRAND_URL: 'off' }).drand).toBeUndefined();
  });

  it('stops on a value that is neither a URL nor off, naming the variable', () => {
    for (const bad of ['nonsense', 'ftp://relay.example', 'OFF ME']) expect(() => loadConfig({ DRAND_URL: bad })).toThrow(/DRAND_URL/);
    expect(() => loadConfig({ DRAND_TIMEOUT_SECONDS: '1' })).toThrow(/DRAND_TIMEOUT_SECONDS/);
  });
});

describe('configuration on Cloudflare Workers', () => {
  const feishu = { FEISHU_APP_ID: 'a', FEISHU_APP_SECRET: 'b', FEISHU_VERIFICATION_TOKEN: 'c', DRAW_KEY: '5a'.repeat(32) };
  const dingtalk = { DINGTALK_APP_KEY: 'k', DINGTALK_APP_SECRET: 's', DINGTALK_CARD_TEMPLATE_ID: 't.schema' };
  const refusal = (env: Record<string, string>) => {
    try {
      loadWorkerConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as ConfigError).message;
    }
    throw new Error('accepted');
  };

  it('takes the webhook modes, with the local chat and the demo data off unless asked for', () => {
    expect(loadWorkerConfig({ ...feishu, ...dingtalk })).toMatchObject({
      localChat: false,
      demoData: false,
      feishu: { mode: 'webhook' },
      dingtalk: { mode: 'http' },
    });
    expect(loadWorkerConfig({ DRAW_KEY: '5a'.repeat(32) })).toMatchObject({ localChat: false, demoData: false });
    // A Worker has no key file: the draw key is a secret of its own.
    expect(refusal({})).toMatch(/DRAW_KEY：.*wrangler secret put DRAW_KEY/);
  });

  it('refuses what needs a process that stays up, saying what to use instead', () => {
    expect(refusal({ ...feishu, FEISHU_MODE: 'ws' })).toMatch(/FEISHU_MODE=ws：飞书长连接.*FEISHU_MODE=webhook.*\/feishu\/events/);
    expect(refusal({ ...dingtalk, DINGTALK_MODE: 'stream' })).toMatch(/DINGTALK_MODE=stream：.*DINGTALK_MODE=http/);
    expect(refusal({ LOCAL_CHAT: '1' })).toMatch(/LOCAL_CHAT：本地模拟聊天.*（仅限 Node）/);
    expect(refusal({ DEMO_DATA: '1' })).toMatch(/npm run seed:demo/);
    expect(refusal({ ...feishu, FEISHU_MODE: 'ws', LOCAL_CHAT: '1' }).match(/Cloudflare Workers/g)).toHaveLength(2);
    // The same settings are fine on Node.
    expect(loadConfig({ ...feishu, FEISHU_MODE: 'ws' }).feishu?.mode).toBe('ws');
  });
});

describe('GET /healthz', () => {
  it('answers 503 when a required part is down, 200 when it is up', async () => {
    const monitor = (ok: boolean) =>
      createHealthMonitor({
        version: '1',
        checks: [{ name: 'database', required: true, run: async () => (ok ? { status: 'ok' } : { status: 'down', error: 'connection refused' }) }],
      });
    const down = createApp({ logger: silentLogger, health: monitor(false) });
    const res = await down.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'down', parts: { database: { status: 'down', error: 'connection refused' } } });
    const up = createApp({ logger: silentLogger, health: monitor(true) });
    expect((await up.request('/healthz')).status).toBe(200);
  });
});
