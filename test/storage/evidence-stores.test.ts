/**
 * The evidence stores under one contract: content-addressed (the SHA-256 of the bytes names
 * them), stored once, read back byte for byte with their content type. The R2 adapter runs
 * against an in-memory object that behaves as workerd's R2Bucket does (metadata, null for a
 * missing key, the upload's SHA-256 checked), and against R2 itself as Miniflare simulates it
 * (the same local R2 `wrangler dev` uses); the disk store on a temporary folder.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceStore } from '../../src/app/ports/evidence-store';
import { fsEvidenceStore } from '../../src/storage/fs-evidence-store';
import { memoryEvidenceStore } from '../../src/storage/memory-evidence-store';
import { r2EvidenceStore, type R2BucketLike, type R2ObjectLike } from '../../src/storage/r2-evidence-store';
import { sha256Hex } from '../../src/storage/sha256';
import { jpegWithExif } from '../support/jpeg';

/** An R2 bucket in memory, as workerd's binding answers: objects with metadata, null when missing, the SHA-256 of a put checked. */
function memoryR2(): R2BucketLike & { keys(): string[]; puts: number } {
  const objects = new Map<string, { bytes: Uint8Array; contentType?: string }>();
  const meta = (key: string, o: { bytes: Uint8Array; contentType?: string }): R2ObjectLike => ({
    key,
    size: o.bytes.length,
    httpMetadata: o.contentType ? { contentType: o.contentType } : {},
  });
  const bucket = {
    puts: 0,
    keys: () => [...objects.keys()],
    async head(key: string) {
      const o = objects.get(key);
      return o ? meta(key, o) : null;
    },
    async get(key: string) {
      const o = objects.get(key);
      if (!o) return null;
      return { ...meta(key, o), arrayBuffer: async () => Uint8Array.from(o.bytes).buffer };
    },
    async put(key: string, value: ArrayBuffer | ArrayBufferView, options?: { httpMetadata?: { contentType?: string }; sha256?: string }) {
      bucket.puts++;
      const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
      if (options?.sha256 && options.sha256 !== sha256Hex(bytes)) throw new Error('put: The SHA-256 checksum you specified did not match what we received.');
      const o = { bytes: Uint8Array.from(bytes), ...(options?.httpMetadata?.contentType ? { contentType: options.httpMetadata.contentType } : {}) };
      objects.set(key, o);
      return meta(key, o);
    },
  };
  return bucket;
}

const photo = new Uint8Array(jpegWithExif('2026:03:02 10:15:30'));
const docx = new TextEncoder().encode('PK\u0003\u0004 not really a document');

function contract(name: string, make: () => Promise<EvidenceStore> | EvidenceStore) {
  describe(name, () => {
    let store: EvidenceStore;
    beforeAll(async () => {
      store = await make();
    });

    it('names a file by the SHA-256 of its bytes and gives the same bytes and type back', async () => {
      const stored = await store.put(photo, 'image/jpeg');
      expect(stored).toEqual({ sha256: sha256Hex(photo), contentType: 'image/jpeg', size: photo.length });
      const got = await store.get(stored.sha256);
      expect(got).toMatchObject({ sha256: stored.sha256, contentType: 'image/jpeg', size: photo.length });
      expect(Buffer.from(got!.bytes).equals(Buffer.from(photo))).toBe(true);
      expect(await store.has(stored.sha256)).toBe(true);
    });

    it('keeps one copy of the same bytes, with the type it was first stored with', async () => {
      const first = await store.put(docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const again = await store.put(docx, 'application/octet-stream');
      expect(again).toEqual(first);
      expect((await store.get(first.sha256))!.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    });

    it('answers undefined or false for a file it does not have, and for a name that is not a SHA-256', async () => {
      const missing = sha256Hex(new TextEncoder().encode('never stored'));
      expect(await store.get(missing)).toBeUndefined();
      expect(await store.has(missing)).toBe(false);
      for (const bad of ['../../etc/passwd', 'ABC', `${missing}/x`]) {
        expect(await store.get(bad)).toBeUndefined();
        expect(await store.has(bad)).toBe(false);
      }
    });
  });
}

contract('memory evidence store', () => memoryEvidenceStore());

const dir = mkdtempSync(join(tmpdir(), 'drbot-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
contract('filesystem evidence store', () => fsEvidenceStore(dir));

const bucket = memoryR2();
contract('R2 evidence store on an in-memory bucket', () => r2EvidenceStore(bucket));

describe('R2 evidence store: what it writes to the bucket', () => {
  it('one object per file under evidence/<ab>/<sha256>, written once', async () => {
    const sha = sha256Hex(photo);
    expect(bucket.keys()).toContain(`evidence/${sha.slice(0, 2)}/${sha}`);
    const puts = bucket.puts;
    await r2EvidenceStore(bucket).put(photo, 'image/jpeg');
    expect(bucket.puts).toBe(puts);
    expect(bucket.keys()).toHaveLength(2);
  });

  it('lets the bucket refuse bytes that do not match the SHA-256 named with them', async () => {
    const lying: R2BucketLike = { ...bucket, head: async () => null, put: (key, _v, o) => bucket.put(key, new Uint8Array([1, 2, 3]), o) };
    await expect(r2EvidenceStore(lying).put(new TextEncoder().encode('other'), 'text/plain')).rejects.toThrow(/SHA-256/);
  });
});

describe('R2 evidence store on R2 as Miniflare simulates it', () => {
  let mf: Miniflare;
  beforeAll(async () => {
    mf = new Miniflare({ modules: true, script: 'export default { fetch: () => new Response("") }', r2Buckets: ['EVIDENCE'] });
    await mf.ready;
  });
  afterAll(() => mf?.dispose());

  contract('in workerd', async () => r2EvidenceStore((await mf.getR2Bucket('EVIDENCE')) as unknown as R2BucketLike));

  it('writes the content type into the object’s HTTP metadata', async () => {
    const r2 = await mf.getR2Bucket('EVIDENCE');
    const sha = sha256Hex(photo);
    const object = await r2.head(`evidence/${sha.slice(0, 2)}/${sha}`);
    expect(object?.httpMetadata?.contentType).toBe('image/jpeg');
    expect(object?.size).toBe(photo.length);
  });
});

it('keeps the disk store’s files under <ab>/<sha256>', () => {
  const sha = sha256Hex(photo);
  expect(readdirSync(join(dir, sha.slice(0, 2)))).toContain(sha);
});
