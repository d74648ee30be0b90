/**
 * `npm run bench -- <name> [flags]`: runs one benchmark. Each benchmark is a module in this
 * folder loaded on demand, so that one benchmark's dependencies do not slow down the others.
 */
const BENCHMARKS: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  reminders: () => import('./reminders' as string) as Promise<{ run(args: string[]): Promise<void> }>,
  draw: () => import('./draw'),
};

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const load = name === undefined ? undefined : BENCHMARKS[name];
  if (!load) {
    console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [flags]`);
    process.exitCode = 2;
    return;
  }
  await (await load()).run(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
