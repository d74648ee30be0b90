/**
 * Builds `content.generated.ts`: the manual's markdown (docs/manual/*.md) as strings and the size
 * of each picture (docs/manual/images/*.png), so that the `/manual` route needs no file system for
 * its pages and renders the same under tsx on Node and in a Worker bundle (esbuild bundles a
 * TypeScript module as it is; it has no loader for `.md` files without configuration). The
 * pictures themselves stay files: Node reads them from docs/manual/images, a Worker would serve
 * them as static assets. Node-only: used by `npm run docs:manual`, `npm run docs:screens` and the
 * test that fails when the module is stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANUAL_PAGES } from '../../app/manual-link';

/** Where the manual lives, from the project's root. */
export const MANUAL_DIR = join('docs', 'manual');
export const GENERATED_MODULE = join('src', 'web', 'manual', 'content.generated.ts');

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** A JavaScript string literal in single quotes. */
function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r?\n/g, '\\n')}'`;
}

/** The text of `content.generated.ts` for the manual under `root`. */
export function manualModuleSource(root: string): string {
  const dir = join(root, MANUAL_DIR);
  const pages = MANUAL_PAGES.map((page) => `  ${page}: ${literal(readFileSync(join(dir, `${page}.md`), 'utf8'))},`);
  const images = readdirSync(join(dir, 'images'))
    .filter((f) => f.endsWith('.png'))
    .sort()
    .map((f) => {
      const { width, height } = pngSize(readFileSync(join(dir, 'images', f)));
      return `  ${literal(f)}: { width: ${width}, height: ${height} },`;
    });
  return [
    '// Generated from docs/manual by `npm run docs:manual` (also run by `npm run docs:screens`). Do not edit:',
    '// edit the markdown and regenerate; test/web/manual.test.ts fails while this file is stale.',
    "import type { ManualPage } from '../../app/manual-link';",
    '',
    'export const MANUAL_MARKDOWN: Record<ManualPage, string> = {',
    ...pages,
    '};',
    '',
    'export const MANUAL_IMAGES: Record<string, { width: number; height: number }> = {',
    ...images,
    '};',
    '',
  ].join('\n');
}
