/**
 * The local chat after `npm start` is stopped and started again on the same data directory: a
 * typed message's id is its inbound dedupe key, which the database keeps, so the new run's
 * messages must not be taken for repeats of the old run's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fixedClock } from '../../../src/app/ports/clock';
import { fixedRandom } from '../../../src/app/ports/random';
import { loadConfig } from '../../../src/config';
import { openPglite } from '../../../src/db/client';
import { buildNodeRuntime, type NodeRuntime } from '../../../src/deps';
import { silentLogger } from '../../../src/logger';

const dir = mkdtempSync(join(tmpdir(), 'drbot-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(): Promise<NodeRuntime> {
  const config = loadConfig({ NODE_ENV: 'test', LOCAL_CHAT: '1', DEMO_DATA: '1' });
  return buildNodeRuntime(config, silentLogger, {
    clock: fixedClock('2026-03-02T01:30:00Z'),
    random: fixedRandom(11),
    database: await openPglite(join(dir, 'data')),
    background: false,
  });
}

async function say(runtime: NodeRuntime, text: string): Promise<{ ok?: boolean; toast?: { text: string } }> {
  const res = await runtime.app.request('/local/api/say', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'leader', conversation: 'group', text }),
  });
  return res.json();
}

it('answers the first messages typed after a restart', async () => {
  const first = await start();
  await say(first, '/help');
  await say(first, '/status');
  await first.stop();

  const second = await start();
  try {
    for (const text of ['/help', '/status']) {
      const reply = await say(second, text);
      expect(reply.toast?.text, text).not.toBe('已处理过这次操作。');
    }
    const group = second.local!.conversation('group');
    expect(group.filter((m) => m.from === 'bot')).toHaveLength(2);
  } finally {
    await second.stop();
  }
});
