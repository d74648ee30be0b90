/** A stored file: its SHA-256 (hex, lower case) names it. */
export interface StoredFile {
  sha256: string;
  contentType: string;
  size: number;
}

/**
 * Where photos, files and issued documents are kept, each once under the SHA-256 of its bytes
 * (content-addressed: storing the same bytes twice keeps one copy, and a name can never point at
 * other bytes). Implementations in src/storage: files under `DATA_DIR/evidence` on Node
 * (fs-evidence-store.ts), an R2 bucket on Cloudflare Workers (r2-evidence-store.ts), and memory
 * for the in-memory store and tests.
 */
export interface EvidenceStore {
  /** Stores the bytes (once) and returns their name. */
  put(bytes: Uint8Array, contentType: string): Promise<StoredFile>;
  get(sha256: string): Promise<(StoredFile & { bytes: Uint8Array }) | undefined>;
  has(sha256: string): Promise<boolean>;
}
