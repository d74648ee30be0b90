/**
 * What the database does to values on their way in and out, done alike here: jsonb normalizes
 * (dates become strings, `undefined` members vanish, object keys come back shorter first, then
 * in byte order), unique indexes refuse a second row, and every read hands out a fresh copy.
 */
import type { Person } from '../../app/ports/store';
import type { PersonRecord } from './rows';

const utf8 = new TextEncoder();

/** PostgreSQL's jsonb key order: shorter keys first, then bytewise. */
function jsonbKeyOrder(a: string, b: string): number {
  const [x, y] = [utf8.encode(a), utf8.encode(b)];
  if (x.length !== y.length) return x.length - y.length;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return 0;
}

function orderKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(orderKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => jsonbKeyOrder(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, orderKeys(v)]));
}

/** A value as a jsonb column stores and returns it (a fresh copy each time). */
export function jsonb<T>(value: T): T {
  return orderKeys(JSON.parse(JSON.stringify(value ?? null))) as T;
}

/** A copy of a stored jsonb value for a reader. */
export function readJson<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** A copy of a timestamp (stored dates are shared between transactions; readers get their own). */
export function readDate<T extends Date | null>(value: T): T {
  return (value === null ? null : new Date(value.getTime())) as T;
}

/** The error PostgreSQL raises for a second row under a unique index (the constraint's name as in the schema). */
export class UniqueViolation extends Error {
  readonly code = '23505';
  constructor(readonly constraint: string) {
    super(`duplicate key value violates unique constraint "${constraint}"`);
  }
}

/** The error PostgreSQL raises for a reference to a row that does not exist. */
export class ForeignKeyViolation extends Error {
  readonly code = '23503';
  constructor(readonly constraint: string) {
    super(`insert or update violates foreign key constraint "${constraint}"`);
  }
}

/** Throws a UniqueViolation when a row of `rows` matches. */
export function ensureUnique<R>(rows: Iterable<R>, matches: (row: R) => boolean, constraint: string): void {
  for (const row of rows) if (matches(row)) throw new UniqueViolation(constraint);
}

/** The port's view of a person (the columns of `personColumns` in directory-repo.ts). */
export function toPerson(p: PersonRecord): Person {
  return { id: p.id, agencyId: p.agencyId, name: p.name, role: p.role, unit: p.unit, certificateNo: p.certificateNo };
}

/** Rows in ascending order of a numeric key (the `order by id` of the SQL repositories). */
export function sortedBy<R>(rows: Iterable<R>, key: (row: R) => number): R[] {
  return [...rows].sort((a, b) => key(a) - key(b));
}

export { toEnterprise } from '../enterprise-row';
