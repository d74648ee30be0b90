import { type SQL, sql } from 'drizzle-orm';

/**
 * The `set` of an upsert that takes the proposed row's value for each of `columns`
 * (`excluded.<column>`; the schema's camelCase keys are snake_case columns).
 */
export function fromExcluded<K extends string>(columns: readonly K[]): Record<K, SQL> {
  return Object.fromEntries(columns.map((c) => [c, sql.raw(`excluded.${c.replace(/[A-Z]/g, (x) => `_${x.toLowerCase()}`)}`)])) as Record<K, SQL>;
}
