/**
 * The server side of `npm run bench -- webhook`, in a process of its own so the load generator
 * does not share its event loop: `tsx webhook-child.ts <bot|baseline> <pglite|postgres> [url]`.
 * Prints `port <n>` when listening. `bot`: the whole bot as `npm start` builds it with Feishu
 * configured (the fake Feishu Open API of feishu-fake-child.ts, in BENCH_FEISHU). The database:
 * PostgreSQL at `url`, or PGlite in the folder `url`. `baseline`: a bare Hono handler that reads
 * the raw body and does one INSERT into the same kind of database. `GET /bench/stats` answers
 * how many deliveries were processed and the process's memory.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config';
import { openPglite, openPostgres, rowsOf, type Database } from '../../src/db/client';
import { buildNodeRuntime } from '../../src/deps';
import { limitHeapGrowth } from '../../src/heap-growth';
import { createLogger } from '../../src/logger';
import { BENCH_ENCRYPT_KEY, BENCH_TOKEN } from './webhook-shared';

async function main(): Promise<void> {
  const [mode, kind, url] = process.argv.slice(2);
  // As `npm start` does (both servers: the baseline gets the same heap policy).
  limitHeapGrowth(loadConfig({ HEAP_GROWING_PERCENT: process.env.HEAP_GROWING_PERCENT }).heapGrowingPercent);
  // PGlite in a folder, as `npm start` runs it (in memory, its files and WAL would be the process's memory).
  const database: Database = kind === 'postgres' ? await openPostgres(url!, { max: Number(process.env.BENCH_POOL ?? 10) }) : await openPglite(url!);
  // The peak's make-up: V8's heap (JavaScript objects) and memory outside it (PGlite's WebAssembly memory, buffers).
  let peak = process.memoryUsage();
  setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss > peak.rss) peak = now;
  }, 100).unref();
  let app: Hono;
  let processed: () => Promise<number>;
  if (mode === 'baseline') {
    await database.db.execute(sql`create table if not exists bench_events (id bigserial primary key, body text not null)`);
    app = new Hono();
    app.post('/feishu/events', async (c) => {
      const body = await c.req.text();
      await database.db.execute(sql`insert into bench_events (body) values (${body})`);
      return c.json({});
    });
    processed = async () => rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from bench_events`))[0]!.n;
  } else {
    const [fakeUrl, appId, appSecret] = (process.env.BENCH_FEISHU ?? '').split(' ');
    const fake = { url: fakeUrl!, appId: appId!, appSecret: appSecret! };
    const config = loadConfig({
      NODE_ENV: 'production',
      LOCAL_CHAT: '0',
      DEMO_DATA: '0',
      SCHEDULER: '0',
      FEISHU_APP_ID: fake.appId,
      FEISHU_APP_SECRET: fake.appSecret,
      FEISHU_VERIFICATION_TOKEN: BENCH_TOKEN,
      FEISHU_ENCRYPT_KEY: BENCH_ENCRYPT_KEY,
      FEISHU_BASE_URL: fake.url,
      ...(process.env.INBOX_CONCURRENCY ? { INBOX_CONCURRENCY: process.env.INBOX_CONCURRENCY } : {}),
    });
    const runtime = await buildNodeRuntime(config, createLogger('error'), { database });
    app = runtime.app;
    processed = async () => rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from inbound_events`))[0]!.n;
  }
  const outer = new Hono();
  // How long the server itself took to answer each delivery (from the request's arrival at the app).
  let handling: number[] = [];
  outer.use('/feishu/*', async (_c, next) => {
    const t0 = performance.now();
    await next();
    handling.push(performance.now() - t0);
  });
  let cpuAtMark = process.cpuUsage();
  let processedAtMark = 0;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  outer.get('/bench/stats', async (c) => {
    const cpu = process.cpuUsage(cpuAtMark);
    return c.json({
      processed: (await processed()) - processedAtMark,
      rss: process.memoryUsage().rss,
      maxRss: peak.rss,
      peakHeap: peak.heapTotal,
      peakExternal: peak.external,
      cpuMs: (cpu.user + cpu.system) / 1000,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      loopDelayMaxMs: loopDelay.max / 1e6,
      handlingP99Ms: [...handling].sort((a, b) => a - b)[Math.floor(handling.length * 0.99)] ?? 0,
    });
  });
  // The load starts (after the warm-up): what was processed, the peak memory and the CPU time are counted from here.
  outer.post('/bench/mark', async (c) => {
    processedAtMark = await processed();
    peak = process.memoryUsage();
    cpuAtMark = process.cpuUsage();
    loopDelay.reset();
    handling = [];
    return c.json({});
  });
  outer.route('/', app);
  const server = serve({ fetch: outer.fetch, port: 0, hostname: '127.0.0.1' });
  server.once('listening', () => process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`));
}

process.once('SIGTERM', () => process.exit(0));

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
