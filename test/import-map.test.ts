/**
 * The import map of the README's "Where does new code go", checked over every file of `src`:
 * the domain imports nothing of ours, the application only the domain (and its own ports), and
 * only `src/db` and the wiring reach drizzle or a database driver; the jobs, the messenger
 * adapters, the web pages and the other adapters reach the data through the ports. Imports are
 * read with TypeScript's own scanner (static, type-only, `export … from` and dynamic `import()`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface Edge {
  /** The importing file, relative to the repository (`src/app/…`). */
  from: string;
  /** Another file of ours, relative to the repository (without its ending), or a package name. */
  to: string;
  ours: boolean;
}

const EDGES: Edge[] = sourceFiles(SRC).flatMap((file) => {
  const from = relative(ROOT, file);
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map(({ fileName }) =>
      fileName.startsWith('.')
        ? { from, to: relative(ROOT, resolve(dirname(file), fileName)).replace(/\.(ts|js)$/, ''), ours: true }
        : { from, to: fileName, ours: false },
    );
});

const under = (path: string, ...folders: string[]) => folders.some((f) => path === f || path.startsWith(`${f}/`));
const show = (edges: Edge[]) => edges.map((e) => `${e.from} → ${e.to}`);

/** Where drizzle and the database drivers may be imported: the database layer and the wiring. */
const DATABASE_PACKAGES = /^(drizzle-orm|drizzle-kit|postgres|@electric-sql\/pglite)(\/|$)/;
const WIRING = ['src/runtime.ts', 'src/deps.ts', 'src/worker', 'src/main.node.ts', 'src/main.worker.ts'];

describe('the import map', () => {
  it('reads the imports of every file (the scan itself works)', () => {
    expect(EDGES.length).toBeGreaterThan(1000);
    expect(EDGES).toContainEqual({ from: 'src/app/dispatch.ts', to: 'src/app/commands/table', ours: true });
    expect(EDGES).toContainEqual({ from: 'src/db/database.ts', to: 'drizzle-orm', ours: false });
  });

  it('the domain imports nothing of ours outside the domain', () => {
    expect(show(EDGES.filter((e) => under(e.from, 'src/domain') && e.ours && !under(e.to, 'src/domain')))).toEqual([]);
  });

  it('the application imports only the domain and itself (its ports, views and commands)', () => {
    expect(show(EDGES.filter((e) => under(e.from, 'src/app') && e.ours && !under(e.to, 'src/app', 'src/domain')))).toEqual([]);
  });

  it('the domain and the application import no I/O: no database, platform SDK, Node module or spreadsheet library', () => {
    const allowed = /^(zod|@noble\/(hashes|curves)\/.+)$/;
    expect(show(EDGES.filter((e) => under(e.from, 'src/domain', 'src/app') && !e.ours && !allowed.test(e.to)))).toEqual([]);
  });

  it('only src/db and the wiring import drizzle or a database driver', () => {
    expect(show(EDGES.filter((e) => !e.ours && DATABASE_PACKAGES.test(e.to) && !under(e.from, 'src/db', ...WIRING)))).toEqual([]);
  });

  it('jobs, messenger adapters, web pages, the beacon, import and export reach the data through the ports, not src/db', () => {
    const adapters = ['src/jobs', 'src/bot', 'src/web', 'src/beacon', 'src/import', 'src/export'];
    expect(show(EDGES.filter((e) => under(e.from, ...adapters) && e.ours && under(e.to, 'src/db')))).toEqual([]);
  });

  it('src/db depends on the ports and the domain, never on an adapter above it', () => {
    const above = ['src/bot', 'src/web', 'src/jobs', 'src/cli', 'src/cli.ts'];
    expect(show(EDGES.filter((e) => under(e.from, 'src/db') && e.ours && under(e.to, ...above)))).toEqual([]);
  });
});
