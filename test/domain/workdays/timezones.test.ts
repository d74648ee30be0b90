/**
 * The same calendar results under TZ=UTC, Asia/Shanghai and America/Los_Angeles.
 * Each zone runs in its own `node --import tsx` child process (TZ set before start), and the
 * offset it reports proves the zone really was in effect. A second block switches
 * `process.env.TZ` inside this process as well.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPECTED_PROBE, computeProbe } from './tz-probe-cases';

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL('./tz-probe.ts', import.meta.url));
/** Repository root, so `--import tsx` resolves from this project's node_modules. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ZONES = [
  { tz: 'UTC', offsetMinutes: 0 },
  { tz: 'Asia/Shanghai', offsetMinutes: -480 },
  { tz: 'America/Los_Angeles', offsetMinutes: 480 },
] as const;

describe('calendar results do not depend on the process time zone', () => {
  it.each(ZONES)('child process with TZ=$tz', async ({ tz, offsetMinutes }) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', PROBE], {
      cwd: ROOT,
      env: { ...process.env, TZ: tz },
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as { tz: string; offsetMinutes: number; probe: unknown };
    expect(result.tz).toBe(tz);
    expect(result.offsetMinutes).toBe(offsetMinutes);
    expect(result.probe).toEqual(EXPECTED_PROBE);
  });

  describe('in-process, switching process.env.TZ', () => {
    const original = process.env['TZ'];
    afterAll(() => {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    });
    it.each(ZONES)('TZ=$tz', ({ tz, offsetMinutes }) => {
      process.env['TZ'] = tz;
      expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(offsetMinutes);
      expect(computeProbe()).toEqual(EXPECTED_PROBE);
    });
  });
});
