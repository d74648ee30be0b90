/**
 * `npm run bench -- webhook`: signed, encrypted Feishu message deliveries with distinct ids (from
 * unlinked senders in direct chats, each answered with a refusal queued in the outbox) against
 * the whole bot, and against a bare Hono handler doing one INSERT into the same database, at
 * saturation and at a fixed rate, on PostgreSQL and PGlite. Each run has a fresh server process
 * and database (PGlite in a folder created beforehand, as `npm start` finds it after its first
 * start); the fake Feishu Open API the replies go to runs in a process of its own. Counts what
 * was **processed** (recorded with its reply queued: `inbound_events`), not only what was
 * acknowledged, how long after the load stopped the last one was, the server's peak memory
 * during the load and its CPU time per processed delivery. With --runs above 1: medians, ranges,
 * and the bot's throughput as a share of the baseline's measured in the same run.
 *
 * Flags: --seconds 10  --rate 200  --connections 32  --db pglite,postgres  --runs 1  --warmup 2
 *        --mode baseline,bot  --load saturation,rate
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { Agent, request } from 'node:http';
import { buildMessageDelivery } from '../test/fakes/feishu-deliveries';
import { BENCH_ENCRYPT_KEY, BENCH_TOKEN } from './support/webhook-shared';
import { buildServer, serverNodeFlags } from '../src/build-server';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
type Kind = 'pglite' | 'postgres';
type Mode = 'baseline' | 'bot';
/** Deliveries a second before the measured load (--warmup seconds of them; 0 measures a cold process). */
const WARMUP_RATE = 100;

function flag(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? String(args[i + 1]) : fallback;
}

let seq = 0;
const runId = randomBytes(3).toString('hex');
function nextDelivery() {
  const n = ++seq;
  return buildMessageDelivery({
    token: BENCH_TOKEN,
    encryptKey: BENCH_ENCRYPT_KEY,
    text: '/status',
    chatType: 'p2p',
    chatId: `oc_bench_${runId}_${n}`,
    senderOpenId: `ou_bench_${runId}_${n}`,
    messageId: `om_bench_${runId}_${n}`,
  });
}

/** What the server process reports at `GET /bench/stats` (see support/webhook-child.ts). */
interface ServerStats {
  processed: number;
  rss: number;
  maxRss: number;
  peakHeap: number;
  peakExternal: number;
  cpuMs: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  handlingP99Ms: number;
}

