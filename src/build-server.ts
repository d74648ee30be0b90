import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { packageRoot } from './package-root';

/**
 * `npm run build` (and `npm start`'s prestart): the Node server as plain JavaScript in dist/,
 * so `npm start` runs `node dist/main.node.js` without a TypeScript loader. Under tsx a loader
 * thread transpiles every module at start and stays for the life of the process (36 MB of
 * memory measured on Node 20), and the tsx command adds two processes of its own (its launcher
 * and esbuild's service). Packages stay external (node_modules is read at run time, and the
 * platform SDKs, exceljs and docx are still loaded only when used: dynamic imports become chunks).
 * The folder is not emptied first: a server already running from it loads its chunks later, and a
 * chunk's name is the hash of its content, so a rebuild adds files and never changes one in use.
 */
export async function buildServer(entry: string, outdir: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

/**
 * The flags `npm start` gives node (package.json's start script, `exec node <flags> dist/main.node.js`),
 * for what runs the server as `npm start` does: the start test and the webhook benchmark. The
 * `exec` makes node the process npm signals: without it, npm's SIGTERM (a process manager's stop)
 * ended only the shell between them, and the server ran on, orphaned, holding the data folder.
 */
export function serverNodeFlags(): string[] {
  const file = join(packageRoot(import.meta.url), 'package.json');
  const script = (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts?.start ?? '';
  const [exec, command, ...rest] = script.split(' ');
  if (exec !== 'exec' || command !== 'node' || rest.at(-1) !== 'dist/main.node.js') throw new Error(`unexpected start script: ${script}`);
  return rest.slice(0, -1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = packageRoot(import.meta.url);
  await buildServer(join(root, 'src', 'main.node.ts'), join(root, 'dist'));
}
