import type { Clock } from '../app/ports/clock';
import type { Repos, Store } from '../app/ports/store';
import type { Db, DbOrTx } from './database';
import { accountRepo } from './repos/account-repo';
import { auditRepo } from './repos/audit-repo';
import { directoryRepo } from './repos/directory-repo';
import { drawRepo, FrozenDrawCache } from './repos/draw-repo';
import { holidayRepo } from './repos/holiday-repo';
import { inboundRepo } from './repos/inbound-repo';
import { outboxRepo } from './repos/outbox-repo';
import { publicRecordRepo } from './repos/public-record-repo';
import { reportRepo } from './repos/report-repo';
import { recusalRepo } from './repos/recusal-repo';
import { recordRepo } from './repos/record-repo';
import { planRepo } from './repos/plan-repo';
import { registerRepo } from './repos/register-repo';
import { reminderRepo } from './repos/reminder-repo';
import { taskRepo } from './repos/task-repo';

export function reposFor(tx: DbOrTx, clock: Clock, frozenCache?: FrozenDrawCache): Repos {
  return {
    inbound: inboundRepo(tx),
    directory: directoryRepo(tx),
    draws: drawRepo(tx, frozenCache),
    plans: planRepo(tx),
    tasks: taskRepo(tx),
    recusals: recusalRepo(tx),
    accounts: accountRepo(tx),
    audit: auditRepo(tx, () => clock.now()),
    outbox: outboxRepo(tx, clock),
    holidays: holidayRepo(tx),
    reminders: reminderRepo(tx),
    publicRecord: publicRecordRepo(tx),
    reports: reportRepo(tx),
    records: recordRepo(tx),
    registers: registerRepo(tx),
  };
}

/** The drizzle implementation of the Store port: each unit of work is one transaction. */
export function createDrizzleStore(db: Db, clock: Clock): Store {
  const frozenCache = new FrozenDrawCache();
  return {
    transaction: (work) => db.transaction((tx) => work(reposFor(tx, clock, frozenCache))),
  };
}
