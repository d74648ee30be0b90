/** A stored file: its SHA-256 (hex, lower case) names it. */
export interface StoredFile {
  sha256: string;
  contentType: string;
  size: number;
}

/**
 * Where photos, files and issued documents are kept, each once under the SHA-256 of its bytes
 * (content-addressed: storing the same bytes twice keeps one copy, and a name can never point at
 * other bytes). The filesystem implementation (src/storage/fs-evidence-store.ts) keeps them under
 * `DATA_DIR`; another (an S3-compatible bucket on Workers) only has to do these three things.
 */
export interface EvidenceStore {
  /** Stores the bytes (once) and returns their name. */
  put(bytes: Uint8Array, contentType: string): Promise<StoredFile>;
  get(sha256: string): Promise<(StoredFile & { bytes: Uint8Array }) | undefined>;
  has(sha256: string): Promise<boolean>;
}
