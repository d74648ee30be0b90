import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../../package-root';

/** docs/manual/images, found from the project's folder, whatever the working directory. */
export const MANUAL_IMAGE_DIR = `${join(packageRoot(import.meta.url), 'docs', 'manual', 'images')}/`;

/**
 * Reads a picture of the manual on Node. The route passes only names of the generated list
 * (`[a-z0-9-]+.png`), so the path cannot leave the folder.
 */
export async function readManualImage(name: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(`${MANUAL_IMAGE_DIR}${name}`));
  } catch {
    return undefined;
  }
}
