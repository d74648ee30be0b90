import { fsEvidenceStore } from '../../src/storage/fs-evidence-store';
import { serve } from '@hono/node-server';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/app/ports/clock';
import { fixedRandom } from '../../src/app/ports/random';
import { loadConfig } from '../../src/config';
import { openPglite } from '../../src/db/client';
import { buildNodeRuntime, type NodeRuntime } from '../../src/deps';
import { silentLogger } from '../../src/logger';
import { TEST_DRAW_KEY } from '../support/draw-key';

/**
 * The bot as `npm start` runs it, on a PGlite folder of its own, that can be stopped and started
 * again on the same folder and port, so an open page sees the server go away and come back.
 */
export async function restartableServer(now = '2026-03-02T01:30:00Z') {
  const dir = mkdtempSync(join(tmpdir(), 'drbot-browser-'));
  let port = 0;
  let runtime: NodeRuntime | undefined;
  let server: Server | undefined;

  async function start() {
    const config = loadConfig({ NODE_ENV: 'test', LOCAL_CHAT: '1', DEMO_DATA: '1' });
    runtime = await buildNodeRuntime(config, silentLogger, {
      clock: fixedClock(now),
      random: fixedRandom(11),
      drawKey: TEST_DRAW_KEY,
      database: await openPglite(join(dir, 'data')),
      background: false,
      evidence: fsEvidenceStore(join(dir, 'evidence')),
    });
    server = serve({ fetch: runtime.app.fetch, port, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    port = (server.address() as AddressInfo).port;
  }

  /** Stops listening (dropping the browser's open connections) and closes the database. */
  async function stop() {
    const s = server;
    server = undefined;
    if (s) {
      const closed = new Promise<void>((resolve) => s.close(() => resolve()));
      s.closeAllConnections();
      await closed;
    }
    await runtime?.stop();
    runtime = undefined;
  }

  await start();
  return {
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    get runtime() {
      return runtime!;
    },
    start,
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
