/**
 * Feishu's file endpoints, called with fetch and the tenant token the SDK's client manages (the
 * SDK's own helpers re-serialise multipart bodies and drop the business code of binary answers):
 * - upload: `POST /open-apis/im/v1/files` (multipart: file_type, file_name, file; ≤ 30 MB, not
 *   empty), answered `{ code, data: { file_key } }`; a file message then names the key;
 * - download: `GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=image|file`
 *   (≤ 100 MB; the bot must be in the chat), answered with the bytes and their Content-Type, or a
 *   JSON error body.
 */
import { NetworkError, PlatformRejectedError } from '../../app/ports/messenger';

export interface FeishuFileApi {
  upload(file: { name: string; bytes: Uint8Array; contentType: string }): Promise<string>;
  download(messageId: string, fileKey: string, type: 'image' | 'file', maxBytes: number): Promise<{ bytes: Uint8Array; contentType: string }>;
}

/** Feishu's upload `file_type` for a file name: the document kinds it knows, else `stream`. */
export function feishuFileType(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  if (ext === 'pdf') return 'pdf';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'xls' || ext === 'xlsx') return 'xls';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  return 'stream';
}

/** The file is larger than the caller accepts (the download is cut off, nothing is kept). */
export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file larger than ${limit} bytes`);
    this.name = 'FileTooLargeError';
  }
}

export function createFeishuFileApi(opts: { baseUrl: string; token: () => Promise<string>; timeoutMs: number }): FeishuFileApi {
  const base = opts.baseUrl.replace(/\/+$/, '');
  async function request(what: string, path: string, init: RequestInit): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        ...init,
        headers: { ...(init.headers ?? {}), authorization: `Bearer ${await opts.token()}` },
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      if (err instanceof PlatformRejectedError) throw err;
      throw new NetworkError(`Feishu ${what} failed: ${String((err as Error)?.message ?? err)}`, err);
    }
    if (!res.ok || (res.headers.get('content-type') ?? '').includes('application/json')) {
      const body = (await res.json().catch(() => ({}))) as { code?: number; msg?: string };
      if (res.ok && body.code === 0) return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      const retryable = res.status === 429 || res.status >= 500 || body.code === 99991400;
      const reset = Number(res.headers.get('x-ogw-ratelimit-reset'));
      throw new PlatformRejectedError(
        `Feishu ${what} rejected (HTTP ${res.status}): ${body.code ?? ''} ${body.msg ?? ''}`.trim(),
        body.code ?? `http_${res.status}`,
        Number.isFinite(reset) && reset >= 0 && res.headers.has('x-ogw-ratelimit-reset') ? reset : undefined,
        retryable,
      );
    }
    return res;
  }
  return {
    async upload(file) {
      const form = new FormData();
      form.append('file_type', feishuFileType(file.name));
      form.append('file_name', file.name);
      form.append('file', new Blob([Uint8Array.from(file.bytes)], { type: file.contentType }), file.name);
      const res = await request('file upload', '/open-apis/im/v1/files', { method: 'POST', body: form });
      const body = (await res.json()) as { data?: { file_key?: unknown } };
      const key = body.data?.file_key;
      if (typeof key !== 'string' || !key) throw new PlatformRejectedError('Feishu file upload returned no file_key', 'no_file_key');
      return key;
    },
    async download(messageId, fileKey, type, maxBytes) {
      const path = `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/resources/${encodeURIComponent(fileKey)}?type=${type}`;
      const res = await request('message resource', path, { method: 'GET' });
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel();
        throw new FileTooLargeError(maxBytes);
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) throw new FileTooLargeError(maxBytes);
        chunks.push(chunk);
      }
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.length;
      }
      return { bytes, contentType: (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim() };
    },
  };
}
