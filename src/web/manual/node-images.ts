import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** docs/manual/images, found from this file (src/web/manual), whatever the working directory. */
export const MANUAL_IMAGE_DIR = fileURLToPath(new URL('../../../docs/manual/images/', import.meta.url));

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
