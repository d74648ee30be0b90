/** `npm run docs:manual`: regenerates src/web/manual/content.generated.ts from docs/manual. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATED_MODULE, manualModuleSource } from './module-source';

const root = process.cwd();
writeFileSync(join(root, GENERATED_MODULE), manualModuleSource(root));
console.log(`${GENERATED_MODULE} written from docs/manual`);
