import type { EvidenceStore, StoredFile } from '../app/ports/evidence-store';
import { sha256Hex } from './sha256';

/** The evidence store in memory (tests, and the in-memory backend, which keeps no data either). */
export function memoryEvidenceStore(): EvidenceStore {
  const files = new Map<string, StoredFile & { bytes: Uint8Array }>();
  return {
    async put(bytes, contentType) {
      const sha256 = sha256Hex(bytes);
      if (!files.has(sha256)) files.set(sha256, { sha256, contentType, size: bytes.length, bytes: new Uint8Array(bytes) });
      return { sha256, contentType: files.get(sha256)!.contentType, size: bytes.length };
    },
    async get(sha256) {
      const f = files.get(sha256);
      return f ? { ...f, bytes: new Uint8Array(f.bytes) } : undefined;
    },
    has: async (sha256) => files.has(sha256),
  };
}
