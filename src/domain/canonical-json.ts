/**
 * Canonical JSON: object keys sorted by UTF-16 code units at every level, no whitespace,
 * keys with `undefined` values left out, strings and numbers written by ECMAScript
 * `JSON.stringify`. Only plain objects, arrays, strings, booleans, null and finite numbers.
 * Equal values give equal text whatever their key order (PostgreSQL jsonb reorders keys); the
 * draw record (docs/draw-algorithm.md) and the audit chain both hash this text.
 */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical JSON text of `value`. Throws TypeError on anything it cannot represent. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareCodeUnits(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
}