interface Server {
  child: ChildProcess;
  base: string;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

/**
 * The server process runs as `npm start` runs the bot: bundled to JavaScript (no TypeScript loader
 * in the process, whose thread would count in its memory) and with the start script's node flags.
 */
let serverBundle: Promise<string> | undefined;
function bundledServer(): Promise<string> {
  const outdir = fileURLToPath(new URL('../.tmp/bench-server/', import.meta.url));
  serverBundle ??= buildServer(fileURLToPath(new URL('./support/webhook-child.ts', import.meta.url)), outdir).then(() => join(outdir, 'webhook-child.js'));
  return serverBundle;
}

/** Spawns `script` (the server bundled, the helpers under tsx) and resolves with the first stdout line matching `pattern`. */
async function spawnChild(script: string, args: string[], pattern: RegExp, env: NodeJS.ProcessEnv = process.env) {
  const server = script === 'webhook-child.ts';
  // BENCH_NODE_OPTIONS: extra flags for the server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const extra = server ? [...serverNodeFlags(), ...(process.env.BENCH_NODE_OPTIONS ?? '').split(' ').filter(Boolean)] : [];
  const file = server ? await bundledServer() : fileURLToPath(new URL(`./support/${script}`, import.meta.url));
  const child = spawn(process.execPath, [...extra, ...(server ? [] : ['--import', 'tsx']), file, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const match = new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  return { child, match };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  // SIGTERM first, so that a profile asked for in BENCH_NODE_OPTIONS is written.
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function startServer(mode: Mode, kind: Kind, adminUrl: string): Promise<Server> {
  let dbName: string | undefined;
  let url = '';
  let dataDir: string | undefined;
  if (kind === 'postgres') {
    dbName = `bench_webhook_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'bench-webhook-'));
    url = join(dataDir, 'data');
    const init = await spawnChild('pglite-init-child.ts', [url], /ready/);
    await init.match;
    await stopChild(init.child);
  }
  const fake = mode === 'bot' ? await spawnChild('feishu-fake-child.ts', [], /fake (\S+) (\S+) (\S+)\n/) : undefined;
  const feishu = fake ? (await fake.match).slice(1).join(' ') : '';
  const server = await spawnChild('webhook-child.ts', [mode, kind, url], /port (\d+)/, { ...process.env, BENCH_FEISHU: feishu });
  const { child } = server;
  const port = Number((await server.match)[1]);
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    base,
    stats: async () => (await (await fetch(`${base}/bench/stats`)).json()) as ServerStats,
    stop: async () => {
      await stopChild(child);
      if (fake) await stopChild(fake.child);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      if (dbName) {
        const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      }
    },
  };
}

const percentile = (xs: number[], p: number) => {
  if (!xs.length) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

interface RunResult {
  acked: number;
  refused: number;
  ackPerSecond: number;
  processedDuringLoad: number;
  processedPerSecond: number;
  p50: number;
  p99: number;
  drainSeconds: number;
  maxRssMb: number;
  /** At the peak: V8's heap, and memory outside it (PGlite's WebAssembly memory, buffers). */
  peakHeapMb: number;
  peakExternalMb: number;
  /** CPU time of the server process per processed delivery (the machine is shared: this moves less than throughput). */
  cpuMsPerEvent: number;
  /** The server's event-loop delay, 99th percentile, during the load and the drain. */
  loopDelayP99Ms: number;
  /** The longest the server's event loop was held at once (a stall delays every delivery arriving meanwhile). */
  loopDelayMaxMs: number;
  /** The server's own time to answer a delivery, 99th percentile (the rest of the ack's is queueing and the network). */
  handlingP99Ms: number;
}

async function run(server: Server, loadSeconds: number, shape: { connections: number } | { rate: number }, warmupSeconds: number): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 'connections' in shape ? shape.connections : 256 });
  const post = (headers: Record<string, string>, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.base}/feishu/events`,
        { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent },
        (res) => {
          res.resume();
          res.once('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.once('error', reject);
      req.end(body);
    });
  const latencies: number[] = [];
  let acked = 0;
  let refused = 0;
  let warmedUp = 0;
  const send = async (record = true) => {
    const d = nextDelivery();
    const t0 = performance.now();
    const status = await post(d.headers, d.body);
    if (!record) {
      if (status === 200) warmedUp++;
      return;
    }
    latencies.push(performance.now() - t0);
    if (status === 200) acked++;
    else refused++;
  };
  const atRate = async (rate: number, until: number, deliver: () => Promise<void>) => {
    const inflight = new Set<Promise<void>>();
    const from = performance.now();
    const gap = 1000 / rate;
    for (let i = 0; ; i++) {
      const at = from + i * gap;
      if (at >= until) break;
      const wait = at - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const p = deliver().finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
  };
  // A fresh process's first half second is slow (code not yet compiled, PGlite's catalogs not yet
  // read: acks of up to 400 ms at 200/s); the warm-up keeps that out of the steady state measured.
  if (warmupSeconds > 0) {
    await atRate(WARMUP_RATE, performance.now() + warmupSeconds * 1000, () => send(false).catch(() => {}));
    // Every warm-up delivery processed before the mark, so none counts in the measured load.
    for (const until = performance.now() + 30_000; (await server.stats()).processed < warmedUp && performance.now() < until; ) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await fetch(`${server.base}/bench/mark`, { method: 'POST' });
  const start = performance.now();
  const end = start + loadSeconds * 1000;
  if ('connections' in shape) {
    await Promise.all(
      Array.from({ length: shape.connections }, async () => {
        while (performance.now() < end) await send().catch(() => void refused++);
      }),
    );
  } else {
    await atRate(shape.rate, end, () => send().catch(() => void refused++));
  }
  const loadEnd = performance.now();
  const atEnd = await server.stats();
  let stats = atEnd;
  while (stats.processed < acked && performance.now() - loadEnd < 120_000) {
    await new Promise((r) => setTimeout(r, 100));
    stats = await server.stats();
  }
  const drainSeconds = (performance.now() - loadEnd) / 1000;
  agent.destroy();
  const seconds = (loadEnd - start) / 1000;
  return {
    acked,
    refused,
    ackPerSecond: acked / seconds,
    processedDuringLoad: atEnd.processed,
    processedPerSecond: stats.processed / ((performance.now() - start) / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    drainSeconds,
    maxRssMb: stats.maxRss / 1024 / 1024,
    peakHeapMb: stats.peakHeap / 1024 / 1024,
    peakExternalMb: stats.peakExternal / 1024 / 1024,
    cpuMsPerEvent: stats.cpuMs / Math.max(1, stats.processed),
    loopDelayP99Ms: stats.loopDelayP99Ms,
    loopDelayMaxMs: stats.loopDelayMaxMs,
    handlingP99Ms: atEnd.handlingP99Ms,
  };
}

function line(label: string, r: RunResult): string {
  return `${label.padEnd(34)} acked ${String(r.acked).padStart(6)} (${r.ackPerSecond.toFixed(0).padStart(5)}/s, 503: ${r.refused})  processed ${r.processedPerSecond.toFixed(0).padStart(5)}/s  ack p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms  last processed ${r.drainSeconds.toFixed(1)} s after the load  max RSS ${r.maxRssMb.toFixed(0)} MB (heap ${r.peakHeapMb.toFixed(0)}, external ${r.peakExternalMb.toFixed(0)})  CPU ${r.cpuMsPerEvent.toFixed(2)} ms/event  loop delay p99 ${r.loopDelayP99Ms.toFixed(0)} ms max ${r.loopDelayMaxMs.toFixed(0)} ms  server p99 ${r.handlingP99Ms.toFixed(0)} ms`;
}

export async function run_(args: string[]): Promise<void> {
  const seconds = Number(flag(args, 'seconds', '10'));
  const rate = Number(flag(args, 'rate', '200'));
  const connections = Number(flag(args, 'connections', '32'));
  const runs = Number(flag(args, 'runs', '1'));
  const warmup = Number(flag(args, 'warmup', '2'));
  const kinds = flag(args, 'db', 'pglite,postgres').split(',') as Kind[];
  const modes = flag(args, 'mode', 'baseline,bot').split(',') as Mode[];
  const loads = flag(args, 'load', 'saturation,rate').split(',');
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  console.log(
    `webhook benchmark: ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`${seconds} s per run after ${warmup} s of warm-up at ${WARMUP_RATE}/s; saturation with ${connections} connections; fixed ${rate}/s\n`);
  const shapes = [...(loads.includes('saturation') ? [{ connections }] : []), ...(loads.includes('rate') ? [{ rate }] : [])];
  const results = new Map<string, RunResult[]>();
  for (const kind of kinds) {
    // Each run measures the baseline and the bot back to back, so that their ratio is taken under
    // the same load of the machine.
    for (let i = 0; i < runs; i++) {
      for (const mode of modes) {
        for (const shape of shapes) {
          const server = await startServer(mode, kind, adminUrl);
          try {
            const label = `${kind} ${mode} ${'connections' in shape ? 'saturation' : `${rate}/s`}`;
            const result = await run(server, seconds, shape, warmup);
            console.log(line(label, result));
            results.set(label, [...(results.get(label) ?? []), result]);
          } finally {
            await server.stop();
          }
        }
      }
    }
  }
  if (runs > 1) summarize(results);
}

const median = (xs: number[]) => percentile(xs, 50);
const spread = (xs: number[], digits = 0) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

/** Medians and ranges over the runs, and the bot's processed throughput as a share of the baseline's in the same run. */
function summarize(results: Map<string, RunResult[]>): void {
  console.log('\nmedian (min–max) over the runs:');
  for (const [label, rs] of results) {
    console.log(
      `${label.padEnd(34)} processed ${spread(rs.map((r) => r.processedPerSecond))}/s  ack p99 ${spread(rs.map((r) => r.p99))} ms  last processed ${spread(
        rs.map((r) => r.drainSeconds),
        1,
      )} s after  max RSS ${spread(rs.map((r) => r.maxRssMb))} MB  CPU ${spread(
        rs.map((r) => r.cpuMsPerEvent),
        2,
      )} ms/event`,
    );
  }
  for (const [label, bot] of results) {
    if (!label.includes(' bot ')) continue;
    const baseline = results.get(label.replace(' bot ', ' baseline '));
    if (!baseline) continue;
    const ratios = bot.map((r, i) => (100 * r.processedPerSecond) / (baseline[i]?.processedPerSecond ?? Number.NaN));
    const cpu = bot.map((r, i) => (100 * (baseline[i]?.cpuMsPerEvent ?? Number.NaN)) / r.cpuMsPerEvent);
    console.log(`${label.padEnd(34)} processed / baseline ${spread(ratios, 1)} %  (baseline CPU per event / bot's: ${spread(cpu, 1)} %)`);
  }
}

export { run_ as run };
