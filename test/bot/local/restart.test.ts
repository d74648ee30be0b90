/**
 * The local chat after `npm start` is stopped and started again on the same data directory: the
 * conversation comes back from the database, its cards still answer, and a typed message's id
 * (its inbound dedupe key, which the database keeps) is never taken for a repeat of the old run's.
 */
import { fsEvidenceStore } from '../../../src/storage/fs-evidence-store';
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
import type { LocalMessage } from '../../../src/bot/local';
import { TEST_DRAW_KEY } from '../../support/draw-key';

const dir = mkdtempSync(join(tmpdir(), 'drbot-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(): Promise<NodeRuntime> {
  const config = loadConfig({ NODE_ENV: 'test', LOCAL_CHAT: '1', DEMO_DATA: '1' });
  return buildNodeRuntime(config, silentLogger, {
    clock: fixedClock('2026-03-02T01:30:00Z'),
    random: fixedRandom(11),
    drawKey: TEST_DRAW_KEY,
    database: await openPglite(join(dir, 'data')),
    background: false,
    evidence: fsEvidenceStore(join(dir, 'evidence')),
  });
}

async function post(runtime: NodeRuntime, path: string, body: unknown): Promise<{ ok?: boolean; toast?: { text: string }; error?: string }> {
  const res = await runtime.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json();
}

const say = (runtime: NodeRuntime, text: string) => post(runtime, '/local/api/say', { as: 'leader', conversation: 'group', text });

async function state(runtime: NodeRuntime, as: string) {
  const res = await runtime.app.request(`/local/api/state?as=${as}`);
  return (await res.json()) as { group: LocalMessage[]; dm: LocalMessage[] };
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
    // Two answers from each run: the first run's are still there (the history is in the database).
    expect(group.filter((m) => m.from === 'bot')).toHaveLength(4);
  } finally {
    await second.stop();
  }
});

it('shows the same conversation after a restart, and a card sent before it still answers its buttons', async () => {
  const first = await start();
  await say(first, '/draw 机械 建材 2家 每组2人');
  const before = await state(first, 'leader');
  await first.stop();

  const second = await start();
  try {
    const after = await state(second, 'leader');
    const tail = after.group.slice(-before.group.length);
    expect(tail).toEqual(before.group);
    const prepared = [...after.group].reverse().find((m) => m.card?.key.startsWith('draw:') && m.card.actions?.length)!;
    const confirm = prepared.card!.actions!.find((a) => a.label === '确认抽取')!;
    const reply = await post(second, '/local/api/act', {
      as: 'leader',
      messageId: prepared.id,
      action: confirm.action,
      payload: confirm.payload,
      nonce: 'after-restart-1',
    });
    expect(reply.toast?.text).toMatch(/^抽取完成/);
    const now = await state(second, 'leader');
    const updated = now.group.find((m) => m.id === prepared.id)!;
    expect(updated.version).toBeGreaterThan(prepared.version);
    expect(updated.card!.actions ?? []).toEqual([]);
    expect(now.group.some((m) => m.card?.key === `${prepared.card!.key}:result`)).toBe(true);
  } finally {
    await second.stop();
  }
});
