/**
 * Authenticity checks for Feishu deliveries, done by us rather than by the SDK.
 *
 * Why not `EventDispatcher.invoke(data)` with `needCheck`? The SDK (1.74):
 * - signs `JSON.stringify(parsedBody)`, not the bytes Feishu sent, so a body that is not compact
 *   JSON (a space after a colon) fails even when it is genuine;
 * - compares with `===` (not constant-time);
 * - never compares the verification token on plaintext events, nor on `url_verification`;
 * - has no replay window.
 * So the webhook verifies here over the raw bytes and then treats the payload as trusted.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Replay window for `X-Lark-Request-Timestamp` (seconds either side of now). */
export const FEISHU_TIMESTAMP_WINDOW_SECONDS = 5 * 60;

/** hex(sha256(timestamp + nonce + encryptKey + rawBody)), the `X-Lark-Signature` value. */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string | Uint8Array): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}

/** Compares two strings in constant time (for equal lengths; a length mismatch is simply false). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when `signature` is the Feishu signature of the RAW body (bytes as received). */
export function verifyFeishuSignature(input: {
  timestamp: string | undefined;
  nonce: string | undefined;
  signature: string | undefined;
  rawBody: string | Uint8Array;
  encryptKey: string;
}): boolean {
  const { timestamp, nonce, signature, rawBody, encryptKey } = input;
  if (!timestamp || !nonce || !signature) return false;
  return safeEqual(feishuSignature(timestamp, nonce, encryptKey, rawBody), signature.trim().toLowerCase());
}

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/**
 * Decrypts the `encrypt` field: base64(IV(16) ‖ AES-256-CBC(key = sha256(encryptKey), PKCS#7)).
 * Throws on malformed input or a wrong key. A wrong key passes the PKCS#7 padding check about
 * once in 256 tries, so the plaintext must also be valid UTF-8 (garbage almost never is).
 */
export function decryptFeishu(encrypt: string, encryptKey: string): string {
  const raw = Buffer.from(encrypt, 'base64');
  if (raw.length < 32 || (raw.length - 16) % 16 !== 0) throw new Error('feishu: malformed encrypt field');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), raw.subarray(0, 16));
  const plain = Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]);
  return STRICT_UTF8.decode(plain);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The inverse of {@link decryptFeishu}, as Feishu does it (random IV). For tests and fakes. */
export function encryptFeishu(plaintext: string, encryptKey: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

/**
 * Parses `X-Lark-Request-Timestamp` into unix seconds. The format is documented for v2 events
 * only by example (unix seconds); a Go SDK sample uses an HTTP date for legacy card callbacks.
 * So: digits are seconds (or ms / µs when implausibly large); otherwise try `Date.parse`.
 */
export function parseFeishuTimestamp(header: string | undefined): number | undefined {
  const s = header?.trim();
  if (!s) return undefined;
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n > 1e14) return Math.floor(n / 1e6);
    if (n > 1e11) return Math.floor(n / 1e3);
    return n;
  }
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** Why a timestamp was refused, or null when it is inside the window. */
export function checkFeishuTimestamp(header: string | undefined, now: Date, windowSeconds = FEISHU_TIMESTAMP_WINDOW_SECONDS): string | null {
  const ts = parseFeishuTimestamp(header);
  if (ts === undefined) return header ? 'unparseable timestamp' : 'missing timestamp';
  const skew = Math.abs(now.getTime() / 1000 - ts);
  return skew > windowSeconds ? `timestamp outside window (skew ${Math.round(skew)} s)` : null;
}

/**
 * The verification token a payload carries: `header.token` for schema 2.0, the top-level
 * `token` for v1 events and `url_verification`.
 */
export function verificationTokenOf(payload: Record<string, unknown>): string | undefined {
  const header = payload['header'];
  if (payload['schema'] !== undefined && header && typeof header === 'object') {
    const t = (header as Record<string, unknown>)['token'];
    return typeof t === 'string' ? t : undefined;
  }
  const t = payload['token'];
  return typeof t === 'string' ? t : undefined;
}

/** True when the payload's verification token equals the configured one. */
export function checkVerificationToken(payload: Record<string, unknown>, expected: string): boolean {
  const got = verificationTokenOf(payload);
  if (got === undefined || !expected) return false;
  // Hash both sides first so the compare is constant-time whatever the lengths.
  const h = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
  return safeEqual(h(got), h(expected));
}
