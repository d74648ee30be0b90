/**
 * `npm run bench -- <name> [flags]`: runs one benchmark. Each benchmark is a module in this
 * folder loaded on demand, so that one benchmark's dependencies do not slow down the others.
 * A benchmark whose file is not there (yet) is listed as unavailable instead of breaking the rest.
 */
import { existsSync } from 'node:fs';

type Benchmark = { run(args: string[]): Promise<void> };

/** Loads `./<name>.ts` when it exists (a string specifier, so a missing file is no type error). */
function optional(name: string): (() => Promise<Benchmark>) | undefined {
  if (!existsSync(new URL(`./${name}.ts`, import.meta.url))) return undefined;
  const specifier = `./${name}`;
  return () => import(specifier) as Promise<Benchmark>;
}

const BENCHMARKS: Record<string, (() => Promise<Benchmark>) | undefined> = {
  reminders: () => import('./reminders'),
  draw: optional('draw'),
  'outbox-claim': () => import('./outbox-claim'),
  webhook: () => import('./webhook'),
  public: () => import('./public'),
  import: () => import('./import'),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : BENCHMARKS[name];
  if (!load) {
    const names = Object.entries(BENCHMARKS).map(([n, l]) => (l ? n : `${n} (not available)`));
    console.error(`usage: npm run bench -- <${names.join('|')}> [flags]`);
    process.exitCode = 2;
    return;
  }
  await (await load()).run(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
