/**
 * 确认抽取 waits on the drand relay for up to 2.5 s. That wait must not hold the database: on
 * PGlite one open transaction stops every other request. The round is fetched before the
 * action's transaction (its `prefetch`) and found again inside it without a second fetch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Beacon } from '../../src/app/ports/beacon';
import { createHttpBeacon } from '../../src/beacon';
import { startFakeDrandBeacon, type FakeDrandBeacon } from '../fakes/drand-beacon';
import { startTestRuntime, type TestRuntime } from '../support/test-runtime';

const START = '2026-03-02T01:30:00Z';

describe('the drand round is fetched outside the database transaction', () => {
  let t: TestRuntime;
  let drand: FakeDrandBeacon;
  /** What a read of the database found while the relay was being asked: 'blocked' if it had to wait. */
  const seenDuringFetch: string[] = [];
  const now = () => (t ? t.clock.now().getTime() : Date.parse(START));

  beforeAll(async () => {
    drand = await startFakeDrandBeacon({ period: 3, genesisTime: Date.parse(START) / 1000 - 3000, now });
    const relay = createHttpBeacon({ baseUrl: drand.url, chain: drand.chain, now, giveUpAfterMs: 2000, backoffMs: { first: 50, max: 200 } });
    const probing: Beacon = {
      chain: () => relay.chain(),
      async round(n, options) {
        const read = t.store.transaction(async (r) => (await r.draws.byNo(1, '偃应急抽〔2026〕1号'))?.status ?? 'none');
        const blocked = new Promise<string>((resolve) => setTimeout(() => resolve('blocked'), 1000));
        seenDuringFetch.push(await Promise.race([read, blocked]));
        return relay.round(n, options);
      },
    };
    t = await startTestRuntime({ now: START, beacon: probing });
  });
  afterAll(async () => {
    await t?.close();
    await drand?.close();
  });

  it('lets other requests use the database while 确认抽取 waits for the round, and asks the relay once', async () => {
    await t.chat.say('leader', '/draw 机械 2家 每组2人');
    const card = t.chat.lastCard(t.chat.group(), 'draw:');
    t.clock.advance(125_000);
    const done = await t.chat.click('leader', card.id, 'draw.execute', t.chat.button(card.card, '确认抽取').payload);
    expect(done.body.toast?.kind).toBe('success');
    expect(seenDuringFetch).toEqual(['prepared']);
    expect(await t.data.draws()).toEqual([{ drawNo: '偃应急抽〔2026〕1号', status: 'executed' }]);
    const report = await t.runtime.health.refresh();
    expect(report.status).toBe('ok');
    expect(report.parts['beacon']).toMatchObject({ status: 'ok', chain: drand.chain.hash, lastRound: { round: expect.any(Number) } });
  });

  it('shows a relay that failed 确认抽取 as degraded in /healthz, without making the bot unhealthy', async () => {
    await t.chat.say('leader', '/draw 机械 2家 每组2人');
    const card = t.chat.lastCard(t.chat.group(), 'draw:');
    t.clock.advance(125_000);
    drand.outage({ status: 503 });
    const refused = await t.chat.click('leader', card.id, 'draw.execute', t.chat.button(card.card, '确认抽取').payload);
    drand.outage(undefined);
    expect(refused.body.toast?.text).toMatch(/本次抽取保持待确认/);
    await t.runtime.health.refresh();
    const res = await t.runtime.app.request('/healthz');
    const body = (await res.json()) as { status: string; parts: Record<string, { status: string; lastError?: string }> };
    expect(res.status).toBe(200);
    expect(body.parts['beacon']).toMatchObject({ status: 'degraded', lastError: expect.stringMatching(/随机信标/) });
  });
});
