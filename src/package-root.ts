import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's folder (the one holding package.json), found upwards from the module at
 * `moduleUrl`. Files shipped beside the code (migrations, the manual's pictures) are found from
 * here rather than by a fixed `../..`, so they are found both from src/ under tsx and from the
 * bundle `npm start` runs (dist/, see build-server.ts).
 */
export function packageRoot(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
