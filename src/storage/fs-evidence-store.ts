import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceStore, StoredFile } from '../app/ports/evidence-store';
import { SHA256_HEX, sha256Hex } from './sha256';

/**
 * Files under `root` (default `DATA_DIR/evidence`), each at `ab/<sha256>` beside `ab/<sha256>.json`
 * (its content type and size). Written to a temporary name and renamed, so a crash never leaves a
 * half-written file under a real name; a file already there is not written again.
 */
export function fsEvidenceStore(root: string): EvidenceStore {
  const pathOf = (sha: string) => join(root, sha.slice(0, 2), sha);
  const exists = (p: string) =>
    stat(p).then(
      () => true,
      () => false,
    );
  const readMeta = async (sha: string) => JSON.parse(await readFile(`${pathOf(sha)}.json`, 'utf8').catch(() => '{}')) as { contentType?: string };
  async function writeOnce(path: string, data: Uint8Array | string): Promise<void> {
    if (await exists(path)) return;
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, path);
  }
  return {
    async put(bytes, contentType) {
      const sha256 = sha256Hex(bytes);
      // Stored before: the file keeps the type it was first stored with (as the other stores do).
      const known = (await exists(`${pathOf(sha256)}.json`)) ? await readMeta(sha256) : undefined;
      if (known?.contentType) return { sha256, contentType: known.contentType, size: bytes.length };
      const file: StoredFile = { sha256, contentType, size: bytes.length };
      await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
      await writeOnce(pathOf(sha256), bytes);
      await writeOnce(`${pathOf(sha256)}.json`, JSON.stringify({ contentType, size: bytes.length }));
      return file;
    },
    async get(sha256) {
      if (!SHA256_HEX.test(sha256) || !(await exists(pathOf(sha256)))) return undefined;
      const bytes = new Uint8Array(await readFile(pathOf(sha256)));
      const meta = await readMeta(sha256);
      return { sha256, contentType: meta.contentType ?? 'application/octet-stream', size: bytes.length, bytes };
    },
    has: async (sha256) => SHA256_HEX.test(sha256) && exists(pathOf(sha256)),
  };
}
