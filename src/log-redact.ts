import type { Logger } from './logger';

/** Shorter values are not redacted by value (they would hide ordinary words); patterns still apply. */
const MIN_SECRET_LENGTH = 6;

/**
 * Secrets by shape, whatever their value: bearer tokens, Feishu tenant/app/user access tokens
 * (`t-…`, `a-…`, `u-…`), and JSON or form fields named like a secret (an axios error's request
 * body carries `app_secret` in clear).
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/(bearer\s+)[\w.~+/=-]+/gi, '$1***'],
  [/\b([tau]-)[A-Za-z0-9._-]{16,}/g, '$1***'],
  [
    /((?:app_?secret|encrypt_?key|verification_?token|access_?token|refresh_?token|password|secret|token)(?:\\?")?\s*[:=]\s*(?:\\?")?)([^"\\,}&\s]+)/gi,
    '$1***',
  ],
];

/** Replaces each secret value and each secret-shaped string in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('***');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * `value` with every string in it redacted, its shape kept: plain objects and arrays are copied,
 * an Error whose message, stack, cause or own fields held a secret is copied with its prototype
 * (so `instanceof` still holds), anything else is returned as it is. Bounded in depth; a value
 * with nothing to redact is returned unchanged (the same object).
 */
function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (!value || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) {
    const out = value.map((v) => scrub(v, secrets, depth + 1));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  const isError = value instanceof Error;
  if (!isError && proto !== Object.prototype && proto !== null) return value;
  const keys = new Set(Object.keys(value));
  if (isError) for (const k of ['message', 'stack', 'cause']) keys.add(k);
  const entries = [...keys].map((k) => {
    const v = (value as Record<string, unknown>)[k];
    return [k, v, scrub(v, secrets, depth + 1)] as const;
  });
  if (entries.every(([, before, after]) => before === after)) return value;
  const copy = Object.create(proto as object) as Record<string, unknown>;
  for (const [k, , after] of entries) {
    if (after === undefined && !Object.hasOwn(value, k)) continue;
    const enumerable = Object.getOwnPropertyDescriptor(value, k)?.enumerable ?? false;
    Object.defineProperty(copy, k, { value: after, enumerable, writable: true, configurable: true });
  }
  return copy;
}

/**
 * A logger that never writes a secret, at any level: the configured secrets (app secrets,
 * encrypt keys, verification tokens, database passwords) by value, and tokens by shape. Every
 * message and its data pass through {@link redact} before they reach `inner`.
 */
export function redactingLogger(inner: Logger, secrets: ReadonlyArray<string | undefined>): Logger {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  const at =
    (level: keyof Logger) =>
    (msg: string, data?: Record<string, unknown>): void => {
      inner[level](redact(msg, known), data ? (scrub(data, known) as Record<string, unknown>) : undefined);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
