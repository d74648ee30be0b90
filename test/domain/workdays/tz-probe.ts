/** Child-process entry for timezones.test.ts: prints the probe results and the process TZ offset. */
import { computeProbe } from './tz-probe-cases';

const probe = computeProbe();
const offsetMinutes = new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset();
process.stdout.write(JSON.stringify({ tz: process.env['TZ'], offsetMinutes, probe }));
