/**
 * Canonical ordering: strings compare by UTF-16 code units (JavaScript `<`), which for the
 * ASCII keys used here (USCC, 执法证号) is plain byte order.
 */

/** -1, 0 or 1 by UTF-16 code-unit order. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted copy without duplicates. */
export function sortedUnique(values: readonly string[]): string[] {
  const out = [...values].sort(compareCodeUnits);
  return out.filter((v, i) => i === 0 || v !== out[i - 1]);
}

/** True when `values` is already sorted without duplicates (O(n)). */
export function isSortedUnique(values: readonly string[]): boolean {
  for (let i = 1; i < values.length; i++) {
    if (!((values[i - 1] as string) < (values[i] as string))) return false;
  }
  return true;
}

/** `values` itself when sorted and unique, else a sorted unique copy. */
export function canonicalList(values: readonly string[]): readonly string[] {
  return isSortedUnique(values) ? values : sortedUnique(values);
}

/**
 * Items in strictly ascending order of `key`; sorts only when needed (an O(n) check first).
 * Returns the first duplicated key instead when two items share one.
 */
export function sortByKey<T>(items: T[], key: (item: T) => string): { ok: true; items: T[] } | { ok: false; duplicate: string } {
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) {
    sorted = key(items[i - 1] as T) < key(items[i] as T);
  }
  const out = sorted ? items : [...items].sort((a, b) => compareCodeUnits(key(a), key(b)));
  if (!sorted) {
    for (let i = 1; i < out.length; i++) {
      const k = key(out[i] as T);
      if (k === key(out[i - 1] as T)) return { ok: false, duplicate: k };
    }
  }
  return { ok: true, items: out };
}
