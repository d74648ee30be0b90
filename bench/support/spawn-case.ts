/**
 * Runs one benchmark case in a child process, stopping it when it takes longer than `timeoutMs`
 * or its resident memory exceeds `maxRssMb` (read from /proc on Linux); the peak is reported.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CaseResult, CaseSpec } from './draw-case';

const CHILD = fileURLToPath(new URL('./draw-child.ts', import.meta.url));
const RESULT_PREFIX = '@@result ';

/** `note` says why a case was stopped; a stopped case may still have its measured result. */
export type Outcome = { result?: CaseResult; note?: string; peakRssMb: number };

function rssMbOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export function runCaseInChild(spec: CaseSpec, limits: { timeoutMs: number; maxRssMb: number }): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...process.execArgv, '--max-old-space-size=8192', CHILD, JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    let peak = 0;
    let stopped: string | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    const stop = (why: string) => {
      if (stopped) return;
      stopped = why;
      child.kill('SIGKILL');
    };
    const watch = setInterval(() => {
      if (child.pid === undefined) return;
      peak = Math.max(peak, rssMbOf(child.pid));
      if (peak > limits.maxRssMb) stop(`skipped: memory above ${limits.maxRssMb} MB`);
    }, 200);
    const timer = setTimeout(() => stop(`skipped: longer than ${Math.round(limits.timeoutMs / 1000)} s`), limits.timeoutMs);
    child.on('close', (code) => {
      clearInterval(watch);
      clearTimeout(timer);
      const peakRssMb = Math.round(peak);
      const line = stdout
        .split('\n')
        .filter((l) => l.startsWith(RESULT_PREFIX))
        .pop();
      const result = line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as CaseResult) : undefined;
      const note = stopped ?? (code !== 0 ? `failed (exit code ${code}); see the output above` : undefined);
      resolve({ result, note, peakRssMb });
    });
  });
}
