import { setFlagsFromString } from 'node:v8';

/**
 * Lets V8's heap grow only `percent` past what survived its last full collection before the next
 * one (V8's own factor is up to 4×). Under a minute of saturated webhooks the heap grew to 3–4
 * times what was live (221–494 MB for about 100 MB live) and took the process past 400 MB on
 * PostgreSQL; at 20 % it stayed at 104–114 MB with the same throughput (BENCHMARKS.md). A cap
 * (`--max-old-space-size`) would do it too, but would crash a large draw or export that needs more:
 * this only makes full collections come sooner. The flag is read at each collection, so setting
 * it at start works as the command-line flag does. Returns the line `npm start` logs about it (with
 * the young generation's size, a command-line flag of the start script: V8 reads it only at start).
 */
export function limitHeapGrowth(percent: number): string {
  setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
  const youngGeneration = process.execArgv.find((a) => a.startsWith('--max-semi-space-size='))?.split('=')[1];
  return `memory: the heap grows ${Math.round(percent)} % past what is live before a full collection; young generation ${youngGeneration ? `${youngGeneration} MB` : "V8's default"} per semi-space`;
}
