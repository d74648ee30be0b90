/**
 * `npm run bench -- webhook`: signed, encrypted Feishu message deliveries with distinct ids (from
 * unlinked senders in direct chats, each answered with a refusal queued in the outbox) against
 * the whole bot, and against a bare Hono handler doing one INSERT into the same database, at
 * saturation and at a fixed rate, on PostgreSQL and PGlite. Each run has a fresh server process
 * and database. Counts what was **processed** (recorded with its reply queued: `inbound_events`),
 * not only what was acknowledged, and how long after the load stopped the last one was.
 *
 * Flags: --seconds 10  --rate 200  --connections 32  --db pglite,postgres  --runs 1
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { Agent, request } from 'node:http';
import { buildMessageDelivery } from '../test/fakes/feishu-deliveries';
import { BENCH_ENCRYPT_KEY, BENCH_TOKEN } from './support/webhook-shared';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
type Kind = 'pglite' | 'postgres';
type Mode = 'baseline' | 'bot';

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

interface Server {
  child: ChildProcess;
  base: string;
  stats(): Promise<{ processed: number; rss: number; maxRss: number }>;
  stop(): Promise<void>;
}

async function startServer(mode: Mode, kind: Kind, adminUrl: string): Promise<Server> {
  let dbName: string | undefined;
  let url = '';
  if (kind === 'postgres') {
    dbName = `bench_webhook_${randomBytes(4).toString('hex')}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const script = fileURLToPath(new URL('./support/webhook-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, mode, kind, url], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    base,
    stats: async () => (await (await fetch(`${base}/bench/stats`)).json()) as { processed: number; rss: number; maxRss: number },
    stop: async () => {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
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
}

async function run(server: Server, loadSeconds: number, shape: { connections: number } | { rate: number }): Promise<RunResult> {
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
  const send = async () => {
    const d = nextDelivery();
    const t0 = performance.now();
    const status = await post(d.headers, d.body);
    latencies.push(performance.now() - t0);
    if (status === 200) acked++;
    else refused++;
  };
  const start = performance.now();
  const end = start + loadSeconds * 1000;
  if ('connections' in shape) {
    await Promise.all(
      Array.from({ length: shape.connections }, async () => {
        while (performance.now() < end) await send().catch(() => void refused++);
      }),
    );
  } else {
    const inflight = new Set<Promise<void>>();
    const gap = 1000 / shape.rate;
    for (let i = 0; ; i++) {
      const at = start + i * gap;
      if (at >= end) break;
      const wait = at - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const p = send()
        .catch(() => void refused++)
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    await Promise.all(inflight);
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
  };
}

function line(label: string, r: RunResult): string {
  return `${label.padEnd(34)} acked ${String(r.acked).padStart(6)} (${r.ackPerSecond.toFixed(0).padStart(5)}/s, 503: ${r.refused})  processed ${r.processedPerSecond.toFixed(0).padStart(5)}/s  ack p50 ${r.p50.toFixed(1)} ms p99 ${r.p99.toFixed(1)} ms  last processed ${r.drainSeconds.toFixed(1)} s after the load  max RSS ${r.maxRssMb.toFixed(0)} MB`;
}

export async function run_(args: string[]): Promise<void> {
  const seconds = Number(flag(args, 'seconds', '10'));
  const rate = Number(flag(args, 'rate', '200'));
  const connections = Number(flag(args, 'connections', '32'));
  const runs = Number(flag(args, 'runs', '1'));
  const kinds = flag(args, 'db', 'pglite,postgres').split(',') as Kind[];
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_URL;
  console.log(
    `webhook benchmark: ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`${seconds} s per run; saturation with ${connections} connections; fixed ${rate}/s\n`);
  for (const kind of kinds) {
    for (let i = 0; i < runs; i++) {
      for (const mode of ['baseline', 'bot'] as const) {
        for (const shape of [{ connections }, { rate }]) {
          const server = await startServer(mode, kind, adminUrl);
          try {
            const label = `${kind} ${mode} ${'connections' in shape ? 'saturation' : `${rate}/s`}`;
            console.log(line(label, await run(server, seconds, shape)));
          } finally {
            await server.stop();
          }
        }
      }
    }
  }
}

export { run_ as run };
