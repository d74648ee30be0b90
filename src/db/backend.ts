import type { CardBindings } from '../app/ports/card-bindings';
import type { InboxQueue } from '../app/ports/inbox';
import type { LocalHistory } from '../app/ports/local-history';
import type { OutboxDelivery } from '../app/ports/outbox';
import type { Role, Store } from '../app/ports/store';
import type { IsoDate } from '../domain/model';
import type { Database } from './database';

/**
 * Where the data lives, as the runtime (src/deps.ts) needs it: the drizzle database (PGlite or
 * PostgreSQL), or the in-memory store (src/db/memory) that keeps nothing past the process.
 * Everything the chat does goes through `store`; the rest serves what sits around it (the
 * outbox sender, the demo data, the local chat's people, the health check).
 */
export interface Backend {
  driver: 'pglite' | 'postgres' | 'memory';
  /** Where the data lives, for logs: a folder, a URL without its password, or `memory`. */
  location: string;
  store: Store;
  /** The outbox as its sender works it. */
  outbox: OutboxDelivery;
  /** The local chat simulator's conversations. */
  localHistory: LocalHistory;
  /** The controls of every card shown (clicks are checked against them). */
  cards: CardBindings;
  /** This installation's id, made at the first start: the prefix of every idempotency key a platform sees. */
  installationId(): Promise<string>;
  /** The durable inbox of platform deliveries (SQL only; without it deliveries are handled at once). */
  inbox?: InboxQueue;
  /** A real write for the health check, under `instance`. */
  probeWrite(instance: string, at: Date): Promise<void>;
  /** The SQL database, for what only it does (the scheduler's job_runs, pruning); absent in memory. */
  database?: Database;
  /** Writes the plan's check items (on every start; new wording replaces the old). */
  ensureCatalog(): Promise<void>;
  /** Loads the fictional demo data, only when no agency exists yet. */
  seedDemoIfEmpty(referenceDate: IsoDate, at: Date): Promise<{ seeded: boolean; reason?: string }>;
  /** The people of the local chat simulator (those with a local id), by id. */
  localPeople(): Promise<Array<{ localId: string; name: string; role: Role; unit: string }>>;
  ping(): Promise<{ ok: boolean; version?: string; error?: string }>;
  close(): Promise<void>;
}
