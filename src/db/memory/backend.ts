import { randomBytes } from 'node:crypto';
import type { Clock } from '../../app/ports/clock';
import { memoryCardBindings } from './card-bindings';
import { memoryLocalHistory } from '../../app/ports/local-history';
import type { Backend } from '../backend';
import { MemoryDatabase } from './memory-database';
import { memoryOutboxDelivery } from './outbox-delivery';
import { ensureMemoryCatalog, seedMemoryDemoIfEmpty } from './seed';
import { createMemoryStore } from './store';

/** The in-memory store as a Backend: for tests and any mode that keeps no data past the process. */
export function memoryBackend(clock: Clock, memory: MemoryDatabase = new MemoryDatabase()): Backend & { memory: MemoryDatabase } {
  const store = createMemoryStore(memory, clock);
  // Nothing outlives the process here, so neither do the keys: a fresh id each start.
  const installation = `mem-${randomBytes(6).toString('hex')}`;
  return {
    driver: 'memory',
    location: 'memory',
    memory,
    store,
    outbox: memoryOutboxDelivery(memory),
    localHistory: memoryLocalHistory(),
    cards: memoryCardBindings(),
    installationId: async () => installation,
    probeWrite: async () => {},
    ensureCatalog: () => ensureMemoryCatalog(memory),
    seedDemoIfEmpty: (referenceDate, at) => seedMemoryDemoIfEmpty(memory, referenceDate, at),
    async localPeople() {
      return [...memory.committed.people.values()]
        .filter((p) => p.localId !== null)
        .sort((a, b) => a.id - b.id)
        .map((p) => ({ localId: p.localId!, name: p.name, role: p.role, unit: p.unit }));
    },
    ping: async () => ({ ok: true, version: 'in-memory store' }),
    close: async () => {},
  };
}
