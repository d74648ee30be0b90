import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DRAIN_CRON, JOBS, jobsForCron, workerCrons } from '../../src/jobs/schedule';

const WRANGLER = readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8');

/** A table of wrangler.toml (`[name]` or `[[name]]`) up to the next one, without comments. */
function table(name: string): string {
  const lines = WRANGLER.split('\n').map((l) => l.replace(/\s+#.*$|^\s*#.*$/, ''));
  const start = lines.findIndex((l) => l.trim() === `[${name}]` || l.trim() === `[[${name}]]`);
  if (start < 0) throw new Error(`wrangler.toml has no [${name}]`);
  const end = lines.findIndex((l, i) => i > start && /^\s*\[/.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** A key of a table as written (a string or an array of strings, on one line or several). */
function value(tableText: string, key: string): string | string[] | undefined {
  const m = new RegExp(`^\\s*${key}\\s*=\\s*(\\[[^\\]]*\\]|"[^"]*"|'[^']*')`, 'm').exec(tableText);
  if (!m) return undefined;
  const raw = m[1]!;
  if (!raw.startsWith('[')) return raw.slice(1, -1);
  return [...raw.matchAll(/"([^"]*)"/g)].map((x) => x[1]!);
}

describe('wrangler.toml', () => {
  it('has the Cron Triggers of the job table, in UTC, and the every-minute drain', () => {
    const crons = value(table('triggers'), 'crons') as string[];
    expect([...crons].sort()).toEqual([...workerCrons()].sort());
    expect(new Set(crons).size).toBe(crons.length);
    // Each trigger does something: a job, or the outbox and inbox drain.
    for (const cron of crons) expect(jobsForCron(cron).length > 0 || cron === DRAIN_CRON).toBe(true);
    // 09:00 Asia/Shanghai (no DST) is 01:00 UTC.
    expect(JOBS.find((j) => j.name === 'daily-reminders')?.cronUtc).toBe('0 1 * * *');
    expect(crons).toContain('0 1 * * *');
  });

  it('runs src/main.worker.ts with nodejs_compat, the Hyperdrive binding and __dirname defined for the Feishu SDK', () => {
    const top = WRANGLER.slice(0, WRANGLER.search(/^\[/m));
    expect(value(top, 'main')).toBe('src/main.worker.ts');
    expect(value(top, 'compatibility_flags')).toContain('nodejs_compat');
    expect(value(table('hyperdrive'), 'binding')).toBe('HYPERDRIVE');
    expect(table('define')).toMatch(/^__dirname\s*=\s*'"\/"'/m);
    // Secrets are never in the file: only their names in comments.
    expect(table('vars')).not.toMatch(/SECRET|TOKEN|ENCRYPT_KEY/);
  });
});
