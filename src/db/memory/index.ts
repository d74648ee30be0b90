/**
 * The in-memory implementation of the store ports (src/app/ports/store.ts), beside the drizzle
 * one and held to the same contract (test/db/contract). No drizzle here: the rules of the lot
 * come from src/domain, the rest mirrors what the SQL repositories do.
 */
export { MemoryDatabase, MemoryTx } from './memory-database';
export { createMemoryStore, memoryReposFor } from './store';
export { memoryOutboxDelivery } from './outbox-delivery';
export { memoryBackend } from './backend';
export { verifyMemoryAuditChain } from './audit-repo';
export { ensureMemoryCatalog, seedMemoryDemoIfEmpty } from './seed';
export * as memoryLoad from './load';
export type * from './rows';
export type * from './tables';
