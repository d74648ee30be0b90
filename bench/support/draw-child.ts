/**
 * Child-process entry of the draw benchmark: runs the one case given as JSON in argv[2] and
 * writes its result as `@@result <json>` lines on stdout, the last one the most complete
 * (progress goes to stderr).
 */
import { runCase, type CaseSpec } from './draw-case';

const RESULT_PREFIX = '@@result ';

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as CaseSpec;
  await runCase(spec, (result) => process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`));
}

if (process.argv[1] && /draw-child\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
