/**
 * `npm run docs:screens`: takes the manual's pictures again into docs/manual/images (or the
 * folder given as the first argument), by driving the real app in Chromium.
 */
import { join } from 'node:path';
import { statSync, writeFileSync } from 'node:fs';
import { GENERATED_MODULE, manualModuleSource } from '../../src/web/manual/module-source';
import { takeManualScreens } from './manual-screens';

const outDir = process.argv[2] ?? join(process.cwd(), 'docs', 'manual', 'images');
const files = await takeManualScreens({ outDir, log: (line) => console.log(line) });
const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
console.log(`${files.length} pictures, ${Math.round(bytes / 1024)} KB in ${outDir}`);
// The route reads the pictures' sizes from the generated module: keep it in step with them.
if (process.argv[2] === undefined) {
  writeFileSync(join(process.cwd(), GENERATED_MODULE), manualModuleSource(process.cwd()));
  console.log(`${GENERATED_MODULE} regenerated`);
}
