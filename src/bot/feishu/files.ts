/**
 * Download of a photo or file a person sent the bot, called with fetch and the tenant token the
 * SDK's client manages (the SDK's helper drops the business code of a binary answer and buffers
 * the whole file before we could stop it):
 * `GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=image|file` (≤ 100 MB; the
 * bot must be in the chat), answered with the bytes and their Content-Type, or a JSON error body.
 * Uploads (files the bot sends) go through the SDK in client.ts.
 */
import { NetworkError, PlatformRejectedError } from '../../app/ports/messenger';

export interface FeishuFileApi {
  download(messageId: string, fileKey: string, type: 'image' | 'file', maxBytes: number): Promise<{ bytes: Uint8Array; contentType: string }>;
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
