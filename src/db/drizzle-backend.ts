import { asc, isNotNull } from 'drizzle-orm';
import type { Clock } from '../app/ports/clock';
import type { Backend } from './backend';
import { writeProbe, type Database } from './database';
import { cardBindingRepo } from './repos/card-binding-repo';
import { inboxRepo } from './repos/inbox-repo';
import { installationId } from './repos/installation-repo';
import { localHistoryRepo } from './repos/local-history-repo';
import { outboxDeliveryRepo } from './repos/outbox-delivery-repo';
import { people } from './schema';
import { ensureCatalog } from './seed/catalog';
import { seedDemoIfEmpty } from './seed/demo';
import { createDrizzleStore } from './store';

/** The drizzle database as a Backend. */
export function drizzleBackend(database: Database, clock: Clock): Backend {
  const { db } = database;
  const store = createDrizzleStore(db, clock);
  return {
    driver: database.driver,
    location: database.location,
    store,
    outbox: outboxDeliveryRepo(db),
    localHistory: localHistoryRepo(db),
    cards: cardBindingRepo(db),
    installationId: () => installationId(db),
    inbox: inboxRepo(db, database.intake ? () => database.intake!() : undefined),
    probeWrite: (instance, at) => (database.probeWrite ? database.probeWrite(instance, at) : writeProbe(db, instance, at)),
    database,
    ensureCatalog: () => ensureCatalog(db),
    seedDemoIfEmpty: (referenceDate, at) => seedDemoIfEmpty(db, referenceDate, at),
    async localPeople() {
      const rows = await db
        .select({ localId: people.localId, name: people.name, role: people.role, unit: people.unit })
        .from(people)
        .where(isNotNull(people.localId))
        .orderBy(asc(people.id));
      return rows.map((r) => ({ ...r, localId: r.localId! }));
    },
    ping: () => database.ping(),
    close: () => database.close(),
  };
}
