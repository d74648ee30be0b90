import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '../../src/app/ports/clock';
import { fixedRandom } from '../../src/app/ports/random';
import { createHttpBeacon } from '../../src/beacon';
import { loadConfig } from '../../src/config';
import { memoryBackend } from '../../src/db/memory';
import { buildNodeRuntime } from '../../src/deps';
import { RateLimiter } from '../../src/jobs/rate-limiter';
import { silentLogger } from '../../src/logger';
import { startFakeDrandBeacon } from '../fakes/drand-beacon';
import { TEST_DRAW_KEY } from '../support/draw-key';

/** quicknet's genesis and period: the fake relay's rounds then carry the numbers quicknet's would. */
const QUICKNET_GENESIS = 1692803367;
const QUICKNET_PERIOD = 3;

/**
 * The bot the manual's pictures are taken of: the whole app as `npm start` builds it, with the
 * fictional demo data, on the in-memory store, a fixed clock (Monday 2026-03-02 09:30 in
 * Shanghai) and fixed randomness, so the same screens come out every time; draws commit to a
 * drand round served by the fake relay, as they do in production with the real one. Usable
 * outside vitest (`npm run docs:screens` runs under tsx).
 */
export async function startManualBot(now = '2026-03-02T01:30:00Z') {
  const clock = fixedClock(now);
  const nowMs = () => clock.now().getTime();
  const drand = await startFakeDrandBeacon({ period: QUICKNET_PERIOD, genesisTime: QUICKNET_GENESIS, now: nowMs });
  const beacon = createHttpBeacon({ baseUrl: drand.url, chain: drand.chain, now: nowMs, giveUpAfterMs: 2000, backoffMs: { first: 50, max: 200 } });
  const config = loadConfig({ NODE_ENV: 'test', LOCAL_CHAT: '1', DEMO_DATA: '1' });
  const runtime = await buildNodeRuntime(config, silentLogger, {
    clock,
    random: fixedRandom(11),
    drawKey: TEST_DRAW_KEY,
    backend: memoryBackend(clock),
    limiter: new RateLimiter(1e9, 1e9),
    background: false,
    beacon,
  });
  const server = serve({ fetch: runtime.app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    clock,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await runtime.stop();
      await drand.close();
    },
  };
}

export type ManualBot = Awaited<ReturnType<typeof startManualBot>>;
