import type { Clock } from '../../app/ports/clock';
import type { Repos, Store } from '../../app/ports/store';
import { accountRepo } from './account-repo';
import { memoryAuditRepo } from './audit-repo';
import { directoryRepo } from './directory-repo';
import { drawRepo } from './draw-repo';
import { holidayRepo } from './holiday-repo';
import type { MemoryDatabase, MemoryTx } from './memory-database';
import { inboundRepo, outboxRepo } from './messaging-repos';
import { publicRecordRepo } from './public-record-repo';
import { reportRepo } from './report-repo';
import { recusalRepo } from './recusal-repo';
import { recordRepo } from './record-repo';
import { planRepo } from './plan-repo';
import { registerRepo } from './register-repo';
import { reminderRepo } from './reminder-repo';
import { taskRepo } from './task-repo';

/** Every port on one in-memory transaction. */
export function memoryReposFor(tx: MemoryTx, clock: Clock): Repos {
  return {
    inbound: inboundRepo(tx, clock),
    directory: directoryRepo(tx),
    draws: drawRepo(tx, clock),
    plans: planRepo(tx, clock),
    tasks: taskRepo(tx, clock),
    recusals: recusalRepo(tx),
    accounts: accountRepo(tx, clock),
    audit: memoryAuditRepo(tx, () => clock.now()),
    outbox: outboxRepo(tx, clock),
    holidays: holidayRepo(tx, clock),
    reminders: reminderRepo(tx, clock),
    publicRecord: publicRecordRepo(tx),
    reports: reportRepo(tx),
    records: recordRepo(tx, clock),
    registers: registerRepo(tx, clock),
  };
}

/**
 * The in-memory implementation of the Store port, beside the drizzle one (src/db/store.ts) and
 * held to the same contract (test/db/contract): units of work run one at a time, and a unit of
 * work that throws leaves nothing behind. For tests, and for any mode that keeps no data.
 */
export function createMemoryStore(memory: MemoryDatabase, clock: Clock): Store {
  return {
    transaction: (work) => memory.transaction((tx) => work(memoryReposFor(tx, clock))),
  };
}
