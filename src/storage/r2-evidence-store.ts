/**
 * The evidence store on Cloudflare Workers: an R2 bucket binding (wrangler.toml `[[r2_buckets]]`,
 * binding `EVIDENCE`). Each file is the object `evidence/<ab>/<sha256>`, its content type in the
 * object's HTTP metadata. The upload names its SHA-256, so R2 itself refuses bytes that arrive
 * altered; a file already there is not written again (content-addressed, as on disk).
 * Worker-safe: no Node module, only the binding's methods.
 */
import type { EvidenceStore, StoredFile } from '../app/ports/evidence-store';
import { SHA256_HEX, sha256Hex } from './sha256';

/** What an R2 object's metadata says (workerd's R2Object, the little used here). */
export interface R2ObjectLike {
  readonly key: string;
  readonly size: number;
  readonly httpMetadata?: { contentType?: string };
}

/** An R2 object with its body (workerd's R2ObjectBody). */
export interface R2ObjectBodyLike extends R2ObjectLike {
  arrayBuffer(): Promise<ArrayBuffer>;
}

/**
 * The methods of workerd's R2Bucket binding the store uses, typed here (as src/worker/platform.ts
 * types the rest: the global Workers types would clash with Node's in this one tsconfig).
 */
export interface R2BucketLike {
  head(key: string): Promise<R2ObjectLike | null>;
  get(key: string): Promise<R2ObjectBodyLike | null>;
  put(key: string, value: ArrayBuffer | ArrayBufferView, options?: { httpMetadata?: { contentType?: string }; sha256?: string }): Promise<R2ObjectLike | null>;
}

const keyOf = (sha256: string) => `evidence/${sha256.slice(0, 2)}/${sha256}`;
const typeOf = (o: R2ObjectLike) => o.httpMetadata?.contentType ?? 'application/octet-stream';

export function r2EvidenceStore(bucket: R2BucketLike): EvidenceStore {
  return {
    async put(bytes, contentType) {
      const sha256 = sha256Hex(bytes);
      const key = keyOf(sha256);
      const known = await bucket.head(key);
      if (known) return { sha256, contentType: typeOf(known), size: known.size };
      await bucket.put(key, bytes, { httpMetadata: { contentType }, sha256 });
      const file: StoredFile = { sha256, contentType, size: bytes.length };
      return file;
    },
    async get(sha256) {
      if (!SHA256_HEX.test(sha256)) return undefined;
      const object = await bucket.get(keyOf(sha256));
      if (!object) return undefined;
      const bytes = new Uint8Array(await object.arrayBuffer());
      return { sha256, contentType: typeOf(object), size: bytes.length, bytes };
    },
    has: async (sha256) => SHA256_HEX.test(sha256) && (await bucket.head(keyOf(sha256))) !== null,
  };
}
