/**
 * The Worker in workerd, as `wrangler dev --local` runs it (offline: it only warns that it
 * cannot reach Cloudflare), as a child process on a free port, and `wrangler deploy --dry-run`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = new URL('../..', import.meta.url).pathname;
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The environment of a wrangler child: no telemetry, no colour, its logs in `dir`. */
function wranglerEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: 'false', WRANGLER_LOG_PATH: join(dir, 'logs'), NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

export interface WranglerDev {
  url: string;
  /** Everything wrangler and the Worker printed so far (the Worker's log lines included). */
  output(): string;
  /** Runs a Cron Trigger the way Cloudflare would at `time` (`/cdn-cgi/handler/scheduled`). */
  scheduled(cron: string, time?: Date): Promise<Response>;
  stop(): Promise<void>;
}

/**
 * Starts `wrangler dev --local --test-scheduled` on wrangler.toml with `vars` (variables and
 * secrets alike), the Hyperdrive binding on `databaseUrl`, and local state in a temporary
 * folder; resolves once the Worker answers.
 */
export async function startWranglerDev(o: { databaseUrl: string; vars: Record<string, string>; readyTimeoutMs?: number }): Promise<WranglerDev> {
  const dir = mkdtempSync(join(tmpdir(), 'drbot-wrangler-'));
  const [port, inspectorPort] = [await freePort(), await freePort()];
  // Miniflare refuses a Hyperdrive URL without a password; a server that trusts local connections ignores it.
  const hyperdrive = new URL(o.databaseUrl);
  if (!hyperdrive.password) hyperdrive.password = 'unused';
  const args = ['dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort)];
  args.push('--test-scheduled', '--persist-to', join(dir, 'state'), '--log-level', 'log', '--show-interactive-dev-session=false');
  for (const [k, v] of Object.entries(o.vars)) args.push('--var', `${k}:${v}`);
  const child: ChildProcess = spawn(WRANGLER, args, {
    cwd: ROOT,
    env: wranglerEnv(dir, { CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: hyperdrive.toString() }),
    // Its own process group: workerd and esbuild are stopped with it.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const collect = (d: Buffer) => {
    log += d.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (o.readyTimeoutMs ?? 90_000);
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`wrangler dev exited before it was ready:\n${log.slice(-4000)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev was not ready in time:\n${log.slice(-4000)}`);
    }
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    if (res) {
      await res.body?.cancel();
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => log,
    scheduled: (cron, time) => fetch(`${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(cron)}${time ? `&time=${time.getTime()}` : ''}`),
    stop,
  };
}

export interface DryRunBundle {
  bytes: number;
  gzipBytes: number;
  /** The source files in the bundle (from its source map), relative paths as esbuild wrote them. */
  sources: string[];
  /** The modules the bundle imports from the runtime (`node:crypto`, `cloudflare:sockets`, …). */
  imports: string[];
  /** What wrangler printed. */
  output: string;
}

/** `wrangler deploy --dry-run --outdir <tmp>`: builds the Worker as it would be uploaded, without uploading. */
export async function dryRunBundle(): Promise<DryRunBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'drbot-bundle-'));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        WRANGLER,
        ['deploy', '--dry-run', '--outdir', join(dir, 'out')],
        { cwd: ROOT, env: wranglerEnv(dir), timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`wrangler deploy --dry-run failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(stdout + stderr),
      );
    });
    const code = readFileSync(join(dir, 'out', 'main.worker.js'));
    const map = JSON.parse(readFileSync(join(dir, 'out', 'main.worker.js.map'), 'utf8')) as { sources: string[] };
    const text = code.toString('utf8');
    const imports = new Set<string>();
    for (const m of text.matchAll(/^import\s[^;]*?from\s*"([^"]+)";/gm)) imports.add(m[1]!);
    for (const m of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) imports.add(m[1]!);
    for (const m of text.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)) imports.add(m[1]!);
    return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, sources: map.sources, imports: [...imports].sort(), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
