import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
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
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://owner@db/x' })).toThrow(/MIGRATION_DATABASE_URL: set DATABASE_URL too/);
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
