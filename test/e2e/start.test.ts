import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, serverNodeFlags } from '../../src/build-server';

/** `npm start` as a user runs it (its prestart's bundle, its node flags): a real process on a real port and a real data folder. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The server as `npm start` runs it once built (`node`), or `npm start` itself (`npm`: its prestart builds again). */
function start(env: Record<string, string>, via: 'node' | 'npm' = 'node'): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const [command, args] = via === 'npm' ? ['npm', ['start']] : [process.execPath, [...serverNodeFlags(), 'dist/main.node.js']];
  const child = spawn(command as string, args as string[], {
    env: { ...process.env, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitHealthy(port: number, proc: { output: () => string; child: ChildProcess }, timeoutMs = 180_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return (await res.json()) as Record<string, unknown>;
    } catch {
      /* not up yet */
    }
    if (proc.child.exitCode !== null || Date.now() > until) throw new Error(`no healthy /healthz on port ${port}; process output:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits up to 30 s for `done` (the output of a process that has just stopped may still be arriving). */
async function until(done: () => boolean, detail: () => string): Promise<void> {
  for (const end = Date.now() + 30_000; !done(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error(`not done in 30 s; output:\n${detail()}`);
  }
}

describe('npm start on the embedded database', () => {
  const home = mkdtempSync(join(tmpdir(), 'drbot-start-'));
  const dataDir = join(home, 'data');
  const drawKeyFile = join(home, 'secrets', 'draw.key');
  const running: ChildProcess[] = [];
  beforeAll(() => buildServer('src/main.node.ts', 'dist'), 60_000);
  afterAll(() => {
    for (const c of running) c.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  it('serves /healthz, refuses a second process on the same folder, and keeps the data across a restart', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port), DATA_DIR: dataDir, DRAW_KEY_FILE: drawKeyFile });
    running.push(first.child);
    const health = await waitHealthy(port, first);
    expect(health).toMatchObject({ status: 'ok', parts: { database: { driver: 'pglite', status: 'ok' }, outbox: { status: 'ok' } } });
    expect(first.output()).toContain('demo data loaded');
    expect(first.output()).toContain(`已生成抽取密钥 ${drawKeyFile}`);
    expect(first.output()).toContain('/local');
    // The start script's memory settings are in force (BENCHMARKS.md: under 400 MB through a minute of saturation).
    expect(first.output()).toContain('memory: the heap grows 20 % past what is live before a full collection; young generation 4 MB per semi-space');

    const second = start({ PORT: String(await freePort()), DATA_DIR: dataDir, DRAW_KEY_FILE: drawKeyFile });
    running.push(second.child);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`The data folder ${dataDir} is in use by another running process (pid ${first.child.pid}`);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped cleanly');

    // `npm start` itself, stopped as a process manager stops it: SIGTERM to npm reaches the server.
    const again = start({ PORT: String(port), DATA_DIR: dataDir, DRAW_KEY_FILE: drawKeyFile }, 'npm');
    running.push(again.child);
    await waitHealthy(port, again);
    expect(again.output()).toContain('demo data not loaded: the database already holds an agency');
    again.child.kill('SIGTERM');
    await again.exited;
    await until(
      () => again.output().includes('stopped cleanly'),
      () => again.output(),
    );

    // Nothing was left running on the folder.
    const last = start({ PORT: String(port), DATA_DIR: dataDir, DRAW_KEY_FILE: drawKeyFile });
    running.push(last.child);
    await waitHealthy(port, last);
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe(0);
  }, 420_000);
});
