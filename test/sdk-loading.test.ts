/**
 * The platform SDKs are loaded when their platform is configured, and then before the server
 * listens (src/deps.ts): loaded at the first send instead, the Feishu SDK's second of loading held
 * the event loop while deliveries waited; loaded when unused, it is 66 MB of an idle bot. Each case
 * runs in a fresh process, whose CommonJS module cache shows what was loaded.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = (path: string) => JSON.stringify(fileURLToPath(new URL(`../src/${path}`, import.meta.url)));
const script = (env: Record<string, string>) => `
  import { createRequire } from 'node:module';
  const { loadConfig } = await import(${src('config.ts')});
  const { buildNodeRuntime } = await import(${src('deps.ts')});
  const { memoryBackend } = await import(${src('db/memory/backend.ts')});
  const { createLogger } = await import(${src('logger.ts')});
  const { systemClock } = await import(${src('app/ports/clock.ts')});
  const config = loadConfig({ LOCAL_CHAT: '0', DEMO_DATA: '0', SCHEDULER: '0', DATA_DIR: 'memory://', DRAW_KEY: '11'.repeat(32), ...${JSON.stringify(env)} });
  const runtime = await buildNodeRuntime(config, createLogger('error'), { backend: memoryBackend(systemClock), background: false });
  const loaded = Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('@larksuiteoapi/node-sdk'));
  await runtime.stop();
  console.log(JSON.stringify({ feishuSdk: loaded.length > 0 }));`;
const loadedAfterStart = (env: Record<string, string>) =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script(env)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .at(-1)!,
  ) as {
    feishuSdk: boolean;
  };

describe('loading the platform SDKs', () => {
  it('loads the Feishu SDK at start when Feishu is configured, and not at all when it is not', () => {
    const feishu = { FEISHU_APP_ID: 'cli_test', FEISHU_APP_SECRET: 'secret', FEISHU_VERIFICATION_TOKEN: 'token', FEISHU_ENCRYPT_KEY: 'key' };
    expect(loadedAfterStart(feishu)).toEqual({ feishuSdk: true });
    expect(loadedAfterStart({})).toEqual({ feishuSdk: false });
  }, 120_000);
});
